using System.Diagnostics;
using System.Text.Json;
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
        RunPortalWith(TestFonts.Directory(), null, null, args);

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

            var (exit, stdout, stderr) = RunPortalWith(TestFonts.Directory(), cs, dir.FullName, args);

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

    private static string RealReport(string folder, string file) => RealReports.PathOf(folder, file);

    [Fact]
    public void Import_with_history_publishes_the_file_as_the_bodys_history_and_refuses_a_second()
    {
        var cs = pg.CreateDatabase();
        using (var db = Data.PortalDb.Create(cs)) TestWorld.Create(db);
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            string[] args = ["--import", RealReport("02-hongze-qu-2023", "source.pdf"), "--history", "--body", "jinyun-jyj", "--published-on", "2024-01-19"];

            var (exit, stdout, stderr) = RunPortalWith(TestFonts.Directory(), cs, dir.FullName, args);
            Assert.True(exit == 0, stderr + stdout);
            Assert.Matches(@"^已作为历史报告（导入）发布：缙云县教育局 2023 年，报告编号 \d+$", stdout.Trim());

            var (again, _, refused) = RunPortalWith(TestFonts.Directory(), cs, dir.FullName, args);
            Assert.Equal(1, again);
            Assert.Contains("不能重复导入，也不会合并", refused, StringComparison.Ordinal);
            using var check = Data.PortalDb.Create(cs);
            Assert.Equal(Domain.Reports.RevisionOrigin.Imported, check.Revisions.Single().Origin);
            Assert.Equal(new DateOnly(2024, 1, 19), check.Revisions.Single().OriginallyPublishedOn);
        }
        finally
        {
            dir.Delete(true);
        }
    }


    [Fact]
    public void Check_json_prints_one_json_object_with_the_report_as_printed_the_guessed_kind_and_the_findings()
    {
        var (exit, stdout, stderr) = RunPortal("--check", RealReport("02-hongze-qu-2023", "source.pdf"), "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["report", "bodyKind", "findings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2023, root.GetProperty("report").GetProperty("year").GetInt32());
        using var truth = JsonDocument.Parse(File.ReadAllText(RealReport("02-hongze-qu-2023", "truth.json")));
        var figures = root.GetProperty("report").GetProperty("figures");
        foreach (var table in truth.RootElement.GetProperty("figures").EnumerateObject())
        foreach (var row in table.Value.EnumerateObject())
        foreach (var cell in row.Value.EnumerateObject())
            Assert.True(JsonElement.DeepEquals(cell.Value, figures.GetProperty(table.Name).GetProperty(row.Name).GetProperty(cell.Name)),
                $"{table.Name}/{row.Name}/{cell.Name}");
        Assert.Equal("CountyGovernment", root.GetProperty("bodyKind").GetProperty("code").GetString());
        Assert.Equal("name", root.GetProperty("bodyKind").GetProperty("guessedFrom").GetString());
        // The report prints 表四 复议 10 + 1 with a total of 0: read as printed, found by the rules, still exit 0.
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f =>
            f.GetProperty("code").GetString() == "T4-TOTAL" && f.GetProperty("level").GetString() == "blocking"
            && f.GetProperty("location").GetString() == "t4/cases/review.total");
    }

    [Fact]
    public void Check_without_json_prints_a_chinese_summary_naming_the_body_its_kind_and_each_finding()
    {
        var (exit, stdout, stderr) = RunPortal("--check", RealReport("02-hongze-qu-2023", "source.pdf"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("洪泽区人民政府 2023 年度报告", stdout, StringComparison.Ordinal);
        Assert.Contains("县（区）人民政府（根据单位名称推断）", stdout, StringComparison.Ordinal);
        Assert.Contains("必须修正 [T4-TOTAL]", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "文件是空的")]
    [InlineData("report.doc", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "另存为 .docx")]
    public void Check_of_a_refused_file_exits_2_with_the_reason_on_stderr_and_nothing_on_stdout(string name, byte[] bytes, string reason)
    {
        var dir = Directory.CreateTempSubdirectory("dp-cli-");
        try
        {
            var file = Path.Combine(dir.FullName, name);
            File.WriteAllBytes(file, bytes);

            var (exit, stdout, stderr) = RunPortal("--check", file, "--json");

            Assert.Equal(2, exit);
            Assert.Contains(reason, stderr, StringComparison.Ordinal);
            Assert.Equal("", stdout);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Check_of_a_missing_file_is_a_usage_error_with_exit_1()
    {
        var (exit, stdout, stderr) = RunPortal("--check", Path.Combine(Path.GetTempPath(), "dp-no-such-report.pdf"), "--json");
        Assert.Equal(1, exit);
        Assert.Contains("找不到文件", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }
}
