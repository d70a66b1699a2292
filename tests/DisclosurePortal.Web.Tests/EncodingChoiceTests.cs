using DisclosurePortal.Web.PublicSite;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// The encoding the output cache keys a public page by is remembered per Accept-Encoding value
/// (<see cref="PublicCompression.EncodingChoice"/>): it must always be what the compression middleware itself chooses,
/// or a client would be sent bytes in an encoding it did not ask for.
/// </summary>
public sealed class EncodingChoiceTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddPublicCompression().BuildServiceProvider();
    private readonly PublicCompression.EncodingChoice _choice;
    private readonly IResponseCompressionProvider _middleware;

    public EncodingChoiceTests()
    {
        _choice = _services.GetRequiredService<PublicCompression.EncodingChoice>();
        _middleware = _services.GetRequiredService<IResponseCompressionProvider>();
    }

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.9", "br")]
    [InlineData("gzip;q=0", "")]
    [InlineData("identity", "")]
    [InlineData("", "")]
    [InlineData("zstd", "")]
    public void The_remembered_choice_is_the_middlewares_the_first_time_and_every_time_after(string accept, string expected)
    {
        for (var i = 0; i < 3; i++)
        {
            var http = Request(accept);
            Assert.Equal(expected, _choice.For(http));
            Assert.Equal(Middleware(http), _choice.For(http));
        }
    }

    [Fact]
    public void A_range_request_or_a_header_sent_twice_is_answered_as_the_middleware_answers_it()
    {
        Assert.Equal("br", _choice.For(Request("gzip, br")));
        var ranged = Request("gzip, br");
        ranged.Request.Headers.Range = "bytes=0-99";
        Assert.Equal(Middleware(ranged), _choice.For(ranged));
        var twice = Request("gzip");
        twice.Request.Headers.Append("Accept-Encoding", "br;q=0");
        Assert.Equal(Middleware(twice), _choice.For(twice));
    }

    [Fact]
    public void Spellings_beyond_the_remembered_number_are_answered_right_and_not_kept()
    {
        for (var i = 0; i < 3 * PublicCompression.EncodingChoice.Remembered; i++)
        {
            // Anyone can send any header: every spelling differs, half of them refuse Brotli.
            var refuseBrotli = i % 2 == 0;
            var accept = refuseBrotli ? $"gzip;q=0.{i % 9 + 1}, br;q=0, x-{i}" : $"gzip, br, x-{i}";
            Assert.Equal(refuseBrotli ? "gzip" : "br", _choice.For(Request(accept)));
        }
        Assert.Equal(PublicCompression.EncodingChoice.Remembered, _choice.Count);
    }

    private string Middleware(HttpContext http) =>
        _middleware.CheckRequestAcceptsCompression(http) ? _middleware.GetCompressionProvider(http)?.EncodingName ?? "" : "";

    private DefaultHttpContext Request(string acceptEncoding)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        if (acceptEncoding.Length > 0) http.Request.Headers.AcceptEncoding = acceptEncoding;
        return http;
    }
}
