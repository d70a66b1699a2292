using DisclosurePortal.Domain;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Import;

/// <summary>The outcome of an import: the new report's id, or every reason it was refused (in Chinese).</summary>
public sealed record ImportOutcome(int? ReportId, IReadOnlyList<string> Errors)
{
    public bool Succeeded => ReportId is not null;
    public static ImportOutcome Refused(params string[] errors) => new(null, errors);
}

/// <summary>
/// Imports a report from its JSON form (docs/report-json.md) or from the text of a published report, as a new
/// draft of the body's report for that year. All or nothing: a refused import stores nothing.
/// </summary>
public static class ReportImport
{
    public static async Task<ImportOutcome> ImportAsync(PortalDbContext db, string content, string? bodyCode,
        Actor actor, DateTimeOffset now, CancellationToken ct = default)
    {
        string? code = bodyCode, name;
        int year;
        ReportData data;
        if (content.TrimStart().StartsWith('{'))
        {
            var parsed = ReportJson.Parse(content);
            if (!parsed.Succeeded) return new ImportOutcome(null, [.. parsed.Errors.Select(e => e.Message)]);
            var doc = parsed.Document!;
            code ??= doc.Body.Code;
            name = doc.Body.Name;
            year = doc.Year;
            data = doc.Data;
        }
        else
        {
            var imported = TextReportImporter.Import(content);
            if (!imported.Succeeded) return ImportOutcome.Refused(imported.Refusal!.Message);
            name = imported.BodyName;
            year = imported.Year!.Value;
            data = imported.Data!;
        }
        return await ImportAsync(db, code, name, year, data, actor, now, ct);
    }

    /// <summary>
    /// Imports a report already read from its file (ReportReader in DisclosurePortal.Readers): the body is the
    /// one with <paramref name="bodyCode"/>, else the one the document names.
    /// </summary>
    public static Task<ImportOutcome> ImportAsync(PortalDbContext db, ReportDocument document, string? bodyCode,
        Actor actor, DateTimeOffset now, CancellationToken ct = default) =>
        ImportAsync(db, bodyCode ?? document.Body.Code, document.Body.Name, document.Year, document.Data, actor, now, ct);

    private static async Task<ImportOutcome> ImportAsync(PortalDbContext db, string? code, string? name, int year,
        ReportData data, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var body = await FindBodyAsync(db, code, name, ct);
        if (body is null)
            return ImportOutcome.Refused(code is not null
                ? $"平台中没有代码为「{code}」的单位"
                : $"平台中没有名为「{name}」的单位，请用 --body 指定单位代码");
        if (ReportFormats.ForYear(year)?.Version != data.Format.Version)
            return ImportOutcome.Refused($"{year} 年的报告应使用 {ReportFormats.ForYear(year)?.Name ?? "（无全国统一格式）"}，" +
                                         $"文件使用的是 {data.Format.Name}");
        if (await DuplicateAsync(db, body, year, ct) is { } duplicate) return ImportOutcome.Refused(duplicate);

        AnnualReport report;
        try
        {
            report = AnnualReport.Start(body, year, actor, now);
            // Totals are kept as given (FigureEntry.AsGiven): the rules then judge an outside report's arithmetic.
            report.Current.Save(data.Format.Cells.ToDictionary(c => c.Ref, c => data[c.Ref]),
                data.Format.ProseParts.ToDictionary(p => p.Code, p => (string?)data.ProseOf(p.Code)),
                FigureEntry.AsGiven, actor, now);
        }
        catch (DomainException ex)
        {
            return ImportOutcome.Refused(ex.Message);
        }

        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another import of the same body and year won the race; nothing of this one was stored.
            db.Entry(report).State = EntityState.Detached;
            return ImportOutcome.Refused(await DuplicateAsync(db, body, year, ct) ?? $"「{body.Name}」{year} 年的报告已存在");
        }
        return new ImportOutcome(report.Id, []);
    }

    /// <summary>The body with <paramref name="code"/>, else the one body the report's title names (null when none or several).</summary>
    public static async Task<Body?> FindBodyAsync(PortalDbContext db, string? code, string? name, CancellationToken ct)
    {
        if (code is not null) return await db.Bodies.SingleOrDefaultAsync(b => b.Code == code, ct);
        if (string.IsNullOrWhiteSpace(name)) return null;
        // A title names the body as it calls itself (「钱店镇」) where the register may say 「钱店镇人民政府」.
        var candidates = await db.Bodies.Where(b => b.Name == name || b.Name == name + "人民政府").ToListAsync(ct);
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>Why a report for this body and year cannot be imported: one exists already (null when none does).</summary>
    public static async Task<string?> DuplicateAsync(PortalDbContext db, Body body, int year, CancellationToken ct)
    {
        var existing = await db.Reports.Include(r => r.Revisions)
            .SingleOrDefaultAsync(r => r.BodyId == body.Id && r.Year == year, ct);
        return existing is null ? null
            : $"「{body.Name}」{year} 年的报告已存在（第 {existing.Current.Number} 版，{existing.Current.Status.Label()}），" +
              "不能重复导入；如需更正已发布的报告，请发起更正";
    }
}
