using System.IO.Compression;
using System.Text;
using DisclosurePortal.Domain.Importing;

namespace DisclosurePortal.Domain.Tests.Importing;

public sealed class BatchUnpackerTests
{
    private static MemoryStream Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        ms.Position = 0;
        return ms;
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Nested_folders_of_a_zip_are_flattened_to_the_file_names()
    {
        var batch = BatchUnpacker.Unpack([("reports.zip", Zip(("2023/a/洪泽区.html", Text("a")), ("b.txt", Text("b"))))]);
        Assert.Null(batch.Refusal);
        Assert.Equal(["洪泽区.html", "b.txt"], batch.Files.Select(f => f.Name));
        Assert.All(batch.Files, f => Assert.Null(f.Refusal));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../x.html")]
    [InlineData("C:/x.html")]
    public void An_entry_climbing_out_of_the_zip_is_refused_by_name(string name)
    {
        var batch = BatchUnpacker.Unpack([("r.zip", Zip((name, Text("x"))))]);
        var file = Assert.Single(batch.Files);
        Assert.Equal($"文件名「{name}」指向压缩包之外，已拒绝（导入只保存文件名，不保存路径）", file.Refusal);
        Assert.Empty(file.Bytes);
    }

    [Fact]
    public void An_entry_inflating_past_the_file_limit_is_refused_without_reading_it_all()
    {
        var bomb = new byte[10_000]; // zeros compress to almost nothing
        var batch = BatchUnpacker.Unpack([("r.zip", Zip(("bomb.txt", bomb)))], maxFileBytes: 1000);
        Assert.Equal("文件超过 0 MB，不像是一份年度报告", Assert.Single(batch.Files).Refusal);
    }

    [Fact]
    public void A_zip_inflating_past_the_total_limit_refuses_the_batch()
    {
        var batch = BatchUnpacker.Unpack([("r.zip", Zip(("a.txt", new byte[600]), ("b.txt", new byte[601])))],
            maxFileBytes: 1000, maxTotalBytes: 1000);
        Assert.Empty(batch.Files);
        Assert.Equal("解压后的文件合计超过 0 MB，请分批上传", batch.Refusal);
    }

    [Fact]
    public void More_files_than_the_limit_refuse_the_batch()
    {
        var entries = Enumerable.Range(1, 4).Select(i => ($"{i}.txt", Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var batch = BatchUnpacker.Unpack([("r.zip", Zip(entries))], maxFiles: 3);
        Assert.Equal("一批最多 3 个文件，请分批上传", batch.Refusal);
    }

    [Fact]
    public void A_second_copy_of_a_file_is_marked_as_a_duplicate_of_the_first()
    {
        var batch = BatchUnpacker.Unpack([
            ("a.html", new MemoryStream(Text("same"))), ("b.html", new MemoryStream(Text("other"))),
            ("r.zip", Zip(("c.html", Text("same"))))]);
        Assert.Equal([null, null, "与第 1 个文件重复"], batch.Files.Select(f => f.Refusal));
    }

    [Fact]
    public void A_broken_zip_refuses_the_batch_with_its_name() =>
        Assert.Equal("「坏.zip」不是有效的 zip 文件",
            BatchUnpacker.Unpack([("坏.zip", new MemoryStream(Text("not a zip")))]).Refusal);
}
