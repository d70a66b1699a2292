using System.Globalization;
using System.Net;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests.Attack;

/// <summary>
/// Two clerks of one body save the same draft from the same version at the same moment, round after round
///. PostgreSQL's xmin is the
/// concurrency token (house style rule 5): exactly one save may win, the other must be told who saved.
/// </summary>
[Collection(WebTests.Name)]
public sealed class EditorRaceTests : IDisposable
{
    private const int Rounds = 200;
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly int _reportId;
    private readonly int _bodyId;

    public EditorRaceTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(TestAuthHandler.Register));
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        var report = TestWorld.Report(world.TownshipGov, 2024, seed: 5, RevisionStatus.Draft);
        db.Reports.Add(report);
        db.SaveChanges();
        _reportId = report.Id;
        _bodyId = world.TownshipGov.Id;
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private static readonly CellRef Received = new(Format2021.T3, Format2021.Table3.Received, Format2021.Table3.Natural);
    private static readonly CellRef Fee = new(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount);

    private sealed record Editor(string Name, HttpClient Client, List<KeyValuePair<string, string>> Form);

    private async Task<Editor> EditorAsync(string id, string name)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk(id, _bodyId, Uri.EscapeDataString(name)));
        // The antiforgery token of this page stays valid for the session; each round changes the version and figures.
        var page = await client.GetStringAsync(new Uri($"/clerk/reports/{_reportId}", UriKind.Relative));
        return new Editor(name, client, EntryForm.Fields(page));
    }

    private async Task<uint> StoredVersionAsync()
    {
        await using var db = _factory.Db();
        return await db.Revisions.AsNoTracking().Where(r => r.ReportId == _reportId).Select(r => r.Version).SingleAsync();
    }

    private static string Inv(long n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Two_editors_saving_the_same_version_at_once_one_wins_the_other_is_told_and_nothing_is_lost()
    {
        var alice = await EditorAsync("alice", "张三");
        var bob = await EditorAsync("bob", "李四");
        var url = new Uri($"/clerk/reports/{_reportId}?handler=Save", UriKind.Relative);
        var failures = new List<string>();
        var wins = new Dictionary<string, int> { ["张三"] = 0, ["李四"] = 0 };
        await using var db = _factory.Db();
        var eventsBefore = await db.Set<RevisionEvent>().CountAsync();

        for (var round = 1; round <= Rounds; round++)
        {
            var version = Inv(await StoredVersionAsync());
            // Each editor types a value of their own this round: the stored one tells who won.
            var values = new Dictionary<Editor, (string received, string fee, string prose)>
            {
                [alice] = (Inv(round * 10 + 1), $"{round}.0001", $"张三第{round}轮写的文字。"),
                [bob] = (Inv(round * 10 + 2), $"{round}.0002", $"李四第{round}轮写的文字。"),
            };
            using var barrier = new Barrier(2);
            var posts = new[] { alice, bob }.Select(e => Task.Run(async () =>
            {
                var (received, fee, prose) = values[e];
                using var content = new FormUrlEncodedContent(e.Form.With([
                    new("version", version), new($"f:{Received}", received), new($"f:{Fee}", fee),
                    new($"p:{Format2021.ProseActive}", prose)]));
                await content.LoadIntoBufferAsync();
                barrier.SignalAndWait(TimeSpan.FromSeconds(10));
                using var response = await e.Client.PostAsync(url, content);
                return (editor: e, status: response.StatusCode, html: await response.Content.ReadAsStringAsync());
            })).ToList();
            var outcomes = await Task.WhenAll(posts);

            var winners = outcomes.Where(o => o.status == HttpStatusCode.Redirect).ToList();
            var losers = outcomes.Where(o => o.status == HttpStatusCode.OK && WebUtility.HtmlDecode(o.html).Contains("您的修改尚未保存", StringComparison.Ordinal)).ToList();
            if (winners.Count != 1 || losers.Count != 1)
            {
                failures.Add($"round {round}: {string.Join(", ", outcomes.Select(o => $"{o.editor.Name} {(int)o.status}"))}");
                continue;
            }
            var winner = winners[0].editor;
            wins[winner.Name]++;
            // The loser is told who saved before them, and keeps what they typed on screen.
            var loserText = WebUtility.HtmlDecode(losers[0].html);
            if (!loserText.Contains($"「{winner.Name}」于", StringComparison.Ordinal))
                failures.Add($"round {round}: the loser is not told that {winner.Name} saved");
            if (!losers[0].html.Contains($"value=\"{values[losers[0].editor].received}\"", StringComparison.Ordinal))
                failures.Add($"round {round}: the loser's typing is not kept on screen");

            await using var check = _factory.Db();
            var stored = (await check.Revisions.AsNoTracking().SingleAsync(r => r.ReportId == _reportId)).ToData();
            var (wReceived, wFee, wProse) = values[winner];
            if (stored[Received] != decimal.Parse(wReceived, CultureInfo.InvariantCulture)
                || stored[Fee] != decimal.Parse(wFee, CultureInfo.InvariantCulture)
                || stored.ProseOf(Format2021.ProseActive) != wProse)
                failures.Add($"round {round}: stored {stored[Received]}/{stored[Fee]}/{stored.ProseOf(Format2021.ProseActive)}, " +
                             $"but {winner.Name} won with {wReceived}/{wFee}/{wProse}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Rounds} rounds failed:\n" + string.Join('\n', failures.Take(20)));
        // One audit line per winning save: the refused save left no trace of a change that did not happen.
        await using var after = _factory.Db();
        Assert.Equal(eventsBefore + Rounds, await after.Set<RevisionEvent>().CountAsync());
        // Both editors won some rounds: the race was real, not one client always first.
        Assert.All(wins.Values, w => Assert.True(w > 0, $"wins: {string.Join(", ", wins)}"));
    }
}
