namespace DisclosurePortal.Domain.Format;

/// <summary>
/// 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号, for reports on 2021 and later.
/// Every label below is copied from the official form; codes are stable identifiers used in storage, JSON,
/// CSV, form field names, rule locations and the audit trail. Never rename a code: add a new format instead.
/// </summary>
public static class Format2021
{
    public const string Version = "2021";

    // Section codes.
    public const string Overview = "s1";
    public const string ActiveDisclosure = "s2";
    public const string Applications = "s3";
    public const string ReviewAndLitigation = "s4";
    public const string Problems = "s5";
    public const string OtherMatters = "s6";

    // Prose part codes.
    public const string ProseActive = "s1.1";
    public const string ProseOnRequest = "s1.2";
    public const string ProseManagement = "s1.3";
    public const string ProsePlatform = "s1.4";
    public const string ProseSupervision = "s1.5";
    public const string ProseProblems = "s5";
    public const string ProseOther = "s6";

    // Table codes.
    public const string T2 = "t2";
    public const string T3 = "t3";
    public const string T4 = "t4";

    /// <summary>Row and column codes of table 二 (主动公开政府信息情况).</summary>
    public static class Table2
    {
        public const string Rules = "rules";                 // 规章
        public const string NormativeDocs = "normative";     // 行政规范性文件
        public const string Licensing = "licensing";         // 行政许可
        public const string Penalty = "penalty";             // 行政处罚
        public const string Coercion = "coercion";           // 行政强制
        public const string AdminFees = "admin_fees";        // 行政事业性收费

        public const string Issued = "issued";               // 本年制发件数
        public const string Repealed = "repealed";           // 本年废止件数
        public const string InForce = "in_force";            // 现行有效件数
        public const string Decisions = "decisions";         // 本年处理决定数量
        public const string FeeAmount = "fee_amount";        // 本年收费金额（单位：万元）
    }

    /// <summary>Row and column codes of table 三 (收到和处理政府信息公开申请情况).</summary>
    public static class Table3
    {
        public const string Received = "1";        // 一、本年新收
        public const string CarriedOver = "2";     // 二、上年结转
        public const string Results = "3";         // 三、本年度办理结果 (group)
        public const string Disclosed = "3.1";     // （一）予以公开
        public const string Partial = "3.2";       // （二）部分公开
        public const string Withheld = "3.3";      // （三）不予公开 (group, 3.3.1–3.3.8)
        public const string Unavailable = "3.4";   // （四）无法提供 (group, 3.4.1–3.4.3)
        public const string NotProcessed = "3.5";  // （五）不予处理 (group, 3.5.1–3.5.5)
        public const string OtherHandling = "3.6"; // （六）其他处理 (group, 3.6.1–3.6.3; one row in the 2019 format)
        public const string ResultsTotal = "3.7";  // （七）总计
        public const string CarriedForward = "4";  // 四、结转下年度继续办理

        public const string Natural = "natural";               // 自然人
        public const string Commercial = "commercial";         // 商业企业
        public const string Research = "research";             // 科研机构
        public const string PublicWelfare = "public_welfare";  // 社会公益组织
        public const string LegalService = "legal_service";    // 法律服务机构
        public const string OtherOrg = "other_org";            // 其他
        public const string Total = "total";                   // 总计

        public static readonly IReadOnlyList<string> ApplicantColumns =
            [Natural, Commercial, Research, PublicWelfare, LegalService, OtherOrg];

        public static readonly IReadOnlyList<string> AllColumns = [.. ApplicantColumns, Total];
    }

    /// <summary>Column codes of table 四 (行政复议、行政诉讼); the table has one row of 15 cells.</summary>
    public static class Table4
    {
        public const string Row = "cases";
        public const string Review = "review";                       // 行政复议
        public const string DirectSuit = "direct_suit";              // 未经复议直接起诉
        public const string SuitAfterReview = "suit_after_review";   // 复议后起诉
        public static readonly IReadOnlyList<string> Groups = [Review, DirectSuit, SuitAfterReview];

        public const string Upheld = "upheld";       // 结果维持
        public const string Corrected = "corrected"; // 结果纠正
        public const string Other = "other";         // 其他结果
        public const string Pending = "pending";     // 尚未审结
        public const string Total = "total";         // 总计
        public static readonly IReadOnlyList<string> Results = [Upheld, Corrected, Other, Pending];

        public static string Column(string group, string result) => $"{group}.{result}";
    }

    public static readonly ReportFormat Definition = Build();

    private static ReportFormat Build() =>
        new(Version, "政府信息公开工作年度报告格式（2021）", "国办公开办函〔2021〕30号", 2021, null,
            Sections(BuildTable2(), BuildTable3(otherHandlingItemized: true), BuildTable4()));

