using System.Text.Json;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Rules;
using DisclosurePortal.Readers;

namespace DisclosurePortal.Web;

/// <summary>
/// What <c>--check</c>, the public page /check and <c>POST /api/v1/check</c> say about a report read from a file:
/// the body's kind guessed from its name (a file names no kind the rules could use) and what the rules found, as
/// one JSON object or a summary in Chinese. Nothing is stored.
/// </summary>
public sealed record ReportCheck(ReportDocument Document, BodyKind BodyKind, IReadOnlyList<Violation> Findings)
{
    /// <summary>The name pasted text is read under: a .txt, so the text reader takes it.</summary>
    public const string PastedTextName = "粘贴的文字.txt";

    /// <summary>Reads a file with <see cref="ReportReader"/> and checks it; null when the reader refused it.</summary>
    public static ReportCheck? Read(string fileName, byte[] bytes, out ReportReading reading)
    {
        reading = ReportReader.Read(fileName, bytes);
        return reading.Succeeded ? Of(reading.Document!) : null;
    }

    public static string LevelLabel(RuleLevel level) => level == RuleLevel.Blocking ? "必须修正" : "需要说明";

    /// <summary>The HTML id of the place a finding points at (a cell or prose part), for links to it.</summary>
    public static string AnchorOf(string locationKey) => "at-" + locationKey.Replace('/', '-');

    public static ReportCheck Of(ReportDocument document)
    {
        var kind = BodyKindGuess.FromName(document.Body.Name);
        var findings = ReportRules.Evaluate(new RuleInput(document.Data, kind, BodyName: document.Body.Name));
        return new ReportCheck(document, kind, findings);
    }

    /// <summary>
    /// <c>{"report": …, "bodyKind": {"code", "label", "guessedFrom"}, "findings": [{"code", "level", "location",
    /// "message"}]}</c>; <paramref name="reportJson"/> is the report's JSON form, written in as it is.
    /// </summary>
    public string ToJson(string reportJson) => ExchangeJson.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("report");
        using (var report = JsonDocument.Parse(reportJson)) report.RootElement.WriteTo(w);
        w.WriteStartObject("bodyKind");
        w.WriteString("code", BodyKind.ToString());
        w.WriteString("label", BodyKind.Label());
        w.WriteString("guessedFrom", "name");
        w.WriteEndObject();
        w.WriteStartArray("findings");
        foreach (var v in Findings)
        {
            w.WriteStartObject();
            w.WriteString("code", v.Code);
            w.WriteString("level", v.Level == RuleLevel.Blocking ? "blocking" : "warning");
            w.WriteString("location", v.Location.Key);
            w.WriteString("message", v.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public string ToSummary()
    {
        var lines = new List<string>
        {
            $"已读取：{Document.Body.Name} {Document.Year} 年度报告（{Document.Data.Format.Name}）",
            $"单位类型：{BodyKind.Label()}（根据单位名称推断）",
        };
        var blocking = Findings.Count(v => v.Level == RuleLevel.Blocking);
        lines.Add(Findings.Count == 0 ? "规则检查：未发现问题" : $"规则检查：{blocking} 项必须修正，{Findings.Count - blocking} 项需要说明");
        lines.AddRange(Findings.Select(v => $"  {LevelLabel(v.Level)} [{v.Code}] {v.Message}"));
        return string.Join('\n', lines) + "\n";
    }
}
