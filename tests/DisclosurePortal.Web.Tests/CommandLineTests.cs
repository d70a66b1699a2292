using System.Diagnostics;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.TestSupport;

namespace DisclosurePortal.Web.Tests;

[Collection(WebTests.Name)]
public sealed class CommandLineTests(PostgresFixture pg)
{
    private static (int exit, string stdout, string stderr) RunPortal(params string[] args) =>
        RunPortalWith(FontDirectory(), null, null, args);

    /// <param name="fonts">Pdf__FontDirectory, or null to leave it unset.</param>
    /// <param name="workingDirectory">Where the operator runs the command (no appsettings.json there), or null.</param>
    private static (int exit, string stdout, string stderr) RunPortalWith(string? fonts, string? connectionString,
        string? workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DisclosurePortal.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (fonts is null) psi.Environment.Remove("Pdf__FontDirectory");
        else psi.Environment["Pdf__FontDirectory"] = fonts;
        if (connectionString is null) psi.Environment.Remove("ConnectionStrings__Portal");
        else psi.Environment["ConnectionStrings__Portal"] = connectionString;
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
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

    private static string WriteSampleJson(DirectoryInfo dir, string code, string name)
    {
        var data = SampleReports.Generate(Format2021.Definition, BodyKind.TownshipGovernment, 2024, name, 5);
        var json = Path.Combine(dir.FullName, "report.json");
        File.WriteAllText(json, ReportJson.Serialize(new ReportDocument(new ReportDocumentBody(code, name, null), 2024, null, data)));
        return json;
    }

    [Fact]
    public void Render_pdf_finds_the_fonts_the_set_up_fetched_without_Pdf__FontDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            var json = WriteSampleJson(dir, "qiandian", "钱店镇");
            var pdf = Path.Combine(dir.FullName, "report.pdf");

            // The repository's fonts/ folder is found above the application's own folder.
            var (exit, _, stderr) = RunPortalWith(null, null, dir.FullName, "--render-pdf", json, pdf);

            Assert.True(exit == 0, stderr);
            Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(pdf)[..5]);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Render_pdf_without_fonts_says_so_in_one_line_and_exits_1_without_a_stack_trace()
    {
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            var json = WriteSampleJson(dir, "qiandian", "钱店镇");
            var empty = dir.CreateSubdirectory("no-fonts").FullName;

            var (exit, stdout, stderr) = RunPortalWith(empty, null, dir.FullName, "--render-pdf", json, Path.Combine(dir.FullName, "out.pdf"));

            Assert.Equal(1, exit);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("无法生成 PDF：找不到字体", line, StringComparison.Ordinal);
            Assert.Contains("PDF fonts not found", line, StringComparison.Ordinal);
            Assert.Equal("", stdout.Trim());
            Assert.False(File.Exists(Path.Combine(dir.FullName, "out.pdf")));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Import_prints_its_result_only_and_the_sql_it_ran_only_with_verbose(bool verbose)
    {
        var cs = pg.CreateDatabase();
        using (var db = Data.PortalDb.Create(cs)) TestWorld.Create(db);
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            var json = WriteSampleJson(dir, "qiandian", "钱店镇人民政府");
            string[] args = verbose ? ["--import", json, "--verbose"] : ["--import", json];

            var (exit, stdout, stderr) = RunPortalWith(FontDirectory(), cs, dir.FullName, args);

            Assert.True(exit == 0, stderr + stdout);
            if (verbose)
                Assert.Contains("INSERT INTO", stdout, StringComparison.Ordinal);
            else
            {
                Assert.Matches(@"^已导入为草稿，报告编号 \d+$", stdout.Trim());
                Assert.Equal("", stderr.Trim());
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
