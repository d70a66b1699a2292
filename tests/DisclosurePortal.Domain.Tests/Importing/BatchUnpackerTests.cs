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

    /// <summary>Sets the compression method of the zip's first entry, in its local and its central header.</summary>
    private static MemoryStream WithFirstEntryMethod(MemoryStream zip, ushort method)
    {
        var bytes = zip.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 2), method); // local file header: signature, version, flags, method
        var central = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x50, 0x4b, 0x01, 0x02]);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 10, 2), method);
        return new MemoryStream(bytes);
    }

    [Theory]
    [InlineData((ushort)12)] // BZip2
    [InlineData((ushort)99)] // AES, as 7-Zip and WinRAR encrypt
    public void An_entry_that_cannot_be_inflated_is_refused_and_the_rest_of_the_zip_kept(ushort method)
    {
        var zip = WithFirstEntryMethod(Zip(("加密.html", Text("secret")), ("b.txt", Text("b"))), method);
        var batch = BatchUnpacker.Unpack([("r.zip", zip)]);
        Assert.Null(batch.Refusal);
        Assert.Equal("无法解压该文件（可能已加密、使用了不支持的压缩方式或已损坏），请解压后直接上传", batch.Files[0].Refusal);
        Assert.Equal("加密.html", batch.Files[0].Name);
        Assert.Null(batch.Files[1].Refusal);
        Assert.Equal(Text("b"), batch.Files[1].Bytes);
    }

    [Fact]
    public void A_damaged_entry_is_refused_and_the_rest_of_the_zip_kept()
    {
        var bytes = Zip(("损坏.html", Text(new string('报', 4000))), ("b.txt", Text("b"))).ToArray();
        // The first entry's deflate data, just past its 30-byte header and its name: overwritten with invalid blocks.
        var start = 30 + Encoding.UTF8.GetByteCount("损坏.html");
        bytes.AsSpan(start, 8).Fill(0xff);
        var batch = BatchUnpacker.Unpack([("r.zip", new MemoryStream(bytes))]);
        Assert.Null(batch.Refusal);
        Assert.StartsWith("无法解压该文件", batch.Files[0].Refusal, StringComparison.Ordinal);
        Assert.Null(batch.Files[1].Refusal);
    }

    [Fact]
    public void A_name_too_long_or_with_a_control_character_is_refused_and_kept_readable()
    {
        var batch = BatchUnpacker.Unpack([
            (new string('长', 300) + ".html", new MemoryStream(Text("a"))),
            ("a\0b.html", new MemoryStream(Text("b"))),
        ]);
        Assert.Null(batch.Refusal);
        Assert.All(batch.Files, f => Assert.Equal("文件名过长（超过 260 字）或含有控制字符，请改名后再上传", f.Refusal));
        Assert.Equal(BatchUnpacker.MaxNameLength, batch.Files[0].Name.Length);
        Assert.EndsWith("…", batch.Files[0].Name, StringComparison.Ordinal);
        Assert.Equal("a?b.html", batch.Files[1].Name);
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
