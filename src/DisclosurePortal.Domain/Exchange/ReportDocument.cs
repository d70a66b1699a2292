using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>Who the report is of, as the JSON form carries it. Only the name is required: a text import has no code.</summary>
public sealed record ReportDocumentBody(string? Code, string Name, BodyKind? Kind);

/// <summary>Which revision the document was taken from. Absent for content that never was a revision (an import).</summary>
public sealed record ReportDocumentRevision(int Number, RevisionStatus Status, string? CorrectionNote,
    DateTimeOffset? PublishedAt);

/// <summary>
/// A report as exchanged in JSON (<see cref="ReportJson"/>): who, which year, which revision, and the content.
/// The content is a <see cref="ReportData"/>, so the rules, the PDF and the views read an imported document
/// exactly as they read a stored revision.
/// </summary>
public sealed class ReportDocument
{
    public ReportDocument(ReportDocumentBody body, int year, ReportDocumentRevision? revision, ReportData data)
    {
        if (string.IsNullOrWhiteSpace(body.Name)) throw new DomainException("单位名称不能为空");
        if (year < data.Format.FirstYear || year > data.Format.LastYear)
            throw new DomainException($"{year} 年的报告不适用格式 {data.Format.Version}");
        if (revision is { Number: < 1 }) throw new DomainException("修订版本号必须从 1 开始");
        // The JSON writer prints figures with FigureValues.Display; a value Display would round must never get
        // this far, or the document would silently say something other than the data.
        foreach (var (cell, value) in data.Figures)
        {
            if (!data.Format.TryGetCell(cell, out var def))
                throw new InvalidFigureException(cell.ToString(), $"格式 {data.Format.Version} 中没有单元格 {cell}");
            if (FigureValues.Problem(def.Kind, value) is { } problem)
                throw new InvalidFigureException(cell.ToString(), $"{def.DisplayName}：{problem}（{value}）");
        }
        foreach (var code in data.Prose.Keys)
            if (!data.Format.HasProsePart(code))
                throw new DomainException($"格式 {data.Format.Version} 中没有正文部分 {code}");

        Body = body;
        Year = year;
        Revision = revision;
        Data = data;
    }

    public string FormatVersion => Data.Format.Version;
    public ReportDocumentBody Body { get; }
    public int Year { get; }
    public ReportDocumentRevision? Revision { get; }
    public ReportData Data { get; }

    /// <summary>The document of one revision of a report, e.g. for the public API or an export.</summary>
    public static ReportDocument From(AnnualReport report, ReportRevision revision)
    {
        if (!report.Revisions.Contains(revision))
            throw new DomainException($"第 {revision.Number} 版不属于 {report.Body.Name} {report.Year} 年的报告");
        return new ReportDocument(
            // A published revision names the body as it was published, whatever the body is called today.
            new ReportDocumentBody(report.Body.Code, revision.BodyName, revision.BodyKind),
            report.Year,
            new ReportDocumentRevision(revision.Number, revision.Status, revision.CorrectionNote, revision.PublishedAt),
            revision.ToData());
    }
}
