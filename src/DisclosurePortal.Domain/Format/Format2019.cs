namespace DisclosurePortal.Domain.Format;

/// <summary>
/// The 2019 trial format (国办公开办函〔2019〕60号), for reports on 2019 and 2020. Its six sections, 表三 (but for
/// （六）其他处理, one row with figures of its own) and 表四 are those of <see cref="Format2021"/> with the same codes;
/// 表二 has other columns and two more items, and its codes name only figures of this format, so that no view or
/// rule takes a 2019 figure for a different 2021 one.
/// </summary>
public static class Format2019
{
    public const string Version = "2019";

    /// <summary>
    /// Row and column codes of 表二. The rows 规章, 规范性文件, 行政许可, 行政处罚, 行政强制 and 行政事业性收费 share the 2021
    /// row codes (the same kind of item); no column code is shared, because no column counts the same thing.
    /// </summary>
    public static class Table2
    {
        public const string Rules = Format2021.Table2.Rules;                 // 规章
        public const string NormativeDocs = Format2021.Table2.NormativeDocs; // 规范性文件
        public const string Licensing = Format2021.Table2.Licensing;         // 行政许可
        public const string OtherServices = "other_services";                // 其他对外管理服务事项
        public const string Penalty = Format2021.Table2.Penalty;             // 行政处罚
        public const string Coercion = Format2021.Table2.Coercion;           // 行政强制
        public const string AdminFees = Format2021.Table2.AdminFees;         // 行政事业性收费
        public const string Procurement = "procurement";                     // 政府集中采购

        public const string Made = "made";                         // 本年新制作数量
        public const string Published = "published";              // 本年新公开数量
        public const string PublishedTotal = "published_total";   // 对外公开总数量
        public const string ItemsLastYear = "items_last_year";    // 上一年项目数量
        public const string ItemsChange = "items_change";         // 本年增/减 (signed)
        public const string DecisionCount = "decision_count";     // 处理决定数量
        public const string Purchases = "purchases";              // 采购项目数量
        public const string PurchaseAmount = "purchase_amount";   // 采购总金额
    }

    public static readonly ReportFormat Definition = new(Version, "政府信息公开工作年度报告格式（2019 试行）",
        "国办公开办函〔2019〕60号", 2019, 2020,
        Format2021.Sections(BuildTable2(), Format2021.BuildTable3(otherHandlingItemized: false), Format2021.BuildTable4()));

    private static TableDef BuildTable2()
    {
        static RowDef Leaf(string code, string label) => Format2021.Leaf(code, label, label);
        var lastYear = new ColumnDef(Table2.ItemsLastYear, "上一年项目数量", ValueKind.Count);
        var change = new ColumnDef(Table2.ItemsChange, "本年增/减", ValueKind.SignedCount);
        var decisions = new ColumnDef(Table2.DecisionCount, "处理决定数量", ValueKind.Count);
        return new TableDef(Format2021.T2, "表二",
        [
            Format2021.Table2Block("art20-1", "第二十条第（一）项",
                [
                    new(Table2.Made, "本年新制作数量", ValueKind.Count),
                    new(Table2.Published, "本年新公开数量", ValueKind.Count),
                    new(Table2.PublishedTotal, "对外公开总数量", ValueKind.Count),
                ],
                [Leaf(Table2.Rules, "规章"), Leaf(Table2.NormativeDocs, "规范性文件")]),
            Format2021.Table2Block("art20-5", "第二十条第（五）项", [lastYear, change, decisions],
                [Leaf(Table2.Licensing, "行政许可"), Leaf(Table2.OtherServices, "其他对外管理服务事项")]),
            Format2021.Table2Block("art20-6", "第二十条第（六）项", [lastYear, change, decisions],
                [Leaf(Table2.Penalty, "行政处罚"), Leaf(Table2.Coercion, "行政强制")]),
            Format2021.Table2Block("art20-8", "第二十条第（八）项", [lastYear, change],
                [Leaf(Table2.AdminFees, "行政事业性收费")]),
            // The trial form prints no unit and real reports write 元 in the cell (「251000元」); the portal keeps
            // every amount in 万元 to 6 decimals, so a sum in 元 to the 分 converts exactly, and says so in the label.
            Format2021.Table2Block("art20-9", "第二十条第（九）项",
                [
                    new(Table2.Purchases, "采购项目数量", ValueKind.Count),
                    new(Table2.PurchaseAmount, "采购总金额（单位：万元）", ValueKind.Money),
                ],
                [Leaf(Table2.Procurement, "政府集中采购")]),
        ]);
    }
}
