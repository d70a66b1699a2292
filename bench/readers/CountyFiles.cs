using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Samples;
using DisclosurePortal.Pdf;
using DisclosurePortal.Readers;

/// <summary>
/// A county's published reports as files: even-numbered ones PDFs the portal's renderer printed from generated
/// reports of four kinds of body, odd-numbered ones the real web page of tests/real-reports/14 under another name.
/// Returns what each file was printed from, and the body name each one carries.
/// </summary>
internal static class CountyFiles
{
    public static Dictionary<string, (ReportData Data, string BodyName)> Write(string dir, int count, string realDir, string fonts)
    {
        var renderer = new ReportPdfRenderer(fonts);
        var html = File.ReadAllText(Path.Combine(realDir, "14-pingtan-2024/source.html"));
        var htmlDoc = ReportReader.Read("source.html", System.Text.Encoding.UTF8.GetBytes(html)).Document!;
        var files = new Dictionary<string, (ReportData, string)>(StringComparer.Ordinal);
        BodyKind[] kinds = [BodyKind.TownshipGovernment, BodyKind.SubDistrictOffice, BodyKind.CountyDepartment, BodyKind.CountyGovernment];
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                var kind = kinds[i / 2 % kinds.Length];
                var body = kind switch
                {
                    BodyKind.TownshipGovernment => $"样例县第{i}镇人民政府",
                    BodyKind.SubDistrictOffice => $"样例县第{i}街道办事处",
                    BodyKind.CountyDepartment => $"样例县第{i}局",
                    _ => $"样例第{i}县人民政府",
                };
                var year = 2021 + i / 2 % 4;
                var data = SampleReports.Generate(Format2021.Definition, kind, year, body, seed: i);
                var pdf = renderer.Render(new PdfReport(body, year, data, 1, new DateTimeOffset(year + 1, 1, 20, 2, 0, 0, TimeSpan.Zero), "SAMPLE", IsDraft: false));
                File.WriteAllBytes(Path.Combine(dir, $"{i:D4}.pdf"), pdf);
                files[$"{i:D4}.pdf"] = (data, body);
            }
            else
            {
                var name = $"样例区第{i}片区";
                File.WriteAllText(Path.Combine(dir, $"{i:D4}.html"), html.Replace("平潭综合实验区", name, StringComparison.Ordinal));
                files[$"{i:D4}.html"] = (htmlDoc.Data, htmlDoc.Body.Name.Replace("平潭综合实验区", name, StringComparison.Ordinal));
            }
        }
        return files;
    }
}
