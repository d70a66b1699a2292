using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace DisclosurePortal.Web.OpenData;

/// <summary>A file of a report as the check API documents it: the multipart field <c>file</c>.</summary>
public sealed record CheckUpload(IFormFile File);

/// <summary>
/// <c>POST /api/v1/check</c>: the public 报告体检 for programs. A report comes as the multipart field <c>file</c>,
/// or as the body itself (its JSON form, or text); the answer is what <c>--check --json</c> prints, a refusal is a
/// 422 problem with the reader's reason. Nothing is stored.
/// </summary>
internal static class CheckApi
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/check", Check).WithName("CheckReport").WithTags("报告体检")
            .WithSummary("报告体检：读取一份报告（multipart 字段 file，或以 JSON/文字为请求体）并按规则检查，不保存任何内容")
            .WithDescription("200：{\"report\": 报告的 JSON 形式, \"bodyKind\": {code, label, guessedFrom}, \"findings\": " +
                "[{code, level (blocking|warning), location, message}]}，与命令行 --check --json 相同。无法读取时 422，detail 为原因" +
                "（页/行、行、列）。请求体不超过 20 MB。")
            // One Accepts for all three: the endpoint matches the content types of the last Accepts alone.
            .Accepts<CheckUpload>("multipart/form-data", "text/plain", "application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody?.Content is { } content)
                {
                    content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "报告的文字" } };
                    content["application/json"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "报告的 JSON 形式（docs/report-json.md）" },
                    };
                }
                return Task.CompletedTask;
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(Pages.CheckModel.MaxRequestBytes))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(Security.ClientRateLimits.Check)
            .DisableAntiforgery();

    private static async Task<IResult> Check(HttpContext ctx, CancellationToken ct)
    {
        var request = ctx.Request;
        // The test host enforces no body size limit; Kestrel does, on reading. Both end in the same problem.
        if (request.ContentLength > Pages.CheckModel.MaxRequestBytes) return TooLarge();
        string name;
        byte[] bytes;
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                if (form.Files.GetFile("file") is not { } file)
                    return TypedResults.Problem("表单中没有名为 file 的文件字段", statusCode: StatusCodes.Status400BadRequest, title: "请求有误");
                name = Path.GetFileName(file.FileName);
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                bytes = buffer.ToArray();
            }
            else
            {
                // A JSON body is the report's JSON form; anything else is read as text.
                name = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "report.json" : ReportCheck.PastedTextName;
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, ct);
                bytes = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return TooLarge();
        }
        if (ReportCheck.Read(name, bytes, out var reading) is not { } check)
            return TypedResults.Problem(reading.Refusal, statusCode: StatusCodes.Status422UnprocessableEntity, title: "无法读取报告");
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(check.ToJson(reading.Json!)), "application/json; charset=utf-8");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() => TypedResults.Problem(Pages.CheckModel.TooLarge,
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求过大");
}
