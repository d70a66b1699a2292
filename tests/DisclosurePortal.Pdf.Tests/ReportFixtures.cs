using System.Diagnostics;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Pdf.Tests;

/// <summary>Reports to render: the seed township report (钱店镇 2024) and variations of it.</summary>
public static class ReportFixtures
{
    public static readonly DateTimeOffset Published = new(2025, 1, 20, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly Lazy<ReportPdfRenderer> SharedRenderer = new(() => new ReportPdfRenderer(TestFonts.Directory()));

    public static ReportPdfRenderer Renderer => SharedRenderer.Value;

    /// <summary>The seed report's prose, copied from shared/seed/000_8f4f033ed63f27b4.txt (钱店镇 2024).</summary>
    public static readonly IReadOnlyDictionary<string, string> SeedProse = new Dictionary<string, string>
    {
        [Format2021.ProseActive] = "2024年，我镇严格按照政务信息公开目录要求，除法律、法规规定不宜公开和必须保密的外，积极主动公开信息，实现政府信息工作透明、公开。",
        [Format2021.ProseOnRequest] = "2024年，我镇没有相关依申请公开信息，也没有不予公开政府信息的情况。",
        [Format2021.ProseManagement] = "2024年，我镇未出台相关规章、行政规范性文件及其他政策文件。",
        [Format2021.ProsePlatform] = "2024年，我镇调整政府信息公开领导小组，进一步健全政府信息公开流程、政府信息公开主动公开、依申请公开等制度。妥善处理公开与保密的关系，在确保不失密不泄密的前提下，突出重点公开内容，做到及时公开，最大限度地保障人民群众的知情权和监督权，形成良好的舆论监督氛围。",
        [Format2021.ProseSupervision] = "2024年，钱店镇党委、政府高度重视这项工作，明确镇党政综合办公室作为政务信息公开的职能科室，全面协调处理日常事务，督促责任科室提供相关信息，由专人负责政务公开具体工作，提高政府信息公开工作的规范化和准确性。持续开展政府信息公开社会评议，广泛听取公众意见，有力保障工作成效。",
        [Format2021.ProseProblems] = "问题：1.信息发布主时效性、创新性不强，发布形式单一。2.主动公开的意识不够，对政府信息公开工作的认识不足，影响主动公开工作的落实。3.信息公开类型及内容覆盖不够全面，对公众重点关注的领域没做到及时公开。\n针对存在的问题，我们目前改进情况：1.按照规定程序，定时定期进行信息自查，发现过期信息立即更新，保证公开时效性，确保信息公开迅速、及时、规范。2.指定专人负责进行政务公开发布工作。定期召开政务公开工作人员工作培训会，积极和其他单位进行业务交流，并参加上级部门组织的业务培训，切实提高全镇政务公开整体工作水平。3.积极听取公众意见，拓宽公众反馈渠道，对公众的电话及留言意见进行记录，并给出合理政务公开方案。",
        [Format2021.ProseOther] = "依据《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》（国办函〔2020〕109号）规定，本年度我单位未收取信息处理费。",
    };

    /// <summary>Every cell of the format filled by <paramref name="value"/> (index in document order).</summary>
    public static Dictionary<CellRef, decimal> Figures(Func<CellDef, int, decimal> value) =>
        Format2021.Definition.Cells.Select((c, i) => (c, i)).ToDictionary(x => x.c.Ref, x => value(x.c, x.i));

    public static ReportData Data(IReadOnlyDictionary<CellRef, decimal>? figures = null, IReadOnlyDictionary<string, string>? prose = null) =>
        new(Format2021.Definition, figures ?? Figures((_, _) => 0m), prose ?? SeedProse);

    public static PdfReport Seed(ReportData? data = null) =>
        new("钱店镇", 2024, data ?? Data(), 1, Published, "7Q4K-M2XD", IsDraft: false);

    public static PdfReport Draft(ReportData? data = null) =>
        new("钱店镇", 2024, data ?? Data(), 2, null, "DRFT-0002", IsDraft: true,
            DraftTimestamp: new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Writes the PDF and, when pdftoppm is installed, one PNG per page under artifacts/ for a person to look at.</summary>
    public static string SaveArtifact(string name, byte[] pdf)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".pdf");
        File.WriteAllBytes(path, pdf);
        const string pdftoppm = "/usr/bin/pdftoppm";
        if (File.Exists(pdftoppm))
        {
            using var p = Process.Start(new ProcessStartInfo(pdftoppm, ["-r", "80", "-png", path, Path.Combine(dir, name)])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            p?.WaitForExit(30_000);
        }
        return path;
    }
}
