using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange.Reading;

/// <summary>
/// Finds a report in a <see cref="SourceDocument"/>, whatever reader made it. Structure is matched tolerantly:
/// the title (on one line or two), section headings and sub-heads by their numbering and their meaning, old and
/// mistyped row labels. Figures are placed strictly by the format's grid: a row by its label, a column by its
/// position after the label (or by a header naming every column). A cell that cannot be placed with certainty
/// refuses the whole report, saying where, which row and column, and what was found; blank cells stay blank.
/// </summary>
public static partial class ReportMatcher
{
    /// <summary>Reads the report in the format of its year (<see cref="ReportFormats.ForYear"/>).</summary>
    public static ReadResult Match(SourceDocument document) => new Reader(Flatten(document)).Read();

    /// <summary>
    /// Labels printed in real reports for a row of the 2021 format under another name: the 2019 trial format's
    /// 「规范性文件」 is still used for 行政规范性文件.
    /// </summary>
    private static readonly Dictionary<(string Table, string Row), string[]> OtherLabels = new()
    {
        [(Format2021.T2, Format2021.Table2.NormativeDocs)] = ["规范性文件"],
    };

    private static List<Line> Flatten(SourceDocument document)
    {
        var lines = new List<Line>();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case SourceText t when t.Text.Trim().Length > 0:
                    lines.Add(new Line(t.Place, t.Text.Trim(), [t.Text.Trim()]));
                    break;
                case SourceTable table:
                    foreach (var row in table.Rows)
                    {
                        var cells = row.Cells.Select(c => c.Trim()).ToList();
                        if (cells.All(c => c.Length == 0)) continue;
                        lines.Add(new Line(row.Place, string.Join(" ", cells.Where(c => c.Length > 0)), cells));
                    }
                    break;
            }
        }
        return lines;
    }

    private sealed record Line(SourcePlace Place, string Text, IReadOnlyList<string> Cells)
    {
        public int FilledCells => Cells.Count(c => c.Length > 0);
    }

    [GeneratedRegex(@"^(?<body>.+?)(?<year>[0-9０-９]{4})年度?政府信息公开工作年度报告$")]
    private static partial Regex TitleBodyFirst();

    [GeneratedRegex(@"^(?<year>[0-9０-９]{4})年度?(?<body>.+?)政府信息公开工作年度报告$")]
    private static partial Regex TitleYearFirst();

    [GeneratedRegex(@"^(?:【|\[)?(?:附件(?:下载|[:：0-9一二三四五六七八九十]|$)|相关附件|(?:信息)?来源[:：]|发布(?:日期|时间)[:：]|"
        + @"(?:责任)?编辑[:：]|责任编辑|审核[:：]|分享到|打印(?:本页|】|\]|$)|关闭(?:窗口|】|\]|$)|扫一扫|上一篇|下一篇|"
        + @"相关(?:链接|文章|阅读|稿件)|网站标识码|版权所有|主办单位|承办单位|技术支持|联系我们|.*ICP备|.*公网安备|"
        // The stamp under this portal's own PDF.
        + @"本报告为第\d+版[,，]发布于.*校验码)")]
    private static partial Regex PageFurniture();

    [GeneratedRegex(@"^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")]
    private static partial Regex Number();

    // Where a cell holding several labels (「(三)不予公开 1.属于国家秘密」, as -layout output runs them together)
    // can be cut: before a parenthesized Chinese numeral or before an Arabic item number.
    [GeneratedRegex(@"(?=[（(][一二三四五六七八九十]+[)）])|(?<![0-9０-９])(?=[0-9０-９]{1,2}[.．、])")]
    private static partial Regex LabelBoundary();

    [GeneratedRegex(@"^[#\s]*[（(](?<n>[一二三四五六七八九十]+)[)）]\s*(?<after>.*)$")]
    private static partial Regex SubHeadNumbering();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[)）]")]
    private static partial Regex LeadingParenNumeral();

    [GeneratedRegex(@"^[#\s]*(?<n>[一二三四五六七八九十]+)\s*[、.．,，]\s*(?<title>.+)$")]
    private static partial Regex HeadingNumbering();

    [GeneratedRegex(@"^(?<n>[0-9]{1,2})[.、,)]")]
    private static partial Regex ItemNumber();

    [GeneratedRegex(@"^(?:情况|方面|工作)?[\s。.．:：，,、]*")]
    private static partial Regex SubHeadTail();

    private enum CellKind
    {
        Empty,
        Blank,
        Number,
        Text,
    }

    private static CellKind Classify(string cell, out decimal value)
    {
        value = 0;
        // A signed change (表二's 本年增/减 of the 2019 format) may print 「+3」 or a typographic minus 「−3」.
        var n = cell.Normalize(NormalizationForm.FormKC).Trim().Replace('\u2212', '-');
        if (n.Length > 1 && n[0] == '+') n = n[1..];
        if (n.Length == 0) return CellKind.Empty;
        // How printed forms leave a cell without a figure.
        if (n is "/" or "-" or "—" or "–" or "\\") return CellKind.Blank;
        // A space inside a number (「1 0」) may join two cells: never read it as one figure.
        if (Number().IsMatch(n) && decimal.TryParse(n.Replace(",", "", StringComparison.Ordinal),
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return CellKind.Number;
        return CellKind.Text;
    }

    /// <summary>
    /// An amount as real reports print it: in the format's 万元, or with its unit in the cell (「251000元」,
    /// 「25.1万元」); a sum in 元 converts exactly, since the portal keeps 万元 to 6 decimals (元 to the 分).
    /// </summary>
    private static CellKind ClassifyAmount(string cell, out decimal value)
    {
        var n = cell.Normalize(NormalizationForm.FormKC).Trim();
        if (n.EndsWith("万元", StringComparison.Ordinal)) return Classify(n[..^2], out value);
        if (n.EndsWith('元') && Classify(n[..^1], out value) == CellKind.Number)
        {
            value /= 10_000m;
            return CellKind.Number;
        }
        return Classify(n, out value);
    }

    private static string Compact(string text) =>
        new([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ('#' or '《' or '》'))]);

    /// <summary>The length and end of the longest run of characters two texts share.</summary>
    private static (int Length, int EndInA) LongestCommonRun(string a, string b)
    {
        var best = (0, 0);
        var previous = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            for (var j = 1; j <= b.Length; j++)
            {
                if (a[i - 1] != b[j - 1]) continue;
                current[j] = previous[j - 1] + 1;
                if (current[j] > best.Item1) best = (current[j], i);
            }
            previous = current;
        }
        return best;
    }

    private static int SharedPairs(string text, string title)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < title.Length; i++) pairs.Add(title.Substring(i, 2));
        var shared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
            if (pairs.Contains(text.Substring(i, 2))) shared.Add(text.Substring(i, 2));
        return shared.Count;
    }

    private sealed class Reader(List<Line> lines)
    {
        private readonly Dictionary<CellRef, decimal> _figures = [];
        private readonly Dictionary<string, string> _prose = new(StringComparer.Ordinal);
        private ReadRefusal? _refusal;

        private SourcePlace? PlaceOf(int index) =>
            lines.Count == 0 ? null : lines[Math.Clamp(index, 0, lines.Count - 1)].Place;

        private bool Refuse(int index, string reason)
        {
            _refusal ??= new ReadRefusal(PlaceOf(index), reason);
            return false;
        }

        private int LastLine => Math.Max(lines.Count - 1, 0);

        public ReadResult Read()
        {
            if (lines.Count == 0) return ReadResult.Refused("文件中没有文字，找不到报告");
            if (!ReadTitle(out var titleLine, out var bodyName, out var year))
                return ReadResult.Refused(_refusal!);
            var format = ReportFormats.ForYear(year);
            if (format is null)
                return ReadResult.Refused(new ReadRefusal(PlaceOf(titleLine), $"{year} 年没有国家统一的年度报告格式，不能导入"));

            var sections = format.Sections;
            var headings = new int?[sections.Count];
            var from = titleLine + 1;
            for (var i = 0; i < sections.Count; i++)
            {
                headings[i] = FindHeading(sections[i], from);
                if (headings[i] is { } h) from = h + 1;
            }

            // A heading missing before one that is present is a wrong structure; missing ones at the end mean the
            // file is cut short, and then the content before the cut tells where it broke.
            for (var i = 0; i < sections.Count; i++)
            {
                if (headings[i] is not null) continue;
                if (headings.Skip(i + 1).FirstOrDefault(h => h is not null) is { } next)
                    return ReadResult.Refused(new ReadRefusal(PlaceOf(next), $"此行之前缺少章节标题「{sections[i].Heading}」"));
            }

            for (var i = 0; i < sections.Count && headings[i] is { } start; i++)
            {
                var end = i + 1 < sections.Count && headings[i + 1] is { } n ? n
                    : i + 1 == sections.Count ? EndOfReport(start + 1) : lines.Count;
                var truncated = end == lines.Count && i + 1 < sections.Count;
                var ok = sections[i].Table is { } table
                    ? ReadTable(table, start + 1, end, truncated)
                    : ReadProse(sections[i], start + 1, end);
                if (!ok) return ReadResult.Refused(_refusal!);
            }

            if (Array.FindIndex(headings, h => h is null) is var missing and >= 0)
                return ReadResult.Refused(new ReadRefusal(PlaceOf(LastLine),
                    $"文件在此结束，缺少章节「{sections[missing].Heading}」及其后的内容，文件可能不完整"));

            return ReadResult.Ok(bodyName, year, new ReportData(format, _figures, _prose));
        }

        /// <summary>
        /// Where the report ends after its last heading: at the first line of page furniture (「附件下载」, 「来源：」,
        /// 「责任编辑」, 「上一篇」, a site's 「版权所有」 or ICP number); all that follows is the page, not the report.
        /// </summary>
        private int EndOfReport(int from)
        {
            for (var i = from; i < lines.Count; i++)
                if (lines[i].FilledCells <= 1 && PageFurniture().IsMatch(Compact(lines[i].Text).Normalize(NormalizationForm.FormKC)))
                    return i;
            return lines.Count;
        }

        // ---- title and headings ----

        private bool ReadTitle(out int line, out string bodyName, out int year)
        {
            // A title is often printed on two lines (the body, then the year and the rest); a title on one line
            // anywhere comes first, so that a site's breadcrumb is never taken for the body's name.
            for (var pass = 0; pass < 2; pass++)
            for (var i = 0; i < lines.Count; i++)
            {
                var compact = Compact(lines[i].Text);
                string? candidate = pass == 0 ? compact
                    : i + 1 < lines.Count && compact.Length <= 40 && Compact(lines[i + 1].Text).Length <= 40
                        ? compact + Compact(lines[i + 1].Text) : null;
                if (candidate is not null)
                {
                    var m = TitleBodyFirst().Match(candidate);
                    if (!m.Success) m = TitleYearFirst().Match(candidate);
                    if (!m.Success) continue;
                    line = i;
                    // Official names write parentheses full-width: 「某县（区）人民政府」.
                    bodyName = m.Groups["body"].Value.Replace('(', '（').Replace(')', '）');
                    year = int.Parse(m.Groups["year"].Value.Normalize(NormalizationForm.FormKC), CultureInfo.InvariantCulture);
                    return true;
                }
            }
            line = 0;
            bodyName = "";
            year = 0;
            return Refuse(0, "找不到报告标题，应为「单位名称 + 年份 + 年政府信息公开工作年度报告」，如「钱店镇 2024 年政府信息公开工作年度报告」");
        }

        private int? FindHeading(SectionDef section, int from)
        {
            var key = LabelText.HeadingKey(section.Heading);
            for (var i = from; i < lines.Count; i++)
            {
                if (lines[i].FilledCells > 1) continue;
                if (LabelText.IsNear(LabelText.HeadingKey(lines[i].Text), key)) return i;
                // 「五、存在的主要问题及明年工作计划」: the section's number, and words of its title.
                if (HeadingNumbering().Match(lines[i].Text.Normalize(NormalizationForm.FormKC)) is { Success: true } m
                    && m.Groups["n"].Value == section.Number
                    && m.Groups["title"].Value.Length <= section.Title.Length + 20
                    && SharedPairs(LabelText.HeadingKey(m.Groups["title"].Value), section.Title) >= 2)
                    return i;
            }
            return null;
        }

        // ---- prose ----

        private bool ReadProse(SectionDef section, int start, int end)
        {
            var parts = section.ProseParts;
            if (parts.All(p => p.SubHead is null))
            {
                // One part per section without a sub-head (五, 六): the whole section is its text.
                var text = Paragraphs(start, end, []);
                if (parts.Count > 0 && text.Length > 0) _prose[parts[0].Code] = text;
                return true;
            }

            // Sub-heads are found in order; one that is missing is left out (the rules say which is missing).
            ProsePartDef? current = null;
            var partStart = start;
            var carried = new List<string>();
            var pending = new List<string>();
            var next = 0;
            for (var i = start; i < end; i++)
            {
                for (var p = next; p < parts.Count; p++)
                {
                    if (!IsSubHead(parts, p, lines[i].Text, out var rest)) continue;
                    if (current is null)
                        // Text between the section heading and its first sub-head has no part of its own in the
                        // format; it is kept with the first part rather than lost.
                        carried = Lines(start, i);
                    else
                        Store(current, pending, partStart, i);
                    current = parts[p];
                    pending = rest is null ? [] : [rest];
                    partStart = i + 1;
                    next = p + 1;
                    break;
                }
            }
            if (current is null) carried = Lines(start, end);
            else Store(current, pending, partStart, end);
            if (carried.Count > 0)
            {
                var first = parts[0].Code;
                _prose[first] = string.Join("\n", carried) + (_prose.TryGetValue(first, out var t) ? "\n" + t : "");
            }
            return true;
        }

        /// <summary>
        /// Whether a line starts with the sub-head: as printed in the format, or numbered 「（n）」 and saying the same
        /// thing (「（一）主动公开方面。」「（四）信息公开平台建设情况」). <paramref name="rest"/> is the text after it.
        /// </summary>
        private static bool IsSubHead(IReadOnlyList<ProsePartDef> parts, int p, string line, out string? rest)
        {
            rest = null;
            if (LabelText.IsNear(LabelText.HeadingKey(line), LabelText.HeadingKey(parts[p].SubHead!))) return true;
            var m = SubHeadNumbering().Match(line);
            if (!m.Success) return false;
            var after = m.Groups["after"].Value;
            // Its words must say this sub-head more than any other (「政府信息管理」 and 「政府信息公开平台建设」 share 政府信息).
            var scores = parts.Select(part => SubHeadScore(part.SubHead!, after)).ToList();
            var (length, end, score) = scores[p];
            if (length == 0 || scores.Where((_, k) => k != p).Any(s => s.Score >= score)) return false;
            var tail = after[end..];
            var text = tail[SubHeadTail().Match(tail).Length..].Trim();
            rest = text.Length > 0 ? text : null;
            return true;
        }

        /// <summary>How much of the sub-head's words open the text: the shared run, where it ends, its share of the words.</summary>
        private static (int Length, int End, double Score) SubHeadScore(string subHead, string after)
        {
            var core = LeadingParenNumeral().Replace(subHead.Normalize(NormalizationForm.FormKC), "");
            var window = after[..Math.Min(after.Length, core.Length + 8)];
            var (length, end) = LongestCommonRun(window, core);
            return length < Math.Min(4, core.Length) || end - length > 8 ? (0, 0, 0) : (length, end, (double)length / core.Length);
        }

        private void Store(ProsePartDef part, List<string> leading, int start, int end)
        {
            var text = Paragraphs(start, end, leading);
            if (text.Length > 0) _prose[part.Code] = text;
        }

        /// <summary>Each line is a paragraph, as in text converted from PDF by paragraph.</summary>
        private string Paragraphs(int start, int end, List<string> leading) =>
            string.Join("\n", leading.Concat(Lines(start, end)));

        private List<string> Lines(int start, int end) =>
            [.. lines[start..end].Select(l => l.Text.Trim()).Where(l => l.Length > 0)];

        // ---- tables ----

        private bool ReadTable(TableDef table, int start, int end, bool truncated) =>
            table.Blocks.All(b => b.LabelColumns == 0)
                ? ReadUnlabelledTable(table, start, end, truncated)
                : ReadLabelledTable(table, start, end, truncated);

        /// <summary>
        /// A table whose rows carry labels (表二, 表三). Each line's cells are searched for a row label; the cells
        /// after it are the row's figures. Group labels (「（三）不予公开」) set the group used to tell apart
        /// children with the same words, wherever they appear.
        /// </summary>
        private bool ReadLabelledTable(TableDef table, int start, int end, bool truncated)
        {
            var rows = table.Blocks.SelectMany(b => b.AllRows).ToList();
            var figureRows = table.FigureRows.ToList();
            var blockOf = table.Blocks.SelectMany(b => b.AllRows.Select(r => (r, b))).ToDictionary(x => x.r, x => x.b);
            var parentOf = new Dictionary<RowDef, RowDef>();
            foreach (var r in rows)
            foreach (var c in r.Children) parentOf[c] = r;
            var rowIndex = new LabelIndex<RowDef>(rows.Select(r => (r, r.Label))
                .Concat(rows.SelectMany(r => OtherLabels.GetValueOrDefault((table.Code, r.Code), []).Select(l => (r, l)))));
            var columnIndex = new LabelIndex<ColumnDef>(table.Blocks.SelectMany(b => b.Columns)
                .DistinctBy(c => c.Code).Select(c => (c, c.Label)));
            var headerOrder = new Dictionary<TableBlock, IReadOnlyList<ColumnDef>>();
            var found = new Dictionary<RowDef, int>();
            RowDef? group = null;
            // A label that wraps over lines (「5.要求行政机关确认或重新出具」 / 「已获取信息」) may leave its numbers
            // on a line of their own; they belong to it when no other label comes first.
            RowDef? wrapped = null;

            string Name(RowDef row) =>
                parentOf.TryGetValue(row, out var parent) && row.Label.Length > 0 && char.IsAsciiDigit(row.Label[0])
                    ? parent.ShortLabel + row.Label
                    : row.Label;

            RowDef? Expected() =>
                figureRows.Where(found.ContainsKey).Select(r => figureRows.IndexOf(r)).DefaultIfEmpty(-1).Max() is var last
                && last + 1 < figureRows.Count ? figureRows[last + 1] : null;

            /// <summary>
            /// Whether the text beside a wrapped label's figures is more of that label or of its groups' labels: a PDF
            /// prints a three-line label with the figures on its middle line, beside pieces of the group column
            /// (「理结果」 of 「三、本年度办理结果」). Any other text makes the line's row uncertain.
            /// </summary>
            bool ContinuesLabel(RowDef row, IEnumerable<string> cells)
            {
                var labels = new List<string> { LabelText.Key(row.Label) };
                for (var r = row; parentOf.TryGetValue(r, out var parent); r = parent) labels.Add(LabelText.Key(parent.Label));
                return cells.Where(c => Classify(c, out _) == CellKind.Text).Select(LabelText.Key)
                    .All(key => key.Length == 0 || labels.Any(l => l.Contains(key, StringComparison.Ordinal)));
            }

            for (var i = start; i < end; i++)
            {
                var cells = lines[i].Cells;
                RowDef? leaf = null;
                RowDef? groupOnLine = null;
                var labelAt = -1;
                var isPrefix = false;
                for (var c = 0; c < cells.Count; c++)
                {
                    if (Classify(cells[c], out _) != CellKind.Text) continue;
                    var matches = rowIndex.Find(cells[c]);
                    var labels = matches.Count > 0
                        ? [matches]
                        : LabelBoundary().Split(cells[c]).Where(s => s.Trim().Length > 0).Select(rowIndex.Find)
                            .Where(m => m.Count > 0).ToList();
                    var prefix = false;
                    // The start of a wrapped label may share its cell with a piece of the group column (「年度办 （二）部分公开…」).
                    if (labels.Count == 0 && (PrefixOf(rows, cells[c])
                            ?? PrefixOf(rows, LabelBoundary().Split(cells[c]).LastOrDefault(s => s.Trim().Length > 0) ?? "")) is { } start2)
                    {
                        labels = [[start2]];
                        prefix = true;
                    }
                    foreach (var candidates in labels)
                    {
                        var row = candidates[0];
                        if (candidates.Count > 1)
                        {
                            var inGroup = candidates.Where(r => group is not null && parentOf.GetValueOrDefault(r) == group).ToList();
                            if (inGroup.Count != 1)
                                return Refuse(i, $"{table.Number}中的「{cells[c].Trim()}」可能是"
                                    + string.Join("或", candidates.Select(r => $"「{Name(r)}」")) + "，无法确定是哪一行");
                            row = inGroup[0];
                        }
                        if (row.HasFigures)
                        {
                            leaf = row;
                            labelAt = c;
                            isPrefix = prefix;
                        }
                        else
                        {
                            group = row;
                            groupOnLine = row;
                            labelAt = c;
                        }
                    }
                }

                // A label with a typo too large to be sure of by itself (「2.其他法律行政止公开」) is taken for the row
                // the format has next only when its item number is that row's and most of its words are.
                if (leaf is null && cells.Any(c => Classify(c, out _) == CellKind.Number)
                    && Expected() is { } expected)
                {
                    var at = cells.ToList().FindIndex(c => Classify(c, out _) == CellKind.Text && LooksLike(c, expected));
                    if (at >= 0 && at > labelAt)
                    {
                        leaf = expected;
                        labelAt = at;
                    }
                }

                if (leaf is null)
                {
                    var numbers = groupOnLine is null ? [] : FiguresAfterLabel(cells, labelAt, blockOf[groupOnLine].Columns.Count);
                    if (groupOnLine is not null && groupOnLine.Children.All(r => r.HasFigures)
                        && (numbers.Any(c => Classify(c, out _) == CellKind.Number) || numbers.Count == blockOf[groupOnLine].Columns.Count))
                    {
                        if (!ReadGroupAsOneRow(table, groupOnLine, Name, numbers, blockOf[groupOnLine.Children[0]], found, i))
                            return false;
                        continue;
                    }
                    if (groupOnLine is null) ReadHeader(table, columnIndex, cells, headerOrder);
                    if (cells.Any(c => Classify(c, out _) == CellKind.Number))
                    {
                        var lastText = cells.ToList().FindLastIndex(c => Classify(c, out _) == CellKind.Text);
                        if (wrapped is null || groupOnLine is not null || !ContinuesLabel(wrapped, cells.Take(lastText + 1)))
                            return Refuse(i, $"{table.Number}的这一行有数字，但找不到对应的行名称（{lines[i].Text}）");
                        leaf = wrapped;
                        labelAt = lastText;
                    }
                    else continue;
                }

                var block = blockOf[leaf];
                var columns = headerOrder.GetValueOrDefault(block) ?? block.Columns;
                var values = FiguresAfterLabel(cells, labelAt, columns.Count);
                if (values.Count == 0)
                {
                    // A header cell can read like a row (「总计」 over the 总计 column); a row is a label with figures.
                    if (isPrefix && !found.ContainsKey(leaf)) wrapped = leaf;
                    continue;
                }
                wrapped = null;
                if (cells.Take(Math.Max(labelAt, 0)).Any(c => Classify(c, out _) == CellKind.Number))
                    return Refuse(i, $"{table.Number}「{Name(leaf)}」的行名称之前有数字，无法确定各列");
                if (found.TryGetValue(leaf, out var earlier))
                    return Refuse(i, $"{table.Number}「{Name(leaf)}」重复出现（{PlaceOf(earlier)}已有）");
                if (!ReadFigures(table, leaf, $"{table.Number}「{Name(leaf)}」", columns, values, i)) return false;
                found[leaf] = i;
                if (parentOf.TryGetValue(leaf, out var p)) group = p;
            }

            var previous = start - 1;
            foreach (var row in figureRows)
            {
                if (found.TryGetValue(row, out var at))
                {
                    previous = at;
                    continue;
                }
                return truncated
                    ? Refuse(LastLine, $"文件在此中断：{table.Number}缺少行「{Name(row)}」及其后的内容，文件可能不完整")
                    : Refuse(previous, $"{table.Number}在此行之后缺少行「{Name(row)}」");
            }
            return true;
        }

        /// <summary>The one row whose label starts with the text (a label wrapped over lines), if it is long enough to tell.</summary>
        private static RowDef? PrefixOf(List<RowDef> rows, string cell)
        {
            var key = LabelText.Core(LabelText.Key(cell));
            if (key.Length < 4) return null;
            var starting = rows.Where(r => LabelText.Core(LabelText.Key(r.Label)) is var core
                && core.Length > key.Length && core.StartsWith(key, StringComparison.Ordinal)).ToList();
            return starting.Count == 1 ? starting[0] : null;
        }

        private static bool LooksLike(string cell, RowDef row)
        {
            var key = LabelText.Key(cell);
            var label = LabelText.Key(row.Label);
            var number = ItemNumber().Match(key);
            if (!number.Success || number.Groups["n"].Value != ItemNumber().Match(label).Groups["n"].Value) return false;
            var core = LabelText.Core(label);
            return LongestCommonRun(LabelText.Core(key), core).Length >= Math.Max(4, (core.Length + 1) / 2);
        }

        /// <summary>
        /// A group printed as one row (「（六）其他处理」 as the 2019 format has it): a column printed 0 is 0 in each of
        /// its rows, since counts are never negative; a blank column stays blank; any other figure cannot be split.
        /// </summary>
        private bool ReadGroupAsOneRow(TableDef table, RowDef groupRow, Func<RowDef, string> name, List<string> values,
            TableBlock block, Dictionary<RowDef, int> found, int line)
        {
            var columns = block.Columns;
            if (values.Count != columns.Count)
                return Refuse(line, $"{table.Number}「{name(groupRow)}」印成一行，有 {values.Count} 个数据单元格，应为 {columns.Count} 个");
            var read = new Dictionary<CellRef, decimal>();
            for (var k = 0; k < columns.Count; k++)
            {
                switch (Classify(values[k], out var value))
                {
                    case CellKind.Empty or CellKind.Blank:
                        continue;
                    case CellKind.Number when value == 0:
                        foreach (var child in groupRow.Children)
                            read[new CellRef(table.Code, child.Code, columns[k].Code)] = 0;
                        continue;
                    default:
                        return Refuse(line, $"{table.Number}「{name(groupRow)}」印成一行，「{columns[k].FullLabel}」一栏为「{values[k]}」，" +
                            $"格式中分为 {groupRow.Children.Count} 行，无法确定各行的数字");
                }
            }
            foreach (var (cell, v) in read) _figures[cell] = v;
            foreach (var child in groupRow.Children) found[child] = line;
            return true;
        }

        /// <summary>
        /// A header line naming every column of a block sets the order of that block's figures (表二 prints
        /// them in the format's order, but a typo such as 「本年度止件数」 must still be recognized).
        /// </summary>
        private static void ReadHeader(TableDef table, LabelIndex<ColumnDef> index, IReadOnlyList<string> cells,
            Dictionary<TableBlock, IReadOnlyList<ColumnDef>> order)
        {
            var named = cells.Where(c => Classify(c, out _) == CellKind.Text)
                .Select(index.Find).Where(m => m.Count == 1).Select(m => m[0]).ToList();
            if (named.Count < 2 || named.DistinctBy(c => c.Code).Count() != named.Count) return;
            foreach (var block in table.Blocks)
                if (block.Columns.Count == named.Count && block.Columns.All(named.Contains))
                    order[block] = named;
        }

        /// <summary>
        /// 表四: one row of figures and no row label; its numbers follow the header rows, on one line, or on one
        /// line per column group when the table is printed as three tables of five columns.
        /// </summary>
        private bool ReadUnlabelledTable(TableDef table, int start, int end, bool truncated)
        {
            var block = table.Blocks[0];
            var row = block.FigureRows[0];
            var groupSize = block.Columns.GroupBy(c => c.Group).Select(g => g.Count()).DefaultIfEmpty(block.Columns.Count).First();
            var values = new List<string>();
            int? firstLine = null, lastLine = null;
            for (var i = start; i < end; i++)
            {
                var cells = lines[i].Cells;
                if (!cells.Any(c => Classify(c, out _) == CellKind.Number)) continue;
                var these = FiguresAfterLabel(cells, -1, block.Columns.Count);
                if (values.Count >= block.Columns.Count
                    || (values.Count > 0 && (these.Count % groupSize != 0 || values.Count % groupSize != 0)))
                    return Refuse(i, $"{table.Number}应只有一行数字（{PlaceOf(firstLine!.Value)}已有）");
                values.AddRange(these);
                firstLine ??= i;
                lastLine = i;
            }
            if (firstLine is null)
                return truncated
                    ? Refuse(LastLine, $"文件在此中断：{table.Number}没有数字，文件可能不完整")
                    : Refuse(Math.Max(end - 1, start - 1), $"{table.Number}中找不到数字行");
            return ReadFigures(table, row, table.Number, block.Columns, values, lastLine!.Value);
        }

        private bool ReadFigures(TableDef table, RowDef row, string rowName,
            IReadOnlyList<ColumnDef> columns, List<string> values, int line)
        {
            if (values.Count < columns.Count)
                return Refuse(line, $"{rowName}只找到 {values.Count} 个数字，应为 {columns.Count} 个");
            if (values.Count > columns.Count)
                return Refuse(line, $"{rowName}有 {values.Count} 个数据单元格，应为 {columns.Count} 个");
            // Collected first so that a refused row adds nothing, even though the whole import is dropped anyway.
            var read = new Dictionary<CellRef, decimal>();
            for (var k = 0; k < columns.Count; k++)
            {
                var column = columns[k];
                var raw = values[k].Trim();
                var kind = column.Kind == ValueKind.Money ? ClassifyAmount(raw, out var value) : Classify(raw, out value);
                switch (kind)
                {
                    case CellKind.Empty or CellKind.Blank:
                        continue;
                    case CellKind.Text:
                        return Refuse(line, $"{rowName}「{column.FullLabel}」一栏的「{raw}」不是数字");
                }
                if (FigureValues.Problem(column.Kind, value) is { } problem)
                    return Refuse(line, $"{rowName}「{column.FullLabel}」：{problem}（{raw}）");
                read[new CellRef(table.Code, row.Code, column.Code)] = value;
            }
            foreach (var (cell, v) in read) _figures[cell] = v;
            return true;
        }

        /// <summary>
        /// The cells after a row's label. Leading and trailing empty cells are layout (the spans of the label
        /// columns), unless the row then falls short and has exactly one cell per column without its leading empties:
        /// a table's trailing empty cells are then blanks (a 总计 left blank), and a row of only empty cells as wide
        /// as the block is blank.
        /// </summary>
        private static List<string> FiguresAfterLabel(IReadOnlyList<string> cells, int labelAt, int columns)
        {
            var trimmed = TrimEmpty(cells.Skip(labelAt + 1));
            if (trimmed.Count >= columns) return trimmed;
            var after = cells.Skip(labelAt + 1).ToList();
            if (after.Count == columns) return after;
            var first = after.FindIndex(c => c.Trim().Length > 0);
            if (first < 0) return after.Count >= columns ? after[..columns] : trimmed;
            return after.Count - first == columns ? after[first..] : trimmed;
        }

        /// <summary>Leading and trailing empty cells are layout (the spans of the label columns), not blanks.</summary>
        private static List<string> TrimEmpty(IEnumerable<string> cells)
        {
            var list = cells.ToList();
            var first = list.FindIndex(c => c.Trim().Length > 0);
            if (first < 0) return [];
            var last = list.FindLastIndex(c => c.Trim().Length > 0);
            return list[first..(last + 1)];
        }
    }
}
