using System.Net;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class PublicPagesTests : IDisposable
{
    private readonly PortalFactory _factory;

    public PublicPagesTests(PostgresFixture pg) => _factory = new PortalFactory(pg.CreateDatabase());

    public void Dispose() => _factory.Dispose();

    private (AnnualReport published, AnnualReport draft) SeedOnePublishedAndOneDraft()
    {
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        var published = TestWorld.Report(world.CountyDept, 2024, seed: 1);
        var draft = TestWorld.Report(world.TownshipGov, 2024, seed: 2, RevisionStatus.Draft);
        draft.Current.Save(new Dictionary<CellRef, decimal?>(), new Dictionary<string, string?>
        {
            [Format2021.ProseActive] = "草稿秘密正文",
        }, FigureEntry.AsGiven, TestWorld.Clerk, TestWorld.Now);
        db.Reports.AddRange(published, draft);
        db.SaveChanges();
        return (published, draft);
    }

    [Fact]
    public async Task Home_lists_published_reports_and_never_shows_a_draft()
    {
        SeedOnePublishedAndOneDraft();
        var html = await _factory.CreateClient().GetStringAsync("/");
        Assert.Contains("缙云县教育局", html, StringComparison.Ordinal);
        Assert.Contains("/reports/jinyun-jyj/2024", html, StringComparison.Ordinal);
        Assert.DoesNotContain("钱店镇人民政府", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_report_shows_every_label_and_figure_of_the_format()
    {
        var (published, _) = SeedOnePublishedAndOneDraft();
        var html = WebUtility.HtmlDecode(await _factory.CreateClient().GetStringAsync("/reports/jinyun-jyj/2024"));
        var format = Format2021.Definition;
        foreach (var row in format.Tables.SelectMany(t => t.Blocks).SelectMany(b => b.AllRows).Where(r => r.Label != "案件数量"))
            Assert.Contains(row.Label, html, StringComparison.Ordinal);
        foreach (var s in format.Sections) Assert.Contains(s.Heading, html, StringComparison.Ordinal);
        var data = published.Current.ToData();
        foreach (var part in format.ProseParts)
            foreach (var para in data.ProseOf(part.Code).Split('\n'))
                Assert.Contains($"<p>{para}</p>", html, StringComparison.Ordinal);
        var fee = data.Get(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount)!.Value;
        Assert.Contains(FigureValues.Display(ValueKind.Money, fee), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reports/qiandian/2024")]   // a draft
    [InlineData("/reports/no-such-body/2024")]
    [InlineData("/reports/jinyun-jyj/2099")]
    public async Task Unpublished_or_unknown_reports_are_not_found(string url)
    {
        SeedOnePublishedAndOneDraft();
        var response = await _factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("草稿秘密正文", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