    /// <summary>The six sections; the 2019 trial format has the same ones around its own tables.</summary>
    internal static IReadOnlyList<SectionDef> Sections(TableDef table2, TableDef table3, TableDef table4) =>
    [
        new(Overview, "一", "总体情况", SectionKind.Prose,
        [
            new(ProseActive, Overview, "（一）主动公开", true),
            new(ProseOnRequest, Overview, "（二）依申请公开", true),
            new(ProseManagement, Overview, "（三）政府信息管理", true),
            new(ProsePlatform, Overview, "（四）政府信息公开平台建设", true),
            new(ProseSupervision, Overview, "（五）监督保障", true),
        ], null),
        new(ActiveDisclosure, "二", "主动公开政府信息情况", SectionKind.Table, [], table2),
        new(Applications, "三", "收到和处理政府信息公开申请情况", SectionKind.Table, [], table3),
        new(ReviewAndLitigation, "四", "政府信息公开行政复议、行政诉讼情况", SectionKind.Table, [], table4),
        new(Problems, "五", "存在的主要问题及改进情况", SectionKind.Prose,
            [new(ProseProblems, Problems, null, true)], null),
        // By custom section 六 states the 信息处理费 collected under 国办函〔2020〕109号.
        new(OtherMatters, "六", "其他需要报告的事项", SectionKind.Prose,
            [new(ProseOther, OtherMatters, null, true)], null),
    ];

    internal static RowDef Leaf(string code, string label, string shortLabel) => new(code, label, shortLabel, []);

    /// <summary>A block of 表二 as both formats draw it: the 第二十条 item over 信息内容 and the columns.</summary>
    internal static TableBlock Table2Block(string code, string item, IReadOnlyList<ColumnDef> cols, IReadOnlyList<RowDef> rows) =>
        new(code, 1,
        [
            [new HeaderCell(item, ColSpan: cols.Count + 1)],
            [new HeaderCell("信息内容"), .. cols.Select(c => new HeaderCell(c.Label, ColumnCode: c.Code))],
        ], cols, rows);

    private static TableDef BuildTable2()
    {
        static TableBlock Block(string code, string item, IReadOnlyList<ColumnDef> cols, IReadOnlyList<RowDef> rows) =>
            Table2Block(code, item, cols, rows);

        var decisions = new ColumnDef(Table2.Decisions, "本年处理决定数量", ValueKind.Count);
        return new TableDef(T2, "表二",
        [
            Block("art20-1", "第二十条第（一）项",
                [
                    new(Table2.Issued, "本年制发件数", ValueKind.Count),
                    new(Table2.Repealed, "本年废止件数", ValueKind.Count),
                    new(Table2.InForce, "现行有效件数", ValueKind.Count),
                ],
                [Leaf(Table2.Rules, "规章", "规章"), Leaf(Table2.NormativeDocs, "行政规范性文件", "行政规范性文件")]),
            Block("art20-5", "第二十条第（五）项", [decisions],
                [Leaf(Table2.Licensing, "行政许可", "行政许可")]),
            Block("art20-6", "第二十条第（六）项", [decisions],
                [Leaf(Table2.Penalty, "行政处罚", "行政处罚"), Leaf(Table2.Coercion, "行政强制", "行政强制")]),
            Block("art20-8", "第二十条第（八）项",
                [new(Table2.FeeAmount, "本年收费金额（单位：万元）", ValueKind.Money)],
                [Leaf(Table2.AdminFees, "行政事业性收费", "行政事业性收费")]),
        ]);
    }

