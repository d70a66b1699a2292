using System.Globalization;
using System.Net;
using System.Text;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests.Attack;

/// <summary>
/// 1,000 generated malformed posts of the clerk's entry form: letters, negatives,
/// decimals in counts, 1e20, huge and control-character strings, digits of other scripts, wrong field names,
/// tampered report ids and versions, missing or forged tokens, duplicated fields, unknown handlers — mixed with
/// valid saves so that the draft keeps changing. No answer may be a 500, and afterwards every stored revision
/// must satisfy the rules of shape (<see cref="StoredContentAudit"/>, read from the database with SQL).
/// The generator is <c>System.Random(seed)</c>: a failure names its seed and post number, and reproduces.
/// </summary>
[Collection(WebTests.Name)]
public sealed class MalformedFormPostTests : IDisposable
{
    private const int Seed = 20_250_107;
    private const int Posts = 1_000;
    private readonly PortalFactory _factory;
    private readonly WebApplicationFactory<Program> _app;
    private readonly int _reportId;
    private readonly int _othersReportId;
    private readonly int _bodyId;

    public MalformedFormPostTests(PostgresFixture pg)
    {
        _factory = new PortalFactory(pg.CreateDatabase());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(TestAuthHandler.Register));
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        var report = TestWorld.Report(world.TownshipGov, 2024, seed: 7, RevisionStatus.Draft);
        var others = TestWorld.Report(world.CountyDept, 2024, seed: 8, RevisionStatus.Draft);
        var published = TestWorld.Report(world.TownshipGov, 2023, seed: 9);
        db.Reports.AddRange(report, others, published);
        db.SaveChanges();
        _reportId = report.Id;
        _othersReportId = others.Id;
        _bodyId = world.TownshipGov.Id;
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private static readonly CellDef[] Counts = [.. Format2021.Definition.Cells.Where(c => !c.IsDerived && c.Kind == ValueKind.Count)];
    private static readonly CellDef[] Money = [.. Format2021.Definition.Cells.Where(c => !c.IsDerived && c.Kind == ValueKind.Money)];
    private static readonly string[] Prose = [.. Format2021.Definition.ProseParts.Select(p => p.Code)];

    /// <summary>What one generated post sends: the URL, the form body (already encoded), and whether the token rides along.</summary>
    private sealed record Attack(int Number, string Kind, string Url, string Body, bool WithToken);

