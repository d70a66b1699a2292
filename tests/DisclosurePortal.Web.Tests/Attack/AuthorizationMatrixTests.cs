using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DisclosurePortal.Data.Accounts;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests.Attack;

/// <summary>Who asks, in the order of every row of the matrix.</summary>
public enum Who { Anonymous, Clerk, OtherClerk, Reviewer, OtherReviewer, Administrator }

/// <summary>
/// Every endpoint of the application × every kind of visitor × GET and POST, each with the answer it must get.
/// The endpoints come from the app's own <see cref="EndpointDataSource"/>, so a new page without a row fails
/// the test. Visitors sign in for real (Identity cookie, PBKDF2), and every POST carries a valid antiforgery
/// token of the visitor's own session, so a refusal is the authorization's, never the token check's.
/// </summary>
[Collection(WebTests.Name)]
public sealed partial class AuthorizationMatrixTests : IDisposable
{
    /// <summary>
    /// The matrix. One row per route pattern (several rows may probe one pattern with different URLs); the
    /// answers are in the order of <see cref="Who"/>: anonymous, clerk of this body, clerk of another body,
    /// reviewer of this region, reviewer of another region, administrator. Words: <c>ok</c> 200,
    /// <c>login</c> 302 to the sign-in page, <c>denied</c> 302 to the access-denied page, <c>home</c> 302 to "/",
    /// <c>see</c> 302 elsewhere (post/redirect/get), <c>403</c>, <c>404</c>, <c>405</c>, <c>400</c>.
    /// A POST names its handler after the method: <c>"Save: …"</c>; a POST to a page without a POST handler is a
    /// 405 once the visitor may see the page (NoHandlerPostFilter).
    /// </summary>
    private static readonly Row[] Matrix =
    [
        // Public pages: everyone reads published reports; a draft's public address does not exist.
        new("", _ => "/", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("Index", _ => "/Index", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}", w => $"/reports/{w.BodyCode}/{w.PublishedYear}",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}", w => $"/reports/{w.BodyCode}/{w.DraftYear}",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}/pdf", w => $"/reports/{w.BodyCode}/{w.PublishedYear}/pdf",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}/pdf", w => $"/reports/{w.BodyCode}/{w.DraftYear}/pdf",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}/revisions/{number:int}/pdf", w => $"/reports/{w.BodyCode}/{w.PublishedYear}/revisions/1/pdf",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}/revisions/{number:int}/pdf", w => $"/reports/{w.BodyCode}/{w.DraftYear}/revisions/1/pdf",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        // The source file exists for an imported revision only; this report was entered in the portal.
        new("reports/{body}/{year:int}/revisions/{number:int}/source", w => $"/reports/{w.BodyCode}/{w.PublishedYear}/revisions/1/source",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        // The watermarked preview of an unpublished revision: its body's clerk (and, with the review pages, the
        // reviewers of its region); to anyone else it does not exist.
        new("preview/{revisionId:int}/pdf", w => $"/preview/{w.DraftRevisionId}/pdf",
            Get: "login ok 404 ok 404 404", Post: "405 405 405 405 405 405"),
        new("Error", _ => "/Error", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),

        // Public reading: pages, downloads and the read API are open to all, and only read. A POST to a
        // report's download address matches no endpoint at all (the GET-only routes share the report page's prefix): 404.
        new("reports/{body}/{year:int}/revisions/{number:int}", w => $"/reports/{w.BodyCode}/{w.PublishedYear}/revisions/1",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}/revisions/{number:int}", w => $"/reports/{w.BodyCode}/{w.DraftYear}/revisions/1",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        new("reports/{body}/{year:int}.json", w => $"/reports/{w.BodyCode}/{w.PublishedYear}.json",
            Get: "ok ok ok ok ok ok", Post: "404 404 404 404 404 404"),
        new("reports/{body}/{year:int}.json", w => $"/reports/{w.BodyCode}/{w.DraftYear}.json",
            Get: "404 404 404 404 404 404", Post: "404 404 404 404 404 404"),
        new("reports/{body}/{year:int}.csv", w => $"/reports/{w.BodyCode}/{w.PublishedYear}.csv",
            Get: "ok ok ok ok ok ok", Post: "404 404 404 404 404 404"),
        new("reports/{body}/{year:int}.csv", w => $"/reports/{w.BodyCode}/{w.DraftYear}.csv",
            Get: "404 404 404 404 404 404", Post: "404 404 404 404 404 404"),
        new("reports/{body}/{year}.{format}", w => $"/reports/{w.BodyCode}/{w.PublishedYear}.xml",
            Get: "404 404 404 404 404 404", Post: "404 404 404 404 404 404"),
        new("regions/{code}", _ => "/regions/331122", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("regions/{code}/scorecard/{year:int}", w => $"/regions/331122/scorecard/{w.PublishedYear}",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("compare", w => $"/compare?body={w.BodyCode}", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("open-data", _ => "/open-data", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("open-data/{region}/{year:int}.csv", w => $"/open-data/331122/{w.PublishedYear}.csv",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("open-data/{region}/{year:int}.xlsx", w => $"/open-data/331122/{w.PublishedYear}.xlsx",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("open-data/{region}/{year:int}.json", w => $"/open-data/331122/{w.PublishedYear}.json",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("open-data/{region}/{year:int}/scorecard.csv", w => $"/open-data/331122/{w.PublishedYear}/scorecard.csv",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("open-data/{region}/{year}.{format}", w => $"/open-data/331122/{w.PublishedYear}.xml",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        new("api/v1/bodies", _ => "/api/v1/bodies", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/bodies/{code}", w => $"/api/v1/bodies/{w.BodyCode}", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/bodies/{code}/reports/{year:int}", w => $"/api/v1/bodies/{w.BodyCode}/reports/{w.PublishedYear}",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/bodies/{code}/reports/{year:int}", w => $"/api/v1/bodies/{w.BodyCode}/reports/{w.DraftYear}",
            Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        new("api/v1/bodies/{code}/reports/{year:int}/revisions/{number:int}", w => $"/api/v1/bodies/{w.BodyCode}/reports/{w.PublishedYear}/revisions/1",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/regions", _ => "/api/v1/regions", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/regions/{code}", _ => "/api/v1/regions/331122", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/regions/{code}/aggregates/{year:int}", w => $"/api/v1/regions/331122/aggregates/{w.PublishedYear}",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/regions/{code}/reports/{year:int}", w => $"/api/v1/regions/331122/reports/{w.PublishedYear}",
            Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("api/v1/{**path}", _ => "/api/v1/no-such-thing", Get: "404 404 404 404 404 404", Post: "405 405 405 405 405 405"),
        // 报告体检 stores nothing, so anyone may check a report: the page asks a post without one for one; the API
        // takes a file, JSON or text, not an urlencoded form (415), and has no GET of its own (the catch-all's 404).
        new("check", _ => "/check", Get: "ok ok ok ok ok ok", Post: "ok ok ok ok ok ok"),
        new("api/v1/check", _ => "/api/v1/check", Get: "404 404 404 404 404 404", Post: "415 415 415 415 415 415"),
        new("openapi/{documentName}.json", _ => "/openapi/v1.json", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("status/{code:int}", _ => "/status/404", Get: "404 404 404 404 404 404", Post: "404 404 404 404 404 404"),

        // Accounts: open to all; sign-out only by POST.
        new("Account/Login", _ => "/Account/Login", Get: "ok ok ok ok ok ok", Post: "ok ok ok ok ok ok"),
        new("Account/Logout", _ => "/Account/Logout", Get: "home home home home home home", Post: "home home home home home home"),
        new("Account/AccessDenied", _ => "/Account/AccessDenied", Get: "403 403 403 403 403 403", Post: "405 405 405 405 405 405"),
        // Changing one's password: every signed-in visitor (an empty post is shown again with its messages).
        new("Account/ChangePassword", _ => "/Account/ChangePassword", Get: "login ok ok ok ok ok", Post: "login ok ok ok ok ok"),

        // Clerk pages: only clerks; another body's report answers as if it did not exist.
        new("clerk", _ => "/clerk", Get: "login ok ok denied denied denied", Post: "Start: login see see denied denied denied"),
        new("clerk/reports/{id:int}", w => $"/clerk/reports/{w.DraftId}",
            Get: "login ok 404 denied denied denied", Post: "Save: login ok 404 denied denied denied"),
        new("clerk/reports/{id:int}", w => $"/clerk/reports/{w.DraftId}",
            Get: "login ok 404 denied denied denied", Post: "Submit: login ok 404 denied denied denied"),
        new("clerk/reports/{id:int}/history", w => $"/clerk/reports/{w.DraftId}/history",
            Get: "login ok 404 denied denied denied", Post: "login 405 405 denied denied denied"),
        new("clerk/reports/{id:int}/preview", w => $"/clerk/reports/{w.DraftId}/preview",
            Get: "login ok 404 denied denied denied", Post: "login 405 405 denied denied denied"),

        // Review: reviewers only, each for the reports of their own region and its sub-regions.
        new("review", _ => "/review", Get: "login denied denied ok ok denied", Post: "login denied denied 405 405 denied"),
        new("review/deadlines", _ => "/review/deadlines", Get: "login denied denied ok ok denied", Post: "login denied denied see see denied"),
        new("review/pdfs", _ => "/review/pdfs", Get: "login denied denied ok ok denied", Post: "login denied denied see see denied"),
        // History import: a batch of this county's reviewer; another county's reviewer does not see it.
        new("review/import", _ => "/review/import", Get: "login denied denied ok ok denied", Post: "login denied denied ok ok denied"),
        new("review/import/{id:int}", w => $"/review/import/{w.BatchId}?position=1",
            Get: "login denied denied ok 404 denied", Post: "Drop: login denied denied ok 404 denied"),
        new("review/import/{id:int}/files/{position:int}", w => $"/review/import/{w.BatchId}/files/1",
            Get: "login denied denied 404 404 denied", Post: "login denied denied 405 405 denied"),
        new("review/reports/{id:int}", w => $"/review/reports/{w.SubmittedId}",
            Get: "login denied denied ok 404 denied", Post: "Return: login denied denied ok 404 denied"),

        // Administration: administrators only.
        new("Admin", _ => "/Admin", Get: "login denied denied denied denied ok", Post: "login denied denied denied denied 405"),
        new("Admin/Index", _ => "/Admin/Index", Get: "login denied denied denied denied ok", Post: "login denied denied denied denied 405"),
        new("Admin/Regions", _ => "/Admin/Regions", Get: "login denied denied denied denied ok",
            Post: "Create: login denied denied denied denied ok"),
        new("Admin/Bodies", _ => "/Admin/Bodies", Get: "login denied denied denied denied ok",
            Post: "login denied denied denied denied ok"),
        new("Admin/Bodies/Edit", w => $"/Admin/Bodies/Edit?id={w.BodyId}", Get: "login denied denied denied denied ok",
            Post: "login denied denied denied denied ok"),
        new("Admin/Audit", _ => "/Admin/Audit", Get: "login denied denied denied denied ok",
            Post: "login denied denied denied denied 405"),
        new("Admin/Users", _ => "/Admin/Users", Get: "login denied denied denied denied ok",
            Post: "login denied denied denied denied ok"),
        new("Admin/Users/Edit", w => $"/Admin/Users/Edit?id={w.ClerkUserId}", Get: "login denied denied denied denied ok",
            Post: "Assign: login denied denied denied denied ok"),

        // Operations.
        new("healthz", _ => "/healthz", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
        new("readyz", _ => "/readyz", Get: "ok ok ok ok ok ok", Post: "405 405 405 405 405 405"),
    ];

    public sealed record Row(string Pattern, Func<World, string> Url, string Get, string Post);

    /// <summary>
    /// The ids and names the rows' URLs are made of: reports of the township (in "this" county), published
    /// (2024), submitted for review (2023) and a draft (2025). A review page's row is one line, e.g.
    /// <c>new("review/reports/{id:int}", w => $"/review/reports/{w.SubmittedId}", Get: "login denied denied ok 404 denied", Post: …)</c>.
    /// </summary>
    public sealed record World(string BodyCode, int PublishedYear, int DraftYear, int DraftId, int DraftRevisionId,
        int SubmittedId, string ClerkUserId, int BodyId, int BatchId);

    private readonly PortalFactory _factory;
    private readonly World _world;
    private readonly Dictionary<Who, string> _accounts = new()
    {
        [Who.Clerk] = "clerk-here", [Who.OtherClerk] = "clerk-there", [Who.Reviewer] = "reviewer-here",
        [Who.OtherReviewer] = "reviewer-there", [Who.Administrator] = "admin",
    };

    public AuthorizationMatrixTests(PostgresFixture pg)
    {
        // Five real sign-ins plus the matrix's own login posts exceed the per-IP limit; the limit has its own test.
        _factory = new PortalFactory(pg.CreateDatabase(), new Dictionary<string, string> { ["Accounts:SignInPermitsPerMinute"] = "1000" });
        using var db = _factory.Db();
        var world = TestWorld.Create(db);
        var published = TestWorld.Report(world.TownshipGov, 2024, seed: 1);
        var draft = TestWorld.Report(world.TownshipGov, 2025, seed: 2, RevisionStatus.Draft);
        var submitted = TestWorld.Report(world.TownshipGov, 2023, seed: 4, RevisionStatus.Submitted);
        db.Reports.AddRange(published, draft, submitted, TestWorld.Report(world.OtherCountyDept, 2025, seed: 3, RevisionStatus.Draft));
        // An upload of this county's reviewer; its one file is not a report, so it never has a preview.
        var batch = Domain.Importing.ImportBatch.Start(world.County.Id,
            [new Domain.Importing.UnpackedFile(1, "note.txt", "x"u8.ToArray(), new string('0', 64), null)], TestWorld.Reviewer, TestWorld.Now);
        db.ImportBatches.Add(batch);
        db.SaveChanges();

        var clerk = _factory.CreateUserAsync(_accounts[Who.Clerk], PortalAuth.Clerk, bodyId: world.TownshipGov.Id).GetAwaiter().GetResult();
        _factory.CreateUserAsync(_accounts[Who.OtherClerk], PortalAuth.Clerk, bodyId: world.OtherCountyDept.Id).GetAwaiter().GetResult();
        // The township lies in the county: the county's reviewer reviews it, the other county's does not.
        _factory.CreateUserAsync(_accounts[Who.Reviewer], PortalAuth.Reviewer, regionId: world.County.Id).GetAwaiter().GetResult();
        _factory.CreateUserAsync(_accounts[Who.OtherReviewer], PortalAuth.Reviewer, regionId: world.OtherCounty.Id).GetAwaiter().GetResult();
        _factory.CreateUserAsync(_accounts[Who.Administrator], PortalAuth.Administrator).GetAwaiter().GetResult();
        _world = new World(world.TownshipGov.Code, 2024, 2025, draft.Id, draft.Current.Id, submitted.Id, clerk.Id, world.TownshipGov.Id, batch.Id);
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Every_endpoint_of_the_application_has_a_row_in_the_matrix()
    {
        var missing = Endpoints().Where(p => Matrix.All(r => r.Pattern != p)).ToList();
        Assert.True(missing.Count == 0,
            "endpoints without an expected answer in AuthorizationMatrixTests.Matrix: " + string.Join(", ", missing));
        var stale = Matrix.Select(r => r.Pattern).Distinct().Except(Endpoints()).ToList();
        Assert.True(stale.Count == 0, "rows for endpoints the application no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_visitor_as_the_matrix_says_on_get_and_post()
    {
        var visitors = new Dictionary<Who, Visitor>();
        foreach (var who in Enum.GetValues<Who>()) visitors[who] = await VisitorAsync(who);

        var failures = new List<string>();
        var cells = 0;
        foreach (var row in Matrix)
        {
            var url = row.Url(_world);
            foreach (var (method, spec) in new[] { ("GET", row.Get), ("POST", row.Post) })
            {
                var (handler, answers) = Parse(spec);
                foreach (var who in Enum.GetValues<Who>())
                {
                    cells++;
                    var expected = answers[(int)who];
                    var target = handler is null ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
                    using var response = await visitors[who].SendAsync(method, target);
                    var actual = Describe(response);
                    if (actual != expected) failures.Add($"{method} {target} as {who}: expected {expected}, got {actual}");
                    // Sign-out ends the session on the server: the visitor signs in again for the rows after it.
                    if (method == "POST" && row.Pattern == "Account/Logout" && who != Who.Anonymous) visitors[who] = await VisitorAsync(who);
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} answers differ from the matrix:\n" + string.Join('\n', failures));
    }

    private List<string> Endpoints() => _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? "").Distinct().Order(StringComparer.Ordinal).ToList();

    private static (string? handler, string[] answers) Parse(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var handler = colon < 0 ? null : spec[..colon].Trim();
        var answers = spec[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (answers.Length != Enum.GetValues<Who>().Length) throw new InvalidOperationException($"row needs one answer per visitor: {spec}");
        return (handler, answers);
    }

    private static string Describe(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code == 200) return "ok";
        if (code is 302 or 303)
        {
            var path = response.Headers.Location?.OriginalString ?? "";
            if (path.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) || path.Contains("/Account/Login?", StringComparison.OrdinalIgnoreCase)) return "login";
            if (path.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)) return "denied";
            if (path == "/") return "home";
            return "see";
        }
        return code.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A visitor's cookies (session and antiforgery) and a token, sent as-is with each request; answers
    /// that set or clear cookies (sign-out) are not kept, so each cell of the matrix starts from the same session.</summary>
    private sealed class Visitor(HttpClient client, string cookies, string token)
    {
        public async Task<HttpResponseMessage> SendAsync(string method, string url)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
            if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
            if (method == "POST") request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            return await client.SendAsync(request);
        }
    }

    private async Task<Visitor> VisitorAsync(Who who)
    {
        var jar = new CookieJar();
        var client = _factory.CreateDefaultClient(jar);
        if (who != Who.Anonymous)
        {
            var signIn = await _factory.Browser().SignInAsync(_accounts[who]);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            jar.Keep(signIn);
        }
        // A page every visitor may open and that carries a form: its token is bound to this visitor's session.
        var html = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, "no antiforgery token on /Account/Login");
        var plain = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return new Visitor(plain, jar.Header, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>Keeps name=value of every cookie set (Secure ones too: the test server speaks http).</summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

        public void Keep(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
            foreach (var v in values)
            {
                var pair = v.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", Header);
            var response = await base.SendAsync(request, ct);
            Keep(response);
            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