    /// <summary>
    /// 表三. The 2019 trial format has the same rows and codes except that （六）其他处理 is one row with figures of
    /// its own; in the 2021 format it is a group of three items.
    /// </summary>
    internal static TableDef BuildTable3(bool otherHandlingItemized)
    {
        static RowDef Group(string code, string label, string shortLabel, params string[] items) =>
            new(code, label, shortLabel,
                [.. items.Select((item, i) => Leaf($"{code}.{i + 1}", $"{i + 1}.{item}", $"{shortLabel}{i + 1}"))]);

        var withheld = Group(Table3.Withheld, "（三）不予公开", "（三）",
            "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
            "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项");
        var unavailable = Group(Table3.Unavailable, "（四）无法提供", "（四）",
            "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确");
        var notProcessed = Group(Table3.NotProcessed, "（五）不予处理", "（五）",
            "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息");
        var otherHandling = otherHandlingItemized
            ? Group(Table3.OtherHandling, "（六）其他处理", "（六）",
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "其他")
            : Leaf(Table3.OtherHandling, "（六）其他处理", "（六）");

        // T3-RESULT-SUM: （七）总计 = （一）+（二）+ Σ（三）1–8 + Σ（四）1–3 + Σ（五）1–5 + Σ（六）1–3 (or （六）).
        IReadOnlyList<string> resultParts =
        [
            Table3.Disclosed, Table3.Partial,
            .. new[] { withheld, unavailable, notProcessed, otherHandling }
                .SelectMany(g => g.HasFigures ? [g] : g.Children).Select(r => r.Code),
        ];

        var rows = new List<RowDef>
        {
            Leaf(Table3.Received, "一、本年新收政府信息公开申请数量", "一"),
            Leaf(Table3.CarriedOver, "二、上年结转政府信息公开申请数量", "二"),
            new(Table3.Results, "三、本年度办理结果", "三",
            [
                Leaf(Table3.Disclosed, "（一）予以公开", "（一）"),
                Leaf(Table3.Partial, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）"),
                withheld, unavailable, notProcessed, otherHandling,
                new(Table3.ResultsTotal, "（七）总计", "（七）总计", [], resultParts),
            ]),
            Leaf(Table3.CarriedForward, "四、结转下年度继续办理", "四"),
        };

        var columns = new List<ColumnDef>
        {
            new(Table3.Natural, "自然人", ValueKind.Count),
            new(Table3.Commercial, "商业企业", ValueKind.Count),
            new(Table3.Research, "科研机构", ValueKind.Count),
            new(Table3.PublicWelfare, "社会公益组织", ValueKind.Count),
            new(Table3.LegalService, "法律服务机构", ValueKind.Count),
            new(Table3.OtherOrg, "其他", ValueKind.Count),
            new(Table3.Total, "总计", ValueKind.Count, Table3.ApplicantColumns),
        };

        IReadOnlyList<IReadOnlyList<HeaderCell>> header =
        [
            [
                new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ColSpan: 3, RowSpan: 3),
                new("申请人情况", ColSpan: 7),
            ],
            [
                new("自然人", RowSpan: 2, ColumnCode: Table3.Natural),
                new("法人或其他组织", ColSpan: 5),
                new("总计", RowSpan: 2, ColumnCode: Table3.Total),
            ],
            [
                new("商业企业", ColumnCode: Table3.Commercial),
                new("科研机构", ColumnCode: Table3.Research),
                new("社会公益组织", ColumnCode: Table3.PublicWelfare),
                new("法律服务机构", ColumnCode: Table3.LegalService),
                new("其他", ColumnCode: Table3.OtherOrg),
            ],
        ];

        return new TableDef(T3, "表三", [new TableBlock("applications", 3, header, columns, rows)]);
    }

    internal static TableDef BuildTable4()
    {
        var groupLabels = new Dictionary<string, string>
        {
            [Table4.Review] = "行政复议",
            [Table4.DirectSuit] = "未经复议直接起诉",
            [Table4.SuitAfterReview] = "复议后起诉",
        };
        var resultLabels = new Dictionary<string, string>
        {
            [Table4.Upheld] = "结果维持",
            [Table4.Corrected] = "结果纠正",
            [Table4.Other] = "其他结果",
            [Table4.Pending] = "尚未审结",
        };

        var columns = new List<ColumnDef>();
        foreach (var g in Table4.Groups)
        {
            // Messages name 表四 columns with their group ("行政复议总计"), since the five labels repeat.
            var prefix = g == Table4.Review ? "行政复议" : $"行政诉讼（{groupLabels[g]}）";
            foreach (var r in Table4.Results)
                columns.Add(new ColumnDef(Table4.Column(g, r), resultLabels[r], ValueKind.Count, Group: prefix));
            // T4-TOTAL: in each group 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
            columns.Add(new ColumnDef(Table4.Column(g, Table4.Total), "总计", ValueKind.Count,
                [.. Table4.Results.Select(r => Table4.Column(g, r))], prefix));
        }

        HeaderCell Result(string g, string r, int rowSpan = 1) =>
            new(r == Table4.Total ? "总计" : resultLabels[r], RowSpan: rowSpan, ColumnCode: Table4.Column(g, r));
        IReadOnlyList<string> fiveCols = [.. Table4.Results, Table4.Total];

        IReadOnlyList<IReadOnlyList<HeaderCell>> header =
        [
            [new("行政复议", ColSpan: 5, RowSpan: 2), new("行政诉讼", ColSpan: 10)],
            [new("未经复议直接起诉", ColSpan: 5), new("复议后起诉", ColSpan: 5)],
            [
                .. fiveCols.Select(r => Result(Table4.Review, r)),
                .. fiveCols.Select(r => Result(Table4.DirectSuit, r)),
                .. fiveCols.Select(r => Result(Table4.SuitAfterReview, r)),
            ],
        ];

        // The official table has no row label: its single row is the counts themselves.
        return new TableDef(T4, "表四",
            [new TableBlock("cases", 0, header, columns, [Leaf(Table4.Row, "案件数量", "")])]);
    }
}
