using System.Text;
using System.Text.Json.Nodes;
using DisclosurePortal.Data.DemoData;
using DisclosurePortal.Data.Import;
using DisclosurePortal.Domain.Exchange;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Tests;

/// <summary>
/// Generated malformed payloads for the import path (<c>--import</c>, <see cref="ReportImport"/>), in both of its
/// forms: the JSON form (docs/report-json.md) and the text of a published report.
/// Each payload is a valid document with one to three mutations — wrong types, out-of-range and over-precise
/// numbers, unknown codes, missing fields, huge and control-character strings, deep nesting, cut-off text.
/// Every import must end in an outcome (stored, or refused with reasons in Chinese), never an exception, and
/// afterwards every stored revision must satisfy the rules of shape (<see cref="StoredContentAudit"/>).
/// <c>System.Random(seed)</c> makes a failure reproducible from its seed and number.
/// </summary>
[Collection(DatabaseTests.Name)]
public sealed class MalformedImportTests(PostgresFixture pg)
{
    private const int Seed = 20_250_108;
    private const int JsonPayloads = 600;
    private const int TextPayloads = 150;
    private readonly string _cs = pg.CreateDatabase();

    [Fact]
    public async Task Malformed_json_and_text_imports_end_in_an_outcome_and_store_nothing_invalid()
    {
        string[] bodies;
        string valid;
        await using (var db = PortalDb.Create(_cs))
        {
            var world = TestWorld.Create(db);
            bodies = [world.TownshipGov.Code, world.CountyDept.Code, world.OtherCountyDept.Code];
            var sample = TestWorld.Report(world.CountyDept, 2024, seed: 31);
            valid = ReportJson.Serialize(ReportDocument.From(sample, sample.Current));
        }
        var seedText = DemoSeeder.ReadSeed();

        var random = new Random(Seed);
        var failures = new List<string>();
        var (stored, refused) = (0, 0);
        for (var n = 1; n <= JsonPayloads + TextPayloads; n++)
        {
            var (kind, payload, bodyCode) = n <= JsonPayloads ? MutateJson(random, valid, bodies) : MutateText(random, seedText);
            await using var db = PortalDb.Create(_cs);
            try
            {
                var outcome = await ReportImport.ImportAsync(db, payload, bodyCode, TestWorld.Clerk, TestWorld.Now);
                if (outcome.Succeeded) stored++;
                else if (outcome.Errors.Count == 0 || outcome.Errors.Any(e => !HasChinese(e)))
                    failures.Add($"seed {Seed} payload {n} ({kind}): refused without a Chinese reason: {string.Join(" | ", outcome.Errors)}");
                else refused++;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"seed {Seed} payload {n} ({kind}): {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
            // A refused import stores nothing; a stored one is removed so that the next payload for the same body
            // and year reaches the store again instead of stopping at the duplicate check — after it was audited.
            if (stored > 0 && n % 25 == 0) await AuditThenClearAsync(failures);
        }
        await AuditThenClearAsync(failures);

        Assert.True(failures.Count == 0, $"{failures.Count} imports failed:\n" + string.Join('\n', failures.Take(30)));
        Assert.True(stored > 0 && refused > JsonPayloads / 2, $"stored {stored}, refused {refused}: the generator is off");
    }

    private async Task AuditThenClearAsync(List<string> failures)
    {
        var (revisions, findings) = await StoredContentAudit.RunAsync(_cs);
        failures.AddRange(findings.Select(f => $"stored revision {f.RevisionId}: {f.What}"));
        await using var db = PortalDb.Create(_cs);
        if (revisions > 0) await db.Database.ExecuteSqlRawAsync("TRUNCATE annual_reports CASCADE");
    }

    private static bool HasChinese(string s) => s.Any(c => c is >= '\u4e00' and <= '\u9fff');

    private static (string kind, string payload, string? body) MutateJson(Random random, string valid, string[] bodies)
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        // Imports as new drafts: another year or body each time, so that many reach the store.
        root["year"] = random.Next(2021, 2027);
        root["body"]!["code"] = Pick(random, bodies);
        root["revision"] = null;
        var kinds = new List<string>();
        var raw = new List<(string placeholder, string text)>();
        for (var m = random.Next(0, 4); m > 0; m--)
        {
            // An earlier mutation may have removed or retyped the figures or prose: nothing left to aim at.
            if (root["figures"] is not JsonObject figures || root["prose"] is not JsonObject prose) break;
            var tables = figures.Select(t => t.Value).OfType<JsonObject>().Where(t => t.Any(r => r.Value is JsonObject { Count: > 0 })).ToList();
            if (tables.Count == 0 || prose.Count == 0) break;
            var table = Pick(random, tables);
            var row = Pick(random, table.Select(r => r.Value).OfType<JsonObject>().Where(r => r.Count > 0).ToList());
            var column = Pick(random, row.Select(c => c.Key).ToList());
            var part = Pick(random, prose.Select(p => p.Key).ToList());
            switch (random.Next(12))
            {
                case 0:
                    kinds.Add("figure value");
                    row[column] = Pick<JsonNode?>(random, [JsonValue.Create("12"), JsonValue.Create(-1), JsonValue.Create(1.5m),
                        JsonValue.Create(1e20), JsonValue.Create(4294967296L), JsonValue.Create(true), new JsonArray(1), new JsonObject(),
                        JsonValue.Create("/"), JsonValue.Create(0.00001m), JsonValue.Create(-0.0001m), JsonValue.Create("１２")]);
                    break;
                case 1:
                    kinds.Add("raw number");
                    row[column] = "__RAW0__";
                    raw.Add(("__RAW0__", Pick(random, ["1" + new string('0', 400), "1e400", "-0", "1E2", "0.00000000000000000000000000001",
                        "12.34560", "79228162514264337593543950336", "NaN", "Infinity", "01", "1.", ".5", "+1", "0x10"])));
                    break;
                case 2:
                    kinds.Add("unknown codes");
                    Pick<Action>(random, [() => row["nope"] = 1, () => table["9.9"] = new JsonObject { ["natural"] = 1 },
                        () => figures["t9"] = new JsonObject(), () => prose["s9"] = "x", () => root["extra"] = 1,
                        () => table["3"] = new JsonObject { ["natural"] = 1 }])();
                    break;
                case 3:
                    kinds.Add("missing field");
                    root.Remove(Pick(random, ["formatVersion", "body", "year", "figures", "prose"]));
                    break;
                case 4:
                    kinds.Add("wrong type");
                    root[Pick(random, ["formatVersion", "body", "year", "figures", "prose", "revision"])] =
                        Pick<JsonNode?>(random, [JsonValue.Create("x"), JsonValue.Create(1), new JsonArray(), null, JsonValue.Create(2024.5)]);
                    break;
                case 5:
                    kinds.Add("year or format");
                    if (random.Next(2) == 0) root["year"] = Pick(random, new[] { 0, -1, 1900, 2020, 9999, int.MaxValue });
                    else root["formatVersion"] = Pick(random, ["2019", "", "2021 ", "２０２１", new string('9', 500)]);
                    break;
                case 6:
                    kinds.Add("body");
                    root["body"] = Pick<JsonNode?>(random, [new JsonObject { ["code"] = "nobody", ["name"] = "不存在" },
                        new JsonObject { ["name"] = "" }, new JsonObject { ["code"] = null, ["name"] = null },
                        new JsonObject { ["code"] = bodies[0], ["name"] = new string('名', 5_000), ["kind"] = "Emperor" }]);
                    break;
                case 7:
                    kinds.Add("prose");
                    prose[part] = Pick(random, [new string('长', 20_001), new string('a', 100_000), "\u0000", "文字\u0000中间",
                        "\u0001\u0002", "\u001B[31m", "\uFEFF前", "  ", "\r\n\r\n", "<script>alert(1)</script>", "\u202E倒"]);
                    break;
                case 8:
                    kinds.Add("prose type");
                    prose[part] = Pick<JsonNode?>(random, [JsonValue.Create(1), new JsonArray("a"), new JsonObject(), JsonValue.Create(false)]);
                    break;
                case 9:
                    kinds.Add("revision");
                    root["revision"] = new JsonObject { ["number"] = Pick(random, new[] { 0, -1, 2 }), ["status"] = Pick(random, ["Published", "Hacked", ""]) };
                    break;
                case 10:
                    kinds.Add("deep nesting");
                    row[column] = "__RAW1__";
                    var depth = random.Next(50, 5_000);
                    raw.Add(("__RAW1__", new string('[', depth) + new string(']', depth)));
                    break;
                default:
                    kinds.Add("duplicate key");
                    row[column] = "__RAW2__";
                    raw.Add(("__RAW2__", $"1, \"{column}\": -5"));
                    break;
            }
        }
        var text = root.ToJsonString();
        foreach (var (placeholder, value) in raw) text = text.Replace($"\"{placeholder}\"", value, StringComparison.Ordinal);
        if (random.Next(15) == 0)
        {
            kinds.Add("cut off");
            text = text[..random.Next(1, text.Length)];
        }
        if (random.Next(30) == 0)
        {
            kinds.Add("garbage");
            text = "{" + RandomText(random, random.Next(1, 2_000));
        }
        var bodyArg = random.Next(10) == 0 ? Pick<string?>(random, ["nobody", "", bodies[1]]) : null;
        return (kinds.Count == 0 ? "valid" : string.Join('+', kinds), text, bodyArg);
    }

    private static (string kind, string payload, string? body) MutateText(Random random, string seedText)
    {
        var lines = seedText.Split('\n').ToList();
        var kind = "text";
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var i = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0: lines[i] = Pick(random, ["-1", "1.5", "1e20", "abc", new string('9', 40), "\u0000", "一二三"]); kind += "+number"; break;
                case 1: lines.RemoveRange(i, Math.Min(lines.Count - i, random.Next(1, 30))); kind += "+cut"; break;
                case 2: lines.Insert(i, new string('字', random.Next(1, 30_000))); kind += "+long line"; break;
                case 3: lines[i] = lines[i] + "\u0001\u0000\u001B"; kind += "+control"; break;
                case 4: lines[i] = RandomText(random, 200); kind += "+garbage"; break;
                default: (lines[i], lines[^1]) = (lines[^1], lines[i]); kind += "+swap"; break;
            }
            if (lines.Count == 0) lines.Add("");
        }
        return (kind, string.Join('\n', lines), null);
    }

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = (char)random.Next(0, 0xFFFF);
            sb.Append(char.IsSurrogate(c) ? '?' : c);
        }
        return sb.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
