using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DisclosurePortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// Data Protection keys encrypted at rest with an operator's certificate (Operations:KeyProtection,
/// docs/operations.md): what is stored is not the key, an instance with the certificate reads another's keys, an
/// instance without it cannot.
/// </summary>
[Collection(WebTests.Name)]
public sealed class KeyProtectionTests(PostgresFixture pg) : IDisposable
{
    private const string CertificatePassword = "pfx passphrase";
    private readonly string _directory = Directory.CreateTempSubdirectory("dp-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CreatePfx(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    private static Dictionary<string, string> Protected(string pfx) => new()
    {
        ["Operations:KeyProtection:CertificatePath"] = pfx,
        ["Operations:KeyProtection:CertificatePassword"] = CertificatePassword,
    };

    private static HttpClient Client(PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>The sign-in form's antiforgery cookie and token, as one instance made them.</summary>
    private static async Task<(string Cookie, string Token)> FormTokenAsync(PortalFactory instance)
    {
        var response = await Client(instance).GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dp.antiforgery=", StringComparison.Ordinal));
        return (cookie.Split(';')[0], Accounts.AntiforgeryToken(html) ?? throw new InvalidOperationException("no antiforgery token"));
    }

    /// <summary>Posts the form made on another instance: 200 (the form again, 用户名或密码错误) when its token is valid here.</summary>
    private static async Task<HttpStatusCode> PostSignInAsync(PortalFactory instance, (string Cookie, string Token) form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/Account/Login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "nobody", ["Input.Password"] = "not the password", ["__RequestVerificationToken"] = form.Token,
            }),
        };
        request.Headers.Add("Cookie", form.Cookie);
        return (await Client(instance).SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_and_read_by_an_instance_with_the_certificate_but_not_by_one_without()
    {
        var database = pg.CreateDatabase();
        var pfx = CreatePfx("portal-keys");
        using var first = new PortalFactory(database, Protected(pfx));
        using var second = new PortalFactory(database, Protected(pfx));
        using var withoutCertificate = new PortalFactory(database);

        var form = await FormTokenAsync(first);

        await using (var db = first.Db())
        {
            var stored = await db.Database.SqlQuery<string>($"SELECT xml AS \"Value\" FROM data_protection_keys").ToListAsync();
            var key = Assert.Single(stored);
            Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, await PostSignInAsync(second, form));
        Assert.Equal(HttpStatusCode.BadRequest, await PostSignInAsync(withoutCertificate, form));
    }

    [Fact]
    public async Task After_the_certificate_is_replaced_keys_encrypted_to_the_previous_one_are_still_read()
    {
        var database = pg.CreateDatabase();
        var (oldPfx, newPfx) = (CreatePfx("portal-keys-2025"), CreatePfx("portal-keys-2026"));
        using var before = new PortalFactory(database, Protected(oldPfx));
        var form = await FormTokenAsync(before);

        using var replacedWithoutPrevious = new PortalFactory(database, Protected(newPfx));
        using var replaced = new PortalFactory(database, new Dictionary<string, string>(Protected(newPfx))
        {
            ["Operations:KeyProtection:PreviousCertificatePaths"] = oldPfx,
        });

        Assert.Equal(HttpStatusCode.OK, await PostSignInAsync(replaced, form));
        Assert.Equal(HttpStatusCode.BadRequest, await PostSignInAsync(replacedWithoutPrevious, form));
    }

    [Fact]
    public void A_certificate_file_that_cannot_be_read_stops_the_start()
    {
        using var factory = new PortalFactory(pg.CreateDatabase(), Protected(Path.Combine(_directory, "missing.pfx")));
        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }
}
