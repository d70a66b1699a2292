using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DisclosurePortal.Web.Pages;

/// <summary>
/// The friendly page of an error status without a body of its own (UseStatusCodePagesWithReExecute): a
/// reader who follows an old link or types a wrong year gets a page in Chinese with a way on, with the
/// original status code kept (404 or 400, never a 500).
/// </summary>
/// <remarks>
/// A refused POST (401 before sign-in, 404 on another body's report) is re-executed as a POST: the page answers
/// it like a GET, and has no antiforgery check of its own (it changes nothing), so the original status stays.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string? OriginalPath { get; private set; }

    public void OnGet(int code)
    {
        Code = code;
        OriginalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        // Reached directly (/status/404), the page still answers with the status it describes.
        if (code is >= 400 and <= 599) Response.StatusCode = code;
    }

    public void OnPost(int code) => OnGet(code);

    public string Heading => Code switch
    {
        404 => "没有找到这个页面",
        400 => "请求的内容有误",
        401 or 403 => "没有访问权限",
        429 => "请求过于频繁",
        _ => "页面暂时无法显示",
    };

    public string Explanation => Code switch
    {
        404 => "您要找的单位、年度或报告不存在，或者报告尚未发布。年度报告经审核发布后才会在本平台公开。",
        400 => "地址中的参数（如年度、页码或比较对象）无法识别。请检查后重试。",
        401 or 403 => "此页面需要登录，或您的账户无权查看。",
        429 => "请稍等片刻后再试。",
        _ => "请稍后再试。",
    };
}
