using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>Why a text import was refused: the 1-based line where the problem is, and the reason in Chinese.</summary>
public sealed record TextImportRefusal(int Line, string Reason)
{
    public string Message => $"第 {Line} 行：{Reason}";
    public override string ToString() => Message;
}

/// <summary>Either the whole report read from the text, or the refusal; a refused import carries no data at all.</summary>
public sealed class TextImportResult
{
    private TextImportResult(string? bodyName, int? year, ReportData? data, TextImportRefusal? refusal)
    {
        BodyName = bodyName;
        Year = year;
        Data = data;
        Refusal = refusal;
    }

    public string? BodyName { get; }
    public int? Year { get; }
    public ReportData? Data { get; }
    public TextImportRefusal? Refusal { get; }
    public bool Succeeded => Data is not null;

    internal static TextImportResult Ok(string bodyName, int year, ReportData data) => new(bodyName, year, data, null);
    internal static TextImportResult Refused(TextImportRefusal refusal) => new(null, null, null, refusal);
}

/// <summary>
/// Imports a published annual report from its text (a PDF converted to text, tables as '|' rows as in the seed
/// report, or columns separated by tabs or runs of spaces as pdftotext -layout writes them). Everything is
/// located by the labels of the report's format, never by position: conversion shifts table rows by a cell and
/// loses group labels, but a row's label and the numbers after it survive. Totals are taken as printed, so that
/// the rules judge them. The first problem in document order refuses the whole import.
/// </summary>
public static partial class TextReportImporter
{
    public static TextImportResult Import(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return new Reader(lines).Read();
    }

    [GeneratedRegex(@"^(?<body>.+?)(?<year>[0-9０-９]{4})年度?政府信息公开工作年度报告$")]
    private static partial Regex TitleBodyFirst();

    [GeneratedRegex(@"^(?<year>[0-9０-９]{4})年度?(?<body>.+?)政府信息公开工作年度报告$")]
    private static partial Regex TitleYearFirst();

    [GeneratedRegex(@"\t+|\s{2,}")]
    private static partial Regex LayoutSeparator();

    [GeneratedRegex(@"^:?-{2,}:?$")]
    private static partial Regex RuleCell();

    [GeneratedRegex(@"^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$")]
    private static partial Regex Number();

    // Where a cell holding several labels (「(三)不予公开 1.属于国家秘密」, as -layout output runs them together)
    // can be cut: before a parenthesized Chinese numeral or before an Arabic item number.
    [GeneratedRegex(@"(?=[（(][一二三四五六七八九十]+[)）])|(?<![0-9０-９])(?=[0-9０-９]{1,2}[.．、])")]
    private static partial Regex LabelBoundary();

    private enum CellKind
    {
        Empty,
        Blank,
        Number,
        Text,
    }

    private sealed class Reader(string[] lines)
    {
        private readonly Dictionary<CellRef, decimal> _figures = [];
        private readonly Dictionary<string, string> _prose = new(StringComparer.Ordinal);
        private TextImportRefusal? _refusal;

        private bool Refuse(int index, string reason)
        {
            _refusal ??= new TextImportRefusal(index + 1, reason);
            return false;
        }

        private int LastLine
        {
            get
            {
                var i = lines.Length - 1;
                while (i > 0 && lines[i].Trim().Length == 0) i--;
                return Math.Max(i, 0);
            }
        }

        public TextImportResult Read()
        {
            if (!ReadTitle(out var titleLine, out var bodyName, out var year))
                return TextImportResult.Refused(_refusal!);
            var format = ReportFormats.ForYear(year);
            if (format is null)
                return TextImportResult.Refused(new TextImportRefusal(titleLine + 1,
                    $"{year} 年没有国家统一的年度报告格式，不能导入"));

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
                    return TextImportResult.Refused(new TextImportRefusal(next + 1,
                        $"此行之前缺少章节标题「{sections[i].Heading}」"));
            }

            for (var i = 0; i < sections.Count && headings[i] is { } start; i++)
            {
                var end = i + 1 < sections.Count && headings[i + 1] is { } n ? n : lines.Length;
                var truncated = end == lines.Length && i + 1 < sections.Count;
                var ok = sections[i].Table is { } table
                    ? ReadTable(table, start + 1, end, truncated)
                    : ReadProse(sections[i], start + 1, end);
                if (!ok) return TextImportResult.Refused(_refusal!);
            }

            if (Array.FindIndex(headings, h => h is null) is var missing and >= 0)
                return TextImportResult.Refused(new TextImportRefusal(LastLine + 1,
                    $"文件在此结束，缺少章节「{sections[missing].Heading}」及其后的内容，文件可能不完整"));

            return TextImportResult.Ok(bodyName, year, new ReportData(format, _figures, _prose));
        }

        // ---- title and headings ----