    [Theory]
    [InlineData("Save")]
    [InlineData("Submit")]
    public async Task A_post_with_its_token_in_the_header_and_no_body_is_refused_with_a_message_and_changes_nothing(string handler)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk("c1", _bodyId));
        var page = await client.GetStringAsync(new Uri($"/clerk/reports/{_reportId}", UriKind.Relative));
        var token = EntryForm.Fields(page).Single(f => f.Key == "__RequestVerificationToken").Value;
        var before = await VersionAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/clerk/reports/{_reportId}?handler={handler}", UriKind.Relative));
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("没有表单内容", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task A_thousand_malformed_entry_form_posts_get_no_500_and_store_nothing_invalid()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestAuthHandler.Clerk("c1", _bodyId));
        var page = await client.GetStringAsync(new Uri($"/clerk/reports/{_reportId}", UriKind.Relative));
        var form = EntryForm.Fields(page);
        var token = form.Single(f => f.Key == "__RequestVerificationToken").Value;

        // The payloads come from one Random(seed) in order; the posts then go out three at a time (the version is
        // filled in when each is sent), which keeps the run under a minute and adds some racing of its own.
        var random = new Random(Seed);
        var attacks = Enumerable.Range(1, Posts).Select(n => Generate(random, n, form, token)).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var versionLock = new SemaphoreSlim(1);
        await Parallel.ForEachAsync(attacks, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (attack, ct) =>
        {
            uint version;
            await versionLock.WaitAsync(ct);
            try { version = await VersionAsync(); }
            finally { versionLock.Release(); }
            var body = attack.Body.Replace(VersionNow, Inv(version), StringComparison.Ordinal)
                .Replace(VersionBefore, Inv(version - 1), StringComparison.Ordinal)
                .Replace(VersionAfter, Inv(version + 1L), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(attack.Url, UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Content.Headers.ContentType!.CharSet = null;
            using var response = await client.SendAsync(request, ct);
            var code = (int)response.StatusCode;
            answers.AddOrUpdate(code, 1, (_, c) => c + 1);
            if (code >= 500) failures.Add($"seed {Seed} post {attack.Number} ({attack.Kind}): {code}");
        });
        var stored = answers.GetValueOrDefault(302);

        var (revisions, findings) = await StoredContentAudit.RunAsync(_factory.ConnectionString);
        Assert.True(failures.IsEmpty, $"{failures.Count} posts answered 5xx:\n" + string.Join('\n', failures.Order(StringComparer.Ordinal).Take(30)));
        Assert.True(findings.Count == 0, $"invalid content stored in {revisions} revisions:\n" +
                                         string.Join('\n', findings.Take(30).Select(f => $"revision {f.RevisionId}: {f.What}")));
        // The valid saves among the attacks went through: the form still works after the barrage.
        Assert.True(stored > 50, $"only {stored} saves succeeded; answers: {string.Join(", ", answers.OrderBy(a => a.Key))}");
        await using var db = _factory.Db();
        Assert.Equal(RevisionStatus.Draft, (await db.Reports.Include(r => r.Revisions).SingleAsync(r => r.Id == _othersReportId)).Current.Status);
    }

    /// <summary>The draft's current version; a draft that an attack's Submit got through is returned by a
    /// reviewer first, so that the remaining posts still hit an editable report.</summary>
    private async Task<uint> VersionAsync()
    {
        await using var db = _factory.Db();
        var revision = await db.Revisions.Where(r => r.ReportId == _reportId).SingleAsync();
        if (revision.Status == RevisionStatus.Submitted)
        {
            revision.Return("请继续修改", TestWorld.Reviewer, TestWorld.Now);
            await db.SaveChangesAsync();
        }
        return revision.Version;
    }

    // Filled in when the post is sent: the draft's version at that moment, and its neighbours.
    private const string VersionNow = "VERSIONNOW";
    private const string VersionBefore = "VERSIONBEFORE";
    private const string VersionAfter = "VERSIONAFTER";

    private Attack Generate(Random random, int n, List<KeyValuePair<string, string>> form, string token)
    {
        var url = $"/clerk/reports/{_reportId}?handler=" + (random.Next(4) == 0 ? "Submit" : "Save");
        var changes = new List<KeyValuePair<string, string>> { new("version", VersionNow) };
        var withToken = true;
        string kind;
        switch (random.Next(14))
        {
            case 0: // a valid save, so the draft keeps moving and later attacks hit changed content
                kind = "valid";
                for (var i = 0; i < 5; i++)
                {
                    changes.Add(new($"f:{Pick(random, Counts).Ref}", Inv(random.Next(0, 3) == 0 ? int.MaxValue : random.Next(0, 5000))));
                    changes.Add(new($"f:{Pick(random, Money).Ref}", (random.Next(0, 100_000_000) / 10_000m).ToString(CultureInfo.InvariantCulture)));
                }
                changes.Add(new($"p:{Pick(random, Prose)}", $"第{n}次保存的正文。"));
                break;
            case 1:
            case 2:
            case 3:
                kind = "bad count";
                for (var i = random.Next(1, 6); i > 0; i--) changes.Add(new($"f:{Pick(random, Counts).Ref}", BadNumber(random, count: true)));
                break;
            case 4:
                kind = "bad amount";
                for (var i = random.Next(1, 6); i > 0; i--) changes.Add(new($"f:{Pick(random, Money).Ref}", BadNumber(random, count: false)));
                break;
            case 5:
                kind = "bad prose";
                changes.Add(new($"p:{Pick(random, Prose)}", BadText(random)));
                break;
            case 6:
                kind = "bad explanation";
                changes.Add(new("e:" + Pick(random, ["TOTAL-ROW@t3/1/total", "", "x", new string('k', 3000), "\0", "e:e:e"]), BadText(random)));
                break;
            case 7:
                kind = "wrong field names";
                for (var i = random.Next(1, 20); i > 0; i--)
                    changes.Add(new(Pick(random, ["f:", "f:t9/1/x", "f:t3/1", "f:t3/1/natural/extra", "p:", "p:nope", "f:t3/7/total",
                        "f:../../etc", "Input.Role", "id", "handler", "f:" + new string('/', 500), RandomText(random, 40)]), BadNumber(random, count: true)));
                break;
            case 8:
                kind = "tampered version";
                changes[0] = new("version", Pick(random, ["", "abc", "-1", "0", "4294967296", "99999999999999999999", VersionBefore,
                    VersionAfter, "1e3", " ", "\0"]));
                changes.Add(new($"f:{Pick(random, Counts).Ref}", Inv(random.Next(0, 100))));
                break;
            case 9:
                kind = "tampered id";
                url = $"/clerk/reports/{Pick(random, [Inv(_othersReportId), "0", "-1", "999999", "2147483648", "abc", "1.5", "%2e%2e", Inv(_reportId) + "/../" + _othersReportId])}?handler=Save";
                changes.Add(new($"f:{Pick(random, Counts).Ref}", "7"));
                break;
            case 10:
                kind = "token";
                withToken = false;
                if (random.Next(2) == 0) changes.Add(new("__RequestVerificationToken", Pick(random, ["", "forged", token[..^4] + "AAAA", new string('A', 5000)])));
                changes.Add(new($"f:{Pick(random, Counts).Ref}", "7"));
                break;
            case 11:
                kind = "handler";
                url = $"/clerk/reports/{_reportId}?handler=" + Uri.EscapeDataString(Pick(random, ["Delete", "Publish", "", "save", "SAVE", "Start", "../Admin", "Save&handler=Submit"]));
                break;
            case 12:
                kind = "duplicated and oversized fields";
                var cell = $"f:{Pick(random, Counts).Ref}";
                changes.Add(new(cell, "1"));
                form = [.. form, new(cell, "2"), new("version", "1")];
                if (random.Next(3) == 0)
                    for (var i = 0; i < 1_100; i++) changes.Add(new($"junk{i}", "x")); // past the form's 1,024-value limit
                if (random.Next(3) == 0) changes.Add(new(new string('k', 3_000), "x")); // past the 2,048-character key limit
                break;
            default:
                kind = "everything at once";
                changes.Add(new($"f:{Pick(random, Counts).Ref}", BadNumber(random, count: true)));
                changes.Add(new($"f:{Pick(random, Money).Ref}", BadNumber(random, count: false)));
                changes.Add(new($"p:{Pick(random, Prose)}", BadText(random)));
                break;
        }
        var fields = form.Where(f => withToken || f.Key != "__RequestVerificationToken").With(changes);
        var body = random.Next(20) == 0 ? BrokenEncoding(random, fields) : Encode(fields);
        return new Attack(n, kind, url, body, withToken);
    }

    private static string BadNumber(Random random, bool count) => Pick(random, [
        "abc", "十二", "一百", "1a", "a1", "-1", "-0.0001", "－５", "1.5", "0.5", count ? "3.0001" : "1.00001", "1e20", "1E5", "1e-3",
        "NaN", "Infinity", "-Infinity", "0x10", "1_000", "1,2,3", "1,,000", "1.2.3", ".", "..", "+", "++1", "--1", "1-",
        "١٢٣", "१२३", "๑๒", "²", "½", "Ⅻ", "𝟙𝟚", "1\u00002", "\u0000", "\u0001", "1\u200B2", "\u202E12",
        new string('9', 16), new string('9', 29), new string('9', 400), "2147483648", "79228162514264337593543950336",
        "99999999999999.99999", "0." + new string('0', 30) + "1", "1 2", "\t", "\r\n", "<script>alert(1)</script>",
        "' OR 1=1 --", "${7*7}", "{{7*7}}", "%00", "%", "&", "=", "1;DROP TABLE report_revisions", RandomText(random, 30),
        new string('1', 100_000),
    ]);

    private static string BadText(Random random) => Pick(random, [
        new string('长', 20_001), new string('a', 200_000), "\u0000", "正文\u0000中间", "\u0001\u0002\u0003", "\u001B[31m红\u001B[0m",
        "\u007F", "\uFEFF", "\u202E倒序", "\uFFFF", "\uFFFE", "\r\r\r", "  \n\t  ", "<script>alert(1)</script>", "]]></textarea><b>",
        "😀" + string.Concat(Enumerable.Repeat("𠀀", 5_000)), RandomText(random, 500), string.Concat(Enumerable.Repeat("\u0301", 10_000)),
    ]);

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = (char)random.Next(0, 0xFFFF);
            sb.Append(char.IsSurrogate(c) ? '?' : c);
        }
        return sb.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Inv(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    /// <summary>Percent-escapes that are not UTF-8 (a lone surrogate's bytes, a cut sequence, a stray %).</summary>
    private static string BrokenEncoding(Random random, IEnumerable<KeyValuePair<string, string>> fields) =>
        Encode(fields) + "&" + Pick(random, [
            $"f:{Counts[0].Ref}=%ED%A0%80", $"p:{Prose[0]}=%C3", $"p:{Prose[0]}=%FF%FE%FD", "%=%", "%zz=1", $"f:{Counts[1].Ref}=%",
            "&&&==&", $"p:{Prose[1]}=%E4%B8",
        ]);
}
