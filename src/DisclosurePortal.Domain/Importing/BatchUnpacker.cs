using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;

namespace DisclosurePortal.Domain.Importing;

/// <summary>One file of an import batch as uploaded: its name (no path), bytes and SHA-256, or why it was refused.</summary>
public sealed record UnpackedFile(int Position, string Name, byte[] Bytes, string Sha256, string? Refusal);

/// <summary>The files of one upload, or why the whole upload was refused.</summary>
public sealed record UnpackedBatch(IReadOnlyList<UnpackedFile> Files, string? Refusal);

/// <summary>
/// Turns an upload (several files, or zips of them) into the batch's files, under limits that a hostile zip cannot
/// get past: the entry count, each entry's and the total's bytes as actually inflated (a declared size is never
/// trusted), and names that try to climb out of a folder. Nothing is written to disk; only the name of an entry is kept.
/// </summary>
public sealed class BatchUnpacker(int maxFiles = BatchUnpacker.MaxFiles, long maxFileBytes = BatchUnpacker.MaxFileBytes,
    long maxTotalBytes = BatchUnpacker.MaxTotalBytes)
{
    public const int MaxFiles = 500;
    public const long MaxFileBytes = 50 * 1024 * 1024;
    public const long MaxTotalBytes = 1024L * 1024 * 1024;
    /// <summary>The longest file name kept (Windows' MAX_PATH).</summary>
    public const int MaxNameLength = 260;

    private readonly List<UnpackedFile> _files = [];
    private readonly Dictionary<string, int> _bySha = new(StringComparer.Ordinal);
    private long _total;

    public static UnpackedBatch Unpack(IEnumerable<(string Name, Stream Content)> uploads,
        int maxFiles = MaxFiles, long maxFileBytes = MaxFileBytes, long maxTotalBytes = MaxTotalBytes) =>
        new BatchUnpacker(maxFiles, maxFileBytes, maxTotalBytes).Run(uploads);

    private UnpackedBatch Run(IEnumerable<(string Name, Stream Content)> uploads)
    {
        foreach (var (name, content) in uploads)
        {
            var problem = name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? AddZip(name, content)
                : AddFile(FileNameOf(name), content);
            if (problem is not null) return new UnpackedBatch([], problem);
        }
        return _files.Count == 0 ? new UnpackedBatch([], "没有收到文件，请选择要导入的报告文件或一个 zip") : new UnpackedBatch(_files, null);
    }

    private string? AddZip(string zipName, Stream content)
    {
        ZipArchive zip;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            entries = zip.Entries;
        }
        catch (InvalidDataException) { return $"「{FileNameOf(zipName)}」不是有效的 zip 文件"; }
        using (zip)
        {
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\')) continue; // a folder
                if (IsTraversal(entry.FullName))
                {
                    var refused = Add(FileNameOf(entry.FullName), [],
                        $"文件名「{entry.FullName}」指向压缩包之外，已拒绝（导入只保存文件名，不保存路径）");
                    if (refused is not null) return refused;
                    continue;
                }
                string? problem;
                try
                {
                    using var stream = entry.Open();
                    problem = AddFile(FileNameOf(entry.FullName), stream, entry.Length);
                }
                // An encrypted entry (7-Zip, WinRAR), a method .NET cannot inflate, or damaged data: this file only.
                catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
                {
                    problem = Add(FileNameOf(entry.FullName), [], "无法解压该文件（可能已加密、使用了不支持的压缩方式或已损坏），请解压后直接上传");
                }
                if (problem is not null) return problem;
            }
        }
        return null;
    }

    private string? AddFile(string name, Stream content, long? declaredLength = null)
    {
        var (bytes, tooLarge) = ReadAtMost(content, maxFileBytes, declaredLength ?? (content.CanSeek ? content.Length : 0));
        if (tooLarge)
            return Add(name, [], $"文件超过 {maxFileBytes / 1024 / 1024} MB，不像是一份年度报告");
        _total += bytes.Length;
        if (_total > maxTotalBytes)
            return $"解压后的文件合计超过 {maxTotalBytes / 1024 / 1024} MB，请分批上传";
        return Add(name, bytes, null);
    }

    private string? Add(string name, byte[] bytes, string? refusal)
    {
        if (_files.Count >= maxFiles)
            return $"一批最多 {maxFiles.ToString(CultureInfo.InvariantCulture)} 个文件，请分批上传";
        var position = _files.Count + 1;
        // The name is shown and stored (import_files.name): a control character or a name past the limit is refused,
        // kept only as a readable stand-in.
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            refusal ??= $"文件名过长（超过 {MaxNameLength} 字）或含有控制字符，请改名后再上传";
            name = VisibleText.Shorten(new string([.. name.Select(c => char.IsControl(c) ? '?' : c)]), MaxNameLength);
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (refusal is null)
        {
            if (_bySha.TryGetValue(sha, out var first))
                refusal = $"与第 {first.ToString(CultureInfo.InvariantCulture)} 个文件重复";
            else _bySha[sha] = position;
        }
        _files.Add(new UnpackedFile(position, name, refusal is null ? bytes : [], sha, refusal));
        return null;
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes and stops at the first byte past it, whatever was declared; the
    /// declared length only sizes the buffer (capped at the limit), so a batch of hundreds is not copied over and over.
    /// </summary>
    private static (byte[] Bytes, bool TooLarge) ReadAtMost(Stream stream, long limit, long declared)
    {
        using var buffer = new MemoryStream((int)Math.Clamp(declared, 0, Math.Min(limit, 16 * 1024 * 1024)));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit) return ([], true);
            buffer.Write(chunk, 0, read);
        }
        // The buffer is exactly full when the declared length was true: its array is the file, no copy.
        return (buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray(), false);
    }

    private static bool IsTraversal(string fullName)
    {
        var n = fullName.Replace('\\', '/');
        return n.StartsWith('/') || (n.Length > 1 && n[1] == ':') || n.Split('/').Any(part => part == "..");
    }

    /// <summary>Only the last part of a path: nested folders are flattened to the file's name.</summary>
    public static string FileNameOf(string path)
    {
        var n = path.Replace('\\', '/');
        var name = n[(n.LastIndexOf('/') + 1)..];
        return name.Length == 0 ? "（无名文件）" : name;
    }
}
