using System.Text.Json;
using Microsoft.Playwright;

namespace DisclosurePortal.Browser.Tests;

/// <summary>One axe-core finding: the rule, its impact and where.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, int Nodes, string Target);

/// <summary>
/// axe-core (npm, fetched and hash-checked by scripts/test.sh → lib.sh ensure_axe; git-ignored) injected into a
/// page of the running app, checked against WCAG 2.1 A/AA.
/// </summary>
public static class AxeScan
{
    public static string ScriptPath()
    {
        var configured = Environment.GetEnvironmentVariable("AXE_CORE_JS");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "DisclosurePortal.Browser.Tests", "axe", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe.min.js not found: run scripts/test.sh (ensure_axe) or set AXE_CORE_JS");
    }

    /// <summary>The serious and critical violations on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = ScriptPath() });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
                resultTypes: ['violations'] });
              return r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help,
                nodes: v.nodes.length, target: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') }));
            }
            """);
        return [.. json.EnumerateArray()
            .Select(v => new AxeViolation(v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!,
                v.GetProperty("help").GetString()!, v.GetProperty("nodes").GetInt32(), v.GetProperty("target").GetString()!))
            .Where(v => v.Impact is "serious" or "critical")];
    }
}