        private bool ReadTitle(out int line, out string bodyName, out int year)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var compact = new string([.. lines[i].Where(c => !char.IsWhiteSpace(c) && c is not ('#' or '《' or '》'))]);
                var m = TitleBodyFirst().Match(compact);
                if (!m.Success) m = TitleYearFirst().Match(compact);
                if (!m.Success) continue;
                line = i;
                // Official names write parentheses full-width: 「某县（区）人民政府」.
                bodyName = m.Groups["body"].Value.Replace('(', '（').Replace(')', '）');
                year = int.Parse(m.Groups["year"].Value.Normalize(NormalizationForm.FormKC), CultureInfo.InvariantCulture);
                return true;
            }
            var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
            line = 0;
            bodyName = "";
            year = 0;
            return Refuse(Math.Max(first, 0), "找不到报告标题，应为「单位名称 + 年份 + 年政府信息公开工作年度报告」，如「钱店镇 2024 年政府信息公开工作年度报告」");
        }

        private int? FindHeading(SectionDef section, int from)
        {
            var key = LabelText.HeadingKey(section.Heading);
            for (var i = from; i < lines.Length; i++)
                if (!lines[i].Contains('|', StringComparison.Ordinal) && LabelText.IsNear(LabelText.HeadingKey(lines[i]), key))
                    return i;
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

            var patterns = parts.Select(p => new Regex(
                $@"^\s*{LabelText.TolerantPattern(p.SubHead!)}\s*[。.．:：]\s*(?<rest>\S.*)$", RegexOptions.None,
                TimeSpan.FromSeconds(1))).ToList();
            var next = 0;
            var partStart = start;
            var carried = new List<string>();
            var pending = new List<string>();
            for (var i = start; i < end; i++)
            {
                var line = lines[i];
                for (var p = next; p < parts.Count; p++)
                {
                    string? rest = null;
                    var whole = LabelText.IsNear(LabelText.HeadingKey(line), LabelText.HeadingKey(parts[p].SubHead!));
                    if (!whole && patterns[p].Match(line) is { Success: true } m) rest = m.Groups["rest"].Value;
                    if (!whole && rest is null) continue;
                    if (p != next) return Refuse(i, $"此行之前缺少小标题「{parts[next].SubHead}」");

                    if (next == 0)
                        // Text between the section heading and its first sub-head has no part of its own in the
                        // format; it is kept with the first part rather than lost.
                        carried = Lines(start, i);
                    else
                        Store(parts[next - 1], pending, partStart, i);
                    pending = rest is null ? [] : [rest.Trim()];
                    partStart = i + 1;
                    next++;
                    break;
                }
            }
            if (next < parts.Count)
                return Refuse(Math.Max(end - 1, start), $"缺少小标题「{parts[next].SubHead}」");
            Store(parts[next - 1], pending, partStart, end);
            if (carried.Count > 0)
            {
                var first = parts[0].Code;
                _prose[first] = string.Join("\n", carried) + (_prose.TryGetValue(first, out var t) ? "\n" + t : "");
            }
            return true;
        }

        private void Store(ProsePartDef part, List<string> leading, int start, int end)
        {
            var text = Paragraphs(start, end, leading);
            if (text.Length > 0) _prose[part.Code] = text;
        }

        /// <summary>Each non-empty line is a paragraph, as in text converted from PDF by paragraph.</summary>
        private string Paragraphs(int start, int end, List<string> leading) =>
            string.Join("\n", leading.Concat(Lines(start, end)));

        private List<string> Lines(int start, int end) =>
            [.. lines[start..end].Select(l => l.Trim()).Where(l => l.Length > 0)];

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
            var blockOf = table.Blocks.SelectMany(b => b.AllRows.Select(r => (r, b))).ToDictionary(x => x.r, x => x.b);
            var parentOf = new Dictionary<RowDef, RowDef>();
            foreach (var r in rows)
            foreach (var c in r.Children) parentOf[c] = r;
            var rowIndex = new LabelIndex<RowDef>(rows.Select(r => (r, r.Label)));
            var columnIndex = new LabelIndex<ColumnDef>(table.Blocks.SelectMany(b => b.Columns)
                .DistinctBy(c => c.Code).Select(c => (c, c.Label)));
            var headerOrder = new Dictionary<TableBlock, IReadOnlyList<ColumnDef>>();
            var found = new Dictionary<RowDef, int>();
            RowDef? group = null;

            string Name(RowDef row) =>
                parentOf.TryGetValue(row, out var parent) && row.Label.Length > 0 && char.IsAsciiDigit(row.Label[0])
                    ? parent.ShortLabel + row.Label
                    : row.Label;

            for (var i = start; i < end; i++)
            {
                if (Cells(lines[i]) is not { } cells) continue;
                RowDef? leaf = null;
                var labelAt = -1;
                for (var c = 0; c < cells.Count; c++)
                {
                    if (Classify(cells[c], out _) != CellKind.Text) continue;
                    var matches = rowIndex.Find(cells[c]);
                    var labels = matches.Count > 0
                        ? [matches]
                        : LabelBoundary().Split(cells[c]).Where(s => s.Trim().Length > 0).Select(rowIndex.Find)
                            .Where(m => m.Count > 0).ToList();
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
                        }
                        else group = row;
                    }
                }

                if (leaf is null)
                {
                    ReadHeader(table, columnIndex, cells, headerOrder);
                    if (cells.Any(c => Classify(c, out _) == CellKind.Number))
                        return Refuse(i, $"{table.Number}的这一行有数字，但找不到对应的行名称");
                    continue;
                }

                var values = TrimEmpty(cells.Skip(labelAt + 1));
                // A header cell can read like a row (「总计」 over the 总计 column); a row is a label with figures.
                if (values.Count == 0) continue;
                if (cells.Take(labelAt).Any(c => Classify(c, out _) == CellKind.Number))
                    return Refuse(i, $"{table.Number}「{Name(leaf)}」的行名称之前有数字，无法确定各列");
                if (found.TryGetValue(leaf, out var earlier))
                    return Refuse(i, $"{table.Number}「{Name(leaf)}」重复出现（第 {earlier + 1} 行已有）");
                var block = blockOf[leaf];
                var columns = headerOrder.GetValueOrDefault(block) ?? block.Columns;
                if (!ReadFigures(table, leaf, $"{table.Number}「{Name(leaf)}」", columns, values, i)) return false;
                found[leaf] = i;
                if (parentOf.TryGetValue(leaf, out var p)) group = p;
            }

            var previous = start - 1;
            foreach (var row in table.Blocks.SelectMany(b => b.FigureRows))
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

        /// <summary>
        /// A header line naming every column of a block sets the order of that block's figures (表二 prints
        /// them in the format's order, but a typo such as 「本年度止件数」 must still be recognized).
        /// </summary>
        private static void ReadHeader(TableDef table, LabelIndex<ColumnDef> index, List<string> cells,
            Dictionary<TableBlock, IReadOnlyList<ColumnDef>> order)
        {
            var named = cells.Where(c => Classify(c, out _) == CellKind.Text)
                .Select(index.Find).Where(m => m.Count == 1).Select(m => m[0]).ToList();
            if (named.Count < 2 || named.DistinctBy(c => c.Code).Count() != named.Count) return;
            foreach (var block in table.Blocks)
                if (block.Columns.Count == named.Count && block.Columns.All(named.Contains))
                    order[block] = named;
        }

        /// <summary>表四: one row of figures and no row label; its single line of numbers follows the header rows.</summary>
        private bool ReadUnlabelledTable(TableDef table, int start, int end, bool truncated)
        {
            var block = table.Blocks[0];
            var row = block.FigureRows[0];
            int? dataLine = null;
            for (var i = start; i < end; i++)
            {
                if (Cells(lines[i]) is not { } cells || !cells.Any(c => Classify(c, out _) == CellKind.Number)) continue;
                if (dataLine is { } earlier)
                    return Refuse(i, $"{table.Number}应只有一行数字（第 {earlier + 1} 行已有）");
                if (!ReadFigures(table, row, table.Number, block.Columns, TrimEmpty(cells), i)) return false;
                dataLine = i;
            }
            if (dataLine is null)
                return truncated
                    ? Refuse(LastLine, $"文件在此中断：{table.Number}没有数字，文件可能不完整")
                    : Refuse(Math.Max(end - 1, start - 1), $"{table.Number}中找不到数字行");
            return true;
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
                switch (Classify(raw, out var value))
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

        // ---- cells ----

        /// <summary>The cells of a table line, or null for a blank line or a markdown rule (|---|---|).</summary>
        private static List<string>? Cells(string line)
        {
            var t = line.Trim();
            if (t.Length == 0) return null;
            List<string> cells;
            if (t.Contains('|', StringComparison.Ordinal))
            {
                var parts = t.Split('|').Select(p => p.Trim()).ToList();
                if (t.StartsWith('|')) parts.RemoveAt(0);
                if (t.EndsWith('|') && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                cells = parts;
            }
            else cells = [.. LayoutSeparator().Split(t).Select(p => p.Trim())];
            return cells.All(c => c.Length == 0 || RuleCell().IsMatch(c)) ? null : cells;
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

        private static CellKind Classify(string cell, out decimal value)
        {
            value = 0;
            var n = new string([.. cell.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))]);
            if (n.Length == 0) return CellKind.Empty;
            // How printed forms leave a cell without a figure.
            if (n is "/" or "-" or "—" or "–" or "\\") return CellKind.Blank;
            if (Number().IsMatch(n) && decimal.TryParse(n.Replace(",", "", StringComparison.Ordinal),
                    NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                return CellKind.Number;
            return CellKind.Text;
        }
    }
}
