using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Importing;

public enum ImportFileState
{
    /// <summary>Uploaded, not yet read.</summary>
    Waiting,
    /// <summary>Read: a report with its body (matched or to be chosen) and year, ready to accept.</summary>
    Read,
    /// <summary>Cannot be read (or was refused on upload, or by the import); the reason says why.</summary>
    Refused,
    Dropped,
    Accepted,
}

/// <summary>
/// A reviewer's upload of published reports (many files, or zips of them) for their region, kept until each file is
/// accepted as history, dropped or refused: nothing of it is published before the reviewer accepts it, and it
/// survives a reload or a restart because it lives in the database, never on disk.
/// </summary>
public sealed class ImportBatch
{
    private readonly List<ImportFile> _files = [];

    private ImportBatch() { CreatedById = CreatedByName = ""; }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedById { get; private set; }
    public string CreatedByName { get; private set; }
    public IReadOnlyList<ImportFile> Files => _files.AsReadOnly();

    public static ImportBatch Start(int regionId, IEnumerable<UnpackedFile> files, Actor actor, DateTimeOffset now)
    {
        var batch = new ImportBatch
        {
            RegionId = regionId, CreatedAt = now.ToUniversalTime(), CreatedById = actor.Id, CreatedByName = actor.Name,
        };
        batch._files.AddRange(files.Select(f => new ImportFile(f)));
        if (batch._files.Count == 0) throw new DomainException("没有收到文件，请选择要导入的报告文件或一个 zip");
        return batch;
    }
}

/// <summary>One file of an <see cref="ImportBatch"/>: the bytes as uploaded and what became of them.</summary>
public sealed class ImportFile
{
    private ImportFile() { Name = Sha256 = ""; Content = []; }

    internal ImportFile(UnpackedFile file)
    {
        Position = file.Position;
        Name = file.Name;
        Content = file.Bytes;
        Sha256 = file.Sha256;
        State = file.Refusal is null ? ImportFileState.Waiting : ImportFileState.Refused;
        Problem = file.Refusal;
    }

    public int Id { get; private set; }
    public int BatchId { get; private set; }
    /// <summary>1-based order of the upload, as the preview numbers it (「与第 3 个文件重复」).</summary>
    public int Position { get; private set; }
    public string Name { get; private set; }
    public byte[] Content { get; private set; }
    public string Sha256 { get; private set; }
    public ImportFileState State { get; private set; }
    /// <summary>Why it cannot be accepted as it stands: the reader's refusal, or the body still to be chosen.</summary>
    public string? Problem { get; private set; }
    /// <summary>The report as read, in its JSON form (docs/report-json.md).</summary>
    public string? ReportJson { get; private set; }
    public string? ReadBodyName { get; private set; }
    public int? Year { get; private set; }
    public int? BodyId { get; private set; }
    public int BlockingFindings { get; private set; }
    public int Warnings { get; private set; }
    public DateOnly? OriginallyPublishedOn { get; private set; }
    public int? ReportId { get; private set; }

    public bool CanAccept => State == ImportFileState.Read && BodyId is not null && Year is not null;

    /// <summary>Records what the reader made of the file: the report, its body (when one matched) and findings.</summary>
    public void Read(string reportJson, string bodyName, int year, BodyNameMatch match, int blocking, int warnings)
    {
        EnsureOpen(ImportFileState.Waiting);
        if (bodyName.Length > Body.MaxNameLength)
        {
            Refuse($"读出的单位名称超过 {Body.MaxNameLength} 字，无法确定是哪个单位的报告（开头为「{VisibleText.Shorten(bodyName, 30)}」）");
            return;
        }
        State = ImportFileState.Read;
        ReportJson = reportJson;
        ReadBodyName = bodyName;
        Year = year;
        BodyId = match.Body?.Id;
        Problem = match.Problem;
        BlockingFindings = blocking;
        Warnings = warnings;
    }

    public void Refuse(string reason)
    {
        if (State is ImportFileState.Accepted) throw new DomainException("已导入的文件不能再拒绝");
        State = ImportFileState.Refused;
        Problem = reason;
    }

    /// <summary>The reviewer names the body (a near or ambiguous name), the year or the original publication date.</summary>
    public void Fix(int bodyId, int year, DateOnly? originallyPublishedOn)
    {
        EnsureOpen(ImportFileState.Read);
        // A cleared year field binds as 0: refused here, or the accept would refuse the file for good.
        if (ReportFormats.ForYear(year) is null)
            throw new DomainException($"报告年度「{year}」没有国家规定的格式，请填写 {ReportFormats.All.Min(f => f.FirstYear)} 年及以后的年度");
        BodyId = bodyId;
        Year = year;
        OriginallyPublishedOn = originallyPublishedOn;
        Problem = null;
    }

    public void Drop()
    {
        if (State is ImportFileState.Accepted) throw new DomainException("已导入的文件不能舍弃；如需更正请发起更正");
        State = ImportFileState.Dropped;
    }

    public void Accepted(int reportId)
    {
        if (!CanAccept) throw new DomainException(Problem ?? "该文件尚不能导入");
        State = ImportFileState.Accepted;
        ReportId = reportId;
        Problem = null;
    }

    private void EnsureOpen(ImportFileState expected)
    {
        if (State != expected) throw new DomainException($"该文件当前状态为「{State.Label()}」，不能进行此操作");
    }
}

public static class ImportFileStates
{
    public static string Label(this ImportFileState state) => state switch
    {
        ImportFileState.Waiting => "等待读取",
        ImportFileState.Read => "已读取",
        ImportFileState.Refused => "无法导入",
        ImportFileState.Dropped => "已舍弃",
        ImportFileState.Accepted => "已导入",
        _ => state.ToString(),
    };
}
