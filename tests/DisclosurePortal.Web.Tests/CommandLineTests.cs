using System.Diagnostics;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Samples;

namespace DisclosurePortal.Web.Tests;

public sealed class CommandLineTests
{
    private static (int exit, string stdout, string stderr) RunPortal(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DisclosurePortal.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["Pdf__FontDirectory"] = FontDirectory();
        psi.Environment.Remove("ConnectionStrings__Portal");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "the portal did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FontDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("Pdf__FontDirectory");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "fonts", "NotoSerifSC_400Regular.ttf"))) return Path.Combine(dir.FullName, "fonts");
        throw new DirectoryNotFoundException("fonts/ not found; run scripts/test.sh");
    }

    [Fact]
    public void Render_pdf_writes_the_pdf_of_a_json_report_without_a_database()
    {
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            var data = SampleReports.Generate(Format2021.Definition, BodyKind.TownshipGovernment, 2024, "钱店镇", 5);
            var json = Path.Combine(dir.FullName, "report.json");
            File.WriteAllText(json, ReportJson.Serialize(new ReportDocument(new ReportDocumentBody("qiandian", "钱店镇", null), 2024, null, data)));
            var pdf = Path.Combine(dir.FullName, "report.pdf");

            var (exit, _, stderr) = RunPortal("--render-pdf", json, pdf);

            Assert.True(exit == 0, stderr);
            var bytes = File.ReadAllBytes(pdf);
            Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Render_pdf_refuses_an_invalid_json_report_with_a_message_and_exit_code_1()
    {
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            var json = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(json, """{"formatVersion": "2021", "year": 2024, "figures": {"t9": {}}}""");
            var (exit, _, stderr) = RunPortal("--render-pdf", json, Path.Combine(dir.FullName, "out.pdf"));
            Assert.Equal(1, exit);
            Assert.Contains("无法读取报告", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir.FullName, "out.pdf")));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
