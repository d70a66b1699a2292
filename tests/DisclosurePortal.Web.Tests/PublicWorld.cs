using DisclosurePortal.Data;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Published reports over two years in the test region tree, one of them corrected, with drafts beside them
/// whose text and figures must never reach a public page.
/// </summary>
/// <remarks>
/// 丽水市 › 缙云县 (缙云县教育局: 2023 and 2024 published, a 2024 correction still a draft)
///        › 缙云县 › 钱店镇 (钱店镇人民政府: 2024 published, then corrected and the correction published;
///                          新建镇人民政府: a 2024 draft only)
///        › 遂昌县 (遂昌县教育局: 2024 published).
/// </remarks>
public sealed class PublicWorld
{
    public const string DraftMarker = "草稿秘密正文";
    public const string CorrectionNote = "表四行政复议结果维持件数填报有误，予以更正";
    public const string CorrectedProse = "本年度本机关未收取信息处理费（更正后的表述）。";
    public static readonly CellRef CorrectedCell = new(Format2021.T4, Format2021.Table4.Row,
        Format2021.Table4.Column(Format2021.Table4.Review, Format2021.Table4.Upheld));
    /// <summary>The draft correction's value of 表四 行政复议 结果维持: far from any published value.</summary>
    public const decimal DraftFigure = 987654;

    public required TestWorld World { get; init; }
    public required AnnualReport CountyDept2023 { get; init; }
    public required AnnualReport CountyDept2024 { get; init; }
    public required AnnualReport Township2024 { get; init; }
    public required AnnualReport OtherCounty2024 { get; init; }
    public required Body DraftOnlyBody { get; init; }

    public static PublicWorld Create(PortalDbContext db)
    {
        var world = TestWorld.Create(db);
        var c2023 = TestWorld.Report(world.CountyDept, 2023, seed: 1);
        var c2024 = TestWorld.Report(world.CountyDept, 2024, seed: 2, previous: c2023.Current.ToData());
        var t2024 = TestWorld.Report(world.TownshipGov, 2024, seed: 3);
        var o2024 = TestWorld.Report(world.OtherCountyDept, 2024, seed: 4);
        var draftBody = new Body("xinjian", "新建镇人民政府", BodyKind.TownshipGovernment, world.Township);
        db.Add(draftBody);
        db.Reports.AddRange(c2023, c2024, t2024, o2024);
        db.SaveChanges();

        // 钱店镇 corrects its published report: the correction is public, the first version stays readable.
        var upheld = t2024.Current.ToData()[CorrectedCell] ?? 0;
        PublishCorrection(t2024, world.TownshipGov.Kind, new() { [CorrectedCell] = upheld + 3 });
        // 缙云县教育局 starts a correction and leaves it a draft: nothing of it may show.
        var draftCorrection = c2024.StartCorrection("草稿更正说明", TestWorld.Clerk, TestWorld.Now.AddDays(2));
        draftCorrection.Save(new Dictionary<CellRef, decimal?> { [CorrectedCell] = DraftFigure },
            new Dictionary<string, string?> { [Format2021.ProseActive] = DraftMarker }, FigureEntry.DeriveTotals,
            TestWorld.Clerk, TestWorld.Now.AddDays(2));
        var draft = AnnualReport.Start(draftBody, 2024, TestWorld.Clerk, TestWorld.Now);
        draft.Current.Save(new Dictionary<CellRef, decimal?> { [CorrectedCell] = DraftFigure },
            new Dictionary<string, string?> { [Format2021.ProseActive] = DraftMarker }, FigureEntry.DeriveTotals,
            TestWorld.Clerk, TestWorld.Now);
        db.Reports.Add(draft);
        db.SaveChanges();

        return new PublicWorld
        {
            World = world, CountyDept2023 = c2023, CountyDept2024 = c2024, Township2024 = t2024,
            OtherCounty2024 = o2024, DraftOnlyBody = draftBody,
        };
    }

    /// <summary>A correction taken through the real workflow: saved, warnings explained, submitted, published by another person.</summary>
    private static void PublishCorrection(AnnualReport report, BodyKind kind, Dictionary<CellRef, decimal?> figures)
    {
        var at = TestWorld.Now.AddDays(1);
        var revision = report.StartCorrection(CorrectionNote, TestWorld.Clerk, at);
        revision.Save(figures, new Dictionary<string, string?> { [Format2021.ProseOther] = CorrectedProse },
            FigureEntry.DeriveTotals, TestWorld.Clerk, at);
        var warnings = ReportRules.Evaluate(new RuleInput(revision.ToData(), kind, null, null, report.Body.Name))
            .Where(v => v.Level == RuleLevel.Warning).ToDictionary(v => v.Key, _ => (string?)"已核实");
        revision.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?>(), FigureEntry.AsGiven,
            TestWorld.Clerk, at, warnings);
        revision.Submit(kind, null, null, TestWorld.Clerk, at.AddHours(1));
        revision.Publish(TestWorld.Reviewer, at.AddHours(2));
    }

    /// <summary>The published revisions in the public view of a region for a year, as the test itself sees them.</summary>
    public IEnumerable<ReportData> PublicReports(int year, params Body[] bodies) =>
        new[] { CountyDept2023, CountyDept2024, Township2024, OtherCounty2024 }
            .Where(r => r.Year == year && bodies.Contains(r.Body))
            .Select(r => r.Published!.ToData());
}
