using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Domain.Tests.Rules;
using T2 = DisclosurePortal.Domain.Format.Format2019.Table2;
using T3 = DisclosurePortal.Domain.Format.Format2021.Table3;

namespace DisclosurePortal.Domain.Tests.Format;

/// <summary>The 2019 trial format (国办公开办函〔2019〕60号): its grid, its labels and the rules that run on it.</summary>
public sealed class Format2019Tests
{
    private static readonly ReportFormat Trial = Format2019.Definition;

    private static CellRef T2Cell(string row, string column) => new(Format2021.T2, row, column);
    private static CellRef T3Cell(string row, string column) => new(Format2021.T3, row, column);

    /// <summary>
    /// A consistent trial-format report, figures as 平潭 printed them in 2019: 23 applications received, 20
    /// disclosed, 3 closed as （六）其他处理; every other cell 0, totals derived.
    /// </summary>
    internal static ReportData Pingtan2019(decimal carriedForward = 0)
    {
        var figures = Trial.Cells.Where(c => !c.IsDerived).ToDictionary(c => c.Ref, _ => (decimal?)0m);
        figures[T3Cell(T3.Received, T3.Natural)] = 23 + carriedForward;
        figures[T3Cell(T3.Disclosed, T3.Natural)] = 20;
        figures[T3Cell(T3.OtherHandling, T3.Natural)] = 3;
        figures[T3Cell(T3.CarriedForward, T3.Natural)] = carriedForward;
        figures[T2Cell(T2.NormativeDocs, T2.Made)] = 89;
        figures[T2Cell(T2.Licensing, T2.ItemsLastYear)] = 396;
        figures[T2Cell(T2.Licensing, T2.ItemsChange)] = -12;
        figures[T2Cell(T2.Procurement, T2.Purchases)] = 135;
        figures[T2Cell(T2.Procurement, T2.PurchaseAmount)] = 7539.443252m; // 75394432.52 元
        var prose = Trial.ProseParts.ToDictionary(p => p.Code, p => $"{Trial.NameOf(p)}：本年度情况。", StringComparer.Ordinal);
        return ReportData.Empty(Trial).With(figures, FigureEntry.DeriveTotals) is var d
            ? new ReportData(Trial, d.Figures, prose) : throw new InvalidOperationException();
    }

    private static IReadOnlyList<Violation> Evaluate(ReportData current, BodyKind kind = BodyKind.CountyGovernment,
        ReportData? previous = null) => ReportRules.Evaluate(new RuleInput(current, kind, previous, null, "平潭综合实验区"));

    [Theory]
    [InlineData(2018, null)]
    [InlineData(2019, "2019")]
    [InlineData(2020, "2019")]
    [InlineData(2021, "2021")]
    [InlineData(2025, "2021")]
    public void A_report_is_in_the_format_of_its_year(int year, string? version) =>
        Assert.Equal(version, ReportFormats.ForYear(year)?.Version);

