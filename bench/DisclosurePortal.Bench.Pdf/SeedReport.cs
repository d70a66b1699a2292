using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Pdf;

namespace DisclosurePortal.Bench.Pdf;

/// <summary>A report shaped like the seed (钱店镇 2024): its prose, and a small count in every cell.</summary>
internal static class SeedReport
{
    private static readonly Dictionary<string, string> Prose = new()
    {
        [Format2021.ProseActive] = "2024年，我镇严格按照政务信息公开目录要求，除法律、法规规定不宜公开和必须保密的外，积极主动公开信息，实现政府信息工作透明、公开。",
        [Format2021.ProseOnRequest] = "2024年，我镇没有相关依申请公开信息，也没有不予公开政府信息的情况。",
        [Format2021.ProseManagement] = "2024年，我镇未出台相关规章、行政规范性文件及其他政策文件。",
        [Format2021.ProsePlatform] = "2024年，我镇调整政府信息公开领导小组，进一步健全政府信息公开流程、政府信息公开主动公开、依申请公开等制度。妥善处理公开与保密的关系，在确保不失密不泄密的前提下，突出重点公开内容，做到及时公开，最大限度地保障人民群众的知情权和监督权，形成良好的舆论监督氛围。",
        [Format2021.ProseSupervision] = "2024年，钱店镇党委、政府高度重视这项工作，明确镇党政综合办公室作为政务信息公开的职能科室，全面协调处理日常事务，督促责任科室提供相关信息，由专人负责政务公开具体工作，提高政府信息公开工作的规范化和准确性。持续开展政府信息公开社会评议，广泛听取公众意见，有力保障工作成效。",
        [Format2021.ProseProblems] = "问题：1.信息发布主时效性、创新性不强，发布形式单一。2.主动公开的意识不够，对政府信息公开工作的认识不足，影响主动公开工作的落实。3.信息公开类型及内容覆盖不够全面，对公众重点关注的领域没做到及时公开。\n针对存在的问题，我们目前改进情况：1.按照规定程序，定时定期进行信息自查，发现过期信息立即更新，保证公开时效性，确保信息公开迅速、及时、规范。2.指定专人负责进行政务公开发布工作。定期召开政务公开工作人员工作培训会，积极和其他单位进行业务交流，并参加上级部门组织的业务培训，切实提高全镇政务公开整体工作水平。3.积极听取公众意见，拓宽公众反馈渠道，对公众的电话及留言意见进行记录，并给出合理政务公开方案。",
        [Format2021.ProseOther] = "依据《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》（国办函〔2020〕109号）规定，本年度我单位未收取信息处理费。",
    };

    public static PdfReport Create(int variant = 0)
    {
        var figures = Format2021.Definition.Cells.Select((c, i) => (c, i))
            .ToDictionary(x => x.c.Ref, x => (decimal)((x.i + variant) % 17));
        var data = new ReportData(Format2021.Definition, figures, Prose);
        return new PdfReport("钱店镇", 2024, data, 1, new DateTimeOffset(2025, 1, 20, 9, 30, 0, TimeSpan.FromHours(8)),
            "7Q4K-M2XD", IsDraft: false);
    }

    /// <summary>Pdf__FontDirectory, or the repository's fonts/ folder found from the working or build directory.</summary>
    public static string FontDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("Pdf__FontDirectory");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "fonts");
                if (File.Exists(Path.Combine(candidate, "NotoSerifSC_400Regular.ttf"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("fonts/ with Noto Serif SC not found; set Pdf__FontDirectory.");
    }
}
