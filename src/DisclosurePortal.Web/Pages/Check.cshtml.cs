using DisclosurePortal.Readers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DisclosurePortal.Web.Pages;

/// <summary>
/// 报告体检: anyone pastes the text of a published report or uploads one file of it and sees it as read, in the
/// official layout, with every rule finding at its cell (ReportCheck). Nothing is stored, so no account is needed.
/// </summary>
/// <remarks>
/// No antiforgery token: the page changes nothing, and the form is read here rather than by a filter, so that a
/// body over the limit is answered with a Chinese message instead of a bare 400 or 413.
/// </remarks>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(Security.ClientRateLimits.Check)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class CheckModel : PageModel
{
    /// <summary>Far above any annual report (a scanned one is refused anyway), far below what would tie up the server.</summary>
    public const int MaxRequestBytes = 20 * 1024 * 1024;

    public const string Accepted = ".html,.htm,.pdf,.docx,.txt";

    public static readonly string TooLarge = $"提交的内容超过 {MaxRequestBytes / 1024 / 1024} MB，无法检查；请上传报告本身（一份文件）";

    public string Text { get; private set; } = "";
    /// <summary>The file's name, or 「粘贴的文字」.</summary>
    public string? Source { get; private set; }
    public ReportCheck? Result { get; private set; }
    /// <summary>Why the reader refused the report, with the page or line, row and column where it says them.</summary>
    public string? Refusal { get; private set; }
    /// <summary>Bad input at the form itself: nothing given, or too much.</summary>
    public string? InputError { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The test host enforces no body size limit; Kestrel does, on reading. Both end in the same message.
        if (Request.ContentLength > MaxRequestBytes) return Refuse(TooLarge);
        // Not a form at all (JSON, plain text, nothing): the form's own message, as for an empty form.
        if (!Request.HasFormContentType)
        {
            InputError = "请粘贴报告的文字，或选择一个报告文件";
            return Page();
        }
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return Refuse(TooLarge);
        }
        Text = form["Text"].ToString();
        var file = form.Files.GetFile("File");
        byte[] bytes;
        if (file is { FileName.Length: > 0 })
        {
            Source = Path.GetFileName(file.FileName);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        else if (!string.IsNullOrWhiteSpace(Text))
        {
            Source = "粘贴的文字";
            bytes = System.Text.Encoding.UTF8.GetBytes(Text);
        }
        else
        {
            InputError = "请粘贴报告的文字，或选择一个报告文件";
            return Page();
        }
        var name = file is { FileName.Length: > 0 } ? file.FileName : ReportCheck.PastedTextName;
        Result = ReportCheck.Read(name, bytes, out ReportReading reading);
        Refusal = reading.Refusal;
        return Page();
    }

    private PageResult Refuse(string message)
    {
        InputError = message;
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Page();
    }
}
