using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Data.Import;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

[Collection(DatabaseTests.Name)]
public sealed class ReportImportTests(PostgresFixture pg)
{
    private readonly string _cs = pg.CreateDatabase();

    private async Task<PortalDbContext> WorldAsync()
    {
        var db = PortalDb.Create(_cs);
        var world = TestWorld.Create(db);
        // The seed's title says 「钱店镇」; the register says 「钱店镇人民政府」.
        Assert.Equal("钱店镇人民政府", world.TownshipGov.Name);
        await Task.CompletedTask;
        return db;
    }

    [Fact]
    public async Task The_seed_text_imports_as_a_draft_of_the_body_found_by_its_name()
    {
        await using var db = await WorldAsync();
        var outcome = await ReportImport.ImportAsync(db, DemoSeeder.ReadSeed(), null, TestWorld.Clerk, TestWorld.Now);
        Assert.True(outcome.Succeeded, string.Join("；", outcome.Errors));

        await using var check = PortalDb.Create(_cs);
        var report = await check.Reports.Include(r => r.Revisions).Include(r => r.Body).SingleAsync(r => r.Id == outcome.ReportId);
        Assert.Equal(("qiandian", 2024, RevisionStatus.Draft), (report.Body.Code, report.Year, report.Current.Status));
        var data = report.Current.ToData();
        Assert.Equal(Format2021.Definition.Cells.Count, data.Figures.Count);
        Assert.All(data.Figures.Values, v => Assert.Equal(0m, v));
        Assert.StartsWith("2024 年，我镇严格按照", data.ProseOf(Format2021.ProseActive), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_report_for_the_same_body_and_year_is_refused_with_a_message_and_nothing_is_stored()
    {
        await using var db = await WorldAsync();
        Assert.True((await ReportImport.ImportAsync(db, DemoSeeder.ReadSeed(), null, TestWorld.Clerk, TestWorld.Now)).Succeeded);
        var revisionsBefore = await db.Revisions.CountAsync();

        await using var again = PortalDb.Create(_cs);
        var outcome = await ReportImport.ImportAsync(again, DemoSeeder.ReadSeed(), null, TestWorld.Clerk, TestWorld.Now);

        Assert.False(outcome.Succeeded);
        Assert.Equal("「钱店镇人民政府」2024 年的报告已存在（第 1 版，草稿），不能重复导入；如需更正已发布的报告，请发起更正",
            Assert.Single(outcome.Errors));
        await using var check = PortalDb.Create(_cs);
        Assert.Equal(revisionsBefore, await check.Revisions.CountAsync());
    }

    [Fact]
    public async Task A_json_report_with_bad_figures_is_refused_naming_each_cell_and_nothing_is_stored()
    {
        await using var db = await WorldAsync();
        var data = Domain.Samples.SampleReports.Generate(Format2021.Definition, Domain.Regions.BodyKind.CountyDepartment,
            2024, "缙云县教育局", 3);
        var json = ReportJson.Serialize(new ReportDocument(new ReportDocumentBody("jinyun-jyj", "缙云县教育局", null), 2024, null, data))
            .Replace("\"natural\": " + data.Get("t3", "1", "natural")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "\"natural\": -3", StringComparison.Ordinal)
            .Replace("\"fee_amount\": ", "\"fee_amount\": 1.23456, \"x\": ", StringComparison.Ordinal);

        var outcome = await ReportImport.ImportAsync(db, json, null, TestWorld.Clerk, TestWorld.Now);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Contains("figures.t3[\"1\"].natural", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Contains("fee_amount", StringComparison.Ordinal));
        await using var check = PortalDb.Create(_cs);
        Assert.Equal(0, await check.Reports.CountAsync());
    }

    [Fact]
    public async Task A_truncated_text_report_is_refused_with_the_line_and_nothing_is_stored()
    {
        await using var db = await WorldAsync();
        var seed = DemoSeeder.ReadSeed();
        // Cut in the middle of 表三, as a failed download or copy would.
        var truncated = seed[..seed.IndexOf("无法提供", StringComparison.Ordinal)];

        var outcome = await ReportImport.ImportAsync(db, truncated, null, TestWorld.Clerk, TestWorld.Now);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("第 ", Assert.Single(outcome.Errors), StringComparison.Ordinal);
        await using var check = PortalDb.Create(_cs);
        Assert.Equal(0, await check.Reports.CountAsync());
    }

    [Fact]
    public async Task A_report_for_an_unknown_body_is_refused()
    {
        await using var db = await WorldAsync();
        var outcome = await ReportImport.ImportAsync(db, DemoSeeder.ReadSeed(), "no-such-body", TestWorld.Clerk, TestWorld.Now);
        Assert.Equal("平台中没有代码为「no-such-body」的单位", Assert.Single(outcome.Errors));
    }
}