    [Fact]
    public void A_2020_report_starts_in_the_trial_format()
    {
        var region = new Region("350128", "平潭综合实验区", RegionLevel.County, null);
        var body = new Body("junshan", "平潭综合实验区君山片区管理局", BodyKind.TownshipGovernment, region);
        var report = AnnualReport.Start(body, 2020, new Actor("c", "张三"), new DateTimeOffset(2021, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(Format2019.Version, report.Current.FormatVersion);
    }

    [Fact]
    public void Table_two_has_the_five_trial_items_with_their_columns_as_printed()
    {
        var blocks = Trial.Table(Format2021.T2).Blocks;
        Assert.Equal(["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"],
            blocks.Select(b => b.Grid.HeaderRows[0].Single().Label));
        Assert.Equal([
                "信息内容 本年新制作数量 本年新公开数量 对外公开总数量",
                "信息内容 上一年项目数量 本年增/减 处理决定数量",
                "信息内容 上一年项目数量 本年增/减 处理决定数量",
                "信息内容 上一年项目数量 本年增/减",
                "信息内容 采购项目数量 采购总金额（单位：万元）",
            ],
            blocks.Select(b => string.Join(' ', b.Grid.HeaderRows[1].Select(h => h.Label))));
        Assert.Equal(["规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"],
            blocks.SelectMany(b => b.Grid.BodyRows).Select(r => r.Labels.Single().Label));
        Assert.Equal(ValueKind.SignedCount, Trial.Cell(T2Cell(T2.Licensing, T2.ItemsChange)).Kind);
        Assert.Equal(ValueKind.Money, Trial.Cell(T2Cell(T2.Procurement, T2.PurchaseAmount)).Kind);
        Assert.DoesNotContain(Trial.Cells, c => c.Kind == ValueKind.Money && c.Ref.Row == T2.AdminFees);
    }

    [Fact]
    public void Other_handling_is_one_row_with_figures_that_the_results_total_adds_up()
    {
        var t3 = Trial.Table(Format2021.T3);
        var other = t3.Row(T3.OtherHandling);
        Assert.True(other.HasFigures);
        Assert.Contains(T3.OtherHandling, t3.Row(T3.ResultsTotal).SumOf!);
        Assert.Equal(23, t3.FigureRows.Count()); // the 2021 form's 25 less （六）'s three items plus （六） itself

        var grid = t3.Blocks.Single().Grid;
        var label = grid.BodyRows.Single(r => r.Def.Code == T3.OtherHandling).Labels.Single();
        Assert.Equal(("（六）其他处理", 1, 2, GridCellKind.RowLabel), (label.Label, label.Column, label.ColSpan, label.Kind));
        Assert.Equal(20, grid.Cells.Single(c => c.RowCode == T3.Results).RowSpan); // （一）…（七）
    }

    [Fact]
    public void Table_four_and_the_prose_parts_are_those_of_the_2021_format()
    {
        Assert.Equal(Format2021.Definition.Table(Format2021.T4).Cells.Select(c => (c.Key, c.DisplayName)),
            Trial.Table(Format2021.T4).Cells.Select(c => (c.Key, c.DisplayName)));
        Assert.Equal(Format2021.Definition.ProseParts.Select(Format2021.Definition.NameOf), Trial.ProseParts.Select(Trial.NameOf));
    }

    [Fact]
    public void Every_grid_of_the_trial_format_is_covered_exactly_once_and_holds_every_cell()
    {
        foreach (var block in Trial.Tables.SelectMany(t => t.Blocks))
        {
            var grid = block.Grid;
            var rows = grid.HeaderRows.Count + grid.BodyRows.Count;
            var covered = new int[rows, grid.ColumnCount];
            foreach (var c in grid.Cells)
                for (var r = c.Row; r <= c.LastRow; r++)
                    for (var k = c.Column; k <= c.LastColumn; k++) covered[r, k]++;
            Assert.All(covered.Cast<int>(), n => Assert.Equal(1, n));
        }
        Assert.Equal(Trial.Cells.Select(c => c.Key),
            Trial.Tables.SelectMany(t => t.Blocks).SelectMany(b => b.Grid.BodyRows.SelectMany(r => r.Figures)).Select(c => c.Figure!.Key));
    }

    [Fact]
    public void A_consistent_trial_report_passes_every_rule_and_its_negative_change_is_in_range()
    {
        var report = Pingtan2019();
        Assert.Equal(-12m, report[T2Cell(T2.Licensing, T2.ItemsChange)]);
        Assert.Equal(23m, report[T3Cell(T3.ResultsTotal, T3.Total)]);
        Assert.Empty(Evaluate(report));
    }

    [Fact]
    public void Sum_rules_fire_on_the_trial_format_as_printed_by_a_report_whose_results_total_is_zero()
    {
        // 君山片区 2020 printed （七）总计 0 in every column under 2 applications received and disclosed.
        var report = Pingtan2019();
        var broken = new ReportData(Trial, new Dictionary<CellRef, decimal>(report.Figures)
        {
            [T3Cell(T3.ResultsTotal, T3.Natural)] = 0, [T3Cell(T3.ResultsTotal, T3.Total)] = 0,
        }, report.Prose);

        var found = Evaluate(broken);

        Assert.Equal(["t3/3.7/natural", "t3/3.7/total"], found.Of(RuleCodes.T3Balance).Keys());
        Assert.Equal(["t3/3.7/natural", "t3/3.7/total"], found.Of(RuleCodes.T3ResultSum).Keys());
        Assert.Equal("表三 自然人列：（七）总计为 0，但（一）至（六）各项之和为 23", found.Of(RuleCodes.T3ResultSum)[0].Message);
    }

    [Fact]
    public void Cell_range_refuses_a_negative_item_count_but_not_a_negative_change()
    {
        var report = Pingtan2019();
        var broken = new ReportData(Trial, new Dictionary<CellRef, decimal>(report.Figures)
        {
            [T2Cell(T2.Penalty, T2.ItemsLastYear)] = -1, [T2Cell(T2.Penalty, T2.ItemsChange)] = -7,
        }, report.Prose);

        var found = Evaluate(broken).Of(RuleCodes.CellRange);

        Assert.Equal(["t2/penalty/items_last_year"], found.Keys());
        Assert.Equal("表二 行政处罚 上一年项目数量：不能为负数（-1）", found[0].Message);
    }

    [Fact]
    public void Body_no_rules_fires_on_a_townships_trial_rules_row_and_names_the_next_row_as_printed()
    {
        var report = Pingtan2019();
        var withRules = new ReportData(Trial, new Dictionary<CellRef, decimal>(report.Figures)
        {
            [T2Cell(T2.Rules, T2.Made)] = 2,
        }, report.Prose);

        var found = Evaluate(withRules, BodyKind.TownshipGovernment).Of(RuleCodes.BodyNoRules);

        Assert.Equal(["t2/rules/made"], found.Keys());
        Assert.EndsWith("表二 规章 本年新制作数量应为 0，现为 2；规范性文件请填在下一行", found[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fee_magnitude_and_the_in_force_rules_do_not_fire_on_rows_the_trial_format_lacks()
    {
        var current = RuleTestKit.County2024;
        var previous = Pingtan2019();

        var found = Evaluate(current, previous: previous);

        Assert.Empty(found.Of(RuleCodes.InForce));
        Assert.Empty(found.Of(RuleCodes.T2Repeal));
        // A purchase of 10 亿元 is no fee: FEE-MAGNITUDE is about 本年收费金额, which the trial format has not.
        var big = new ReportData(Trial, new Dictionary<CellRef, decimal>(previous.Figures)
        {
            [T2Cell(T2.Procurement, T2.PurchaseAmount)] = 100_000_000m,
        }, previous.Prose);
        Assert.Empty(Evaluate(big, BodyKind.TownshipGovernment).Of(RuleCodes.FeeMagnitude));
    }

    [Fact]
    public void Carry_over_compares_a_2021_report_with_last_years_trial_format_report()
    {
        var lastYear = Pingtan2019(carriedForward: 5);
        var current = RuleTestKit.County2024.With(
            (RuleTestKit.T3(T3.CarriedOver, T3.Natural), 4m), (RuleTestKit.T3(T3.CarriedOver, T3.Commercial), 0m),
            (RuleTestKit.T3(T3.CarriedOver, T3.Research), 0m), (RuleTestKit.T3(T3.CarriedOver, T3.PublicWelfare), 0m),
            (RuleTestKit.T3(T3.CarriedOver, T3.LegalService), 0m), (RuleTestKit.T3(T3.CarriedOver, T3.OtherOrg), 0m),
            (RuleTestKit.T3(T3.CarriedOver, T3.Total), 4m));

        var found = Evaluate(current, previous: lastYear).Of(RuleCodes.CarryOver);

        Assert.Equal(["t3/2/natural"], found.Keys());
        Assert.Equal("表三 自然人列：本年「二、上年结转政府信息公开申请数量」为 4，但上年度报告「四、结转下年度继续办理」为 5",
            found[0].Message);
        Assert.Empty(Evaluate(current.With((RuleTestKit.T3(T3.CarriedOver, T3.Natural), 5m),
            (RuleTestKit.T3(T3.CarriedOver, T3.Total), 5m)), previous: lastYear).Of(RuleCodes.CarryOver));
    }

    [Fact]
    public void A_2021_draft_takes_over_a_2020_trial_reports_carried_forward_and_nothing_of_its_table_two()
    {
        var prefill = Carryover.FromPreviousYear(Pingtan2019(carriedForward: 5));
        Assert.Equal(5m, prefill[new CellRef(Format2021.T3, T3.CarriedOver, T3.Natural)]);
        Assert.DoesNotContain(prefill.Keys, c => c.Table == Format2021.T2);
    }

    [Fact]
    public void A_trial_format_document_round_trips_through_json_with_its_negative_change_and_purchase_to_the_fen()
    {
        var doc = new ReportDocument(new ReportDocumentBody(null, "平潭综合实验区（管委会）", BodyKind.CityGovernment), 2019, null, Pingtan2019());

        var json = ReportJson.Serialize(doc);
        var back = ReportJson.Parse(json);

        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        Assert.Contains("\"formatVersion\": \"2019\"", json, StringComparison.Ordinal);
        Assert.Contains("\"items_change\": -12", json, StringComparison.Ordinal);
        Assert.Contains("\"purchase_amount\": 7539.443252", json, StringComparison.Ordinal);
        Assert.Equal(json, ReportJson.Serialize(back.Document!));
    }

    [Theory]
    [InlineData("items_last_year", "-1", "表二 行政许可 上一年项目数量：不能为负数（-1）")]
    [InlineData("items_change", "1.5", "表二 行政许可 本年增/减：件数必须是整数（1.5）")]
    public void A_trial_format_document_refuses_a_bad_count_at_its_cell(string column, string value, string message)
    {
        var doc = new ReportDocument(new ReportDocumentBody(null, "平潭综合实验区（管委会）", null), 2019, null, Pingtan2019());
        var node = System.Text.Json.Nodes.JsonNode.Parse(ReportJson.Serialize(doc))!;
        node["figures"]!["t2"]!["licensing"]![column] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var result = ReportJson.Parse(node.ToJsonString());

        Assert.Contains(result.Errors, e => e.Path == $"figures.t2.licensing.{column}" && e.Message.StartsWith(
            $"figures.t2.licensing.{column}：{message}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trial_format_document_is_refused_for_a_2021_year()
    {
        var doc = new ReportDocument(new ReportDocumentBody(null, "平潭综合实验区（管委会）", null), 2019, null, Pingtan2019());
        var node = System.Text.Json.Nodes.JsonNode.Parse(ReportJson.Serialize(doc))!;
        node["year"] = 2021;

        var result = ReportJson.Parse(node.ToJsonString());

        Assert.Contains(result.Errors, e => e.Message == "year：2021 年的报告不适用格式 2019（该格式适用于 2019 年及以后、2020 年及以前）");
    }
}
