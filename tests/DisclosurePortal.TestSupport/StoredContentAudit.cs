using System.Globalization;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Reports;
using Npgsql;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// Reads every stored revision straight from its jsonb columns (not through EF Core and the domain, which
/// would hide a bad row behind their own parsing) and lists each value that breaks the rules of shape: a count
/// that is not a whole number from 0 to 2^31−1, an amount below 0 or with more than 4 decimals, a cell or
/// prose part the revision's format does not have, prose over the entry form's limit, an explanation over
/// 2,000 characters or of no warning the format's rules raise, control characters other than tab and line breaks, or a revision without its format,
/// status or author. The attack tests run it after throwing malformed input at the application.
/// </summary>
public static class StoredContentAudit
{
    // Written out, not read from ProseValues: the audit checks the app's limits instead of sharing them.
    public const int MaxProseLength = 20_000;
    public const int MaxExplanationLength = 2_000;

    public sealed record Finding(long RevisionId, string What);

    public static async Task<(int revisions, List<Finding> findings)> RunAsync(string connectionString)
    {
        var findings = new List<Finding>();
        var revisions = 0;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT id, format_version, status, updated_by, counts::text, amounts::text, prose::text, explanations::text " +
            "FROM report_revisions ORDER BY id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            revisions++;
            var id = reader.GetInt64(0);
            void Bad(string what) => findings.Add(new Finding(id, what));
            if (reader.IsDBNull(1) || !ReportFormats.TryGet(reader.GetString(1), out var format))
            {
                Bad($"unknown format {(reader.IsDBNull(1) ? "null" : reader.GetString(1))}");
                continue;
            }
            if (reader.IsDBNull(2) || !Enum.TryParse<RevisionStatus>(reader.GetString(2), out _)) Bad("no valid status");
            if (reader.IsDBNull(3) || reader.GetString(3).Length == 0) Bad("no author");

            foreach (var (column, kind) in new[] { (4, ValueKind.Count), (5, ValueKind.Money) })
            {
                using var doc = System.Text.Json.JsonDocument.Parse(reader.GetString(column));
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (!CellRef.TryParse(p.Name, out var cell) || !format.TryGetCell(cell, out var def)) Bad($"cell {p.Name} not in {format.Version}");
                    else if (def.Kind != kind) Bad($"{p.Name} stored as {kind}, the format says {def.Kind}");
                    if (p.Value.ValueKind != System.Text.Json.JsonValueKind.Number || !p.Value.TryGetDecimal(out var v))
                    {
                        Bad($"{p.Name}: not a number ({p.Value.GetRawText()})");
                        continue;
                    }
                    if (v < 0) Bad($"{p.Name}: negative {v}");
                    if (kind == ValueKind.Count && (decimal.Truncate(v) != v || v > int.MaxValue))
                        Bad($"{p.Name}: count {v.ToString(CultureInfo.InvariantCulture)} is not a whole number in range");
                    if (kind == ValueKind.Money && (decimal.Round(v, 4) != v || v > FigureValues.MaxMoney))
                        Bad($"{p.Name}: amount {v.ToString(CultureInfo.InvariantCulture)} has more than 4 decimals or is too large");
                }
            }
            CheckTexts(reader.GetString(6), MaxProseLength, code => format.HasProsePart(code), "prose", Bad);
            CheckTexts(reader.GetString(7), MaxExplanationLength, key => ExplainsAWarning(format, key), "explanation", Bad);
        }
        return (revisions, findings);
    }

    // The warning codes of docs/rules.md, written out: only a warning is explained, and it points at a prose part
    // or a cell of the format.
    private static readonly string[] WarningCodes =
        ["X-CARRY-OVER", "X-IN-FORCE", "T2-REPEAL", "BODY-NO-RULES", "FEE-MAGNITUDE", "TEXT-FIGURES", "TEXT-COPIED"];

    private static bool ExplainsAWarning(ReportFormat format, string key)
    {
        var parts = key.Split('@');
        return parts.Length == 2 && WarningCodes.Contains(parts[0])
            && (format.HasProsePart(parts[1]) || (CellRef.TryParse(parts[1], out var cell) && format.TryGetCell(cell, out _)));
    }

    private static void CheckTexts(string json, int max, Func<string, bool> known, string what, Action<string> bad)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (!known(p.Name)) bad($"{what} part {p.Name} not in the format");
            if (p.Value.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                bad($"{what} {p.Name} is not text");
                continue;
            }
            var text = p.Value.GetString()!;
            if (text.Length > max) bad($"{what} {p.Name}: {text.Length} characters (limit {max})");
            if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) bad($"{what} {p.Name}: control characters");
            if (text.Length == 0 || text != text.Trim()) bad($"{what} {p.Name}: empty or not trimmed");
        }
    }
}
