using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Samples;

namespace DisclosurePortal.Data.DemoData;

/// <summary>
/// The demo reports, made through the real workflow (save, submit, return, publish, correct) so that the demo
/// holds nothing the portal itself could not have produced.
/// </summary>
internal static class DemoReports
{
    public const string SeedBodyCode = "qiandian";

    public static IEnumerable<AnnualReport> Build(IReadOnlyList<Body> bodies, AnnualReport? seedReport)
    {
        if (seedReport is not null) yield return seedReport;
        var format = Format2021.Definition;
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            if (body.Code == SeedBodyCode) continue;
            ReportData? previous = null;
            for (var year = DemoSeeder.FirstYear; year <= DemoSeeder.LastYear; year++)
            {
                var data = SampleReports.Generate(format, body.Kind, year, body.Name, seed: 1000 + i, previousYear: previous);
                var target = year < DemoSeeder.LastYear ? RevisionStatus.Published : (RevisionStatus)(i % 4);
                var report = Enter(body, year, data, previous, target);
                // One corrected report, so that the correction notice and the revision history have an example.
                if (body.Code == "donghu-jyj" && year == DemoSeeder.LastYear - 1) Correct(report, year);
                yield return report;
                previous = data;
            }
        }
    }

    /// <summary>Enters a report as a clerk would and takes it through the workflow up to <paramref name="target"/>.</summary>
    public static AnnualReport Enter(Body body, int year, ReportData data, ReportData? previous, RevisionStatus target)
    {
        var t = Deadline(body, year).AddDays(-20);
        var report = AnnualReport.Start(body, year, DemoSeeder.DemoClerk, t);
        var revision = report.Current;
        revision.Save(data.Figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value),
            data.Prose.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
            FigureEntry.AsGiven, DemoSeeder.DemoClerk, t);
        if (target == RevisionStatus.Draft) return report;

        revision.Submit(body.Kind, previous, null, DemoSeeder.DemoClerk, t.AddDays(3));
        if (target == RevisionStatus.Submitted) return report;
        if (target == RevisionStatus.Returned)
        {
            revision.Return("请核对第三部分「（四）无法提供」各项数量与依申请公开台账是否一致，并补充第五部分改进措施。",
                DemoSeeder.DemoReviewer, t.AddDays(5));
            return report;
        }
        revision.Publish(DemoSeeder.DemoReviewer, t.AddDays(6));
        return report;
    }

    private static void Correct(AnnualReport report, int year)
    {
        var t = Deadline(report.Body, year).AddDays(30);
        var correction = report.StartCorrection(
            "原报告第六部分信息处理费表述有误，现更正为本年度未收取信息处理费。", DemoSeeder.DemoClerk, t);
        correction.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?>
        {
            [Format2021.ProseOther] = "依据《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号），" +
                                      "本年度本机关未收取信息处理费。",
        }, FigureEntry.AsGiven, DemoSeeder.DemoClerk, t);
        correction.Submit(report.Body.Kind, null, null, DemoSeeder.DemoClerk, t.AddDays(1));
        correction.Publish(DemoSeeder.DemoReviewer, t.AddDays(2));
    }

    /// <summary>The statutory deadline (条例 art. 49, <see cref="Deadlines.Default"/>) at 08:00 UTC, to date the demo's actions.</summary>
    private static DateTimeOffset Deadline(Body body, int year) =>
        new(Deadlines.Default(body.Kind, year).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
}
