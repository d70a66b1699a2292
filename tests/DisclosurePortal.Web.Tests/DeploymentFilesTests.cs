using System.Reflection;
using System.Text.RegularExpressions;
using DisclosurePortal.Web.Accounts;
using DisclosurePortal.Web.Operations;
using Microsoft.Extensions.Configuration;
using Serilog;
using YamlDotNet.RepresentationModel;

namespace DisclosurePortal.Web.Tests;

/// <summary>
/// docker-compose.yml and the Dockerfile, checked without a Docker engine (none on the build machines): the
/// structure an operator relies on, and that every environment name given to the portal is a configuration key
/// the portal reads — a renamed key would otherwise be ignored silently in production.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = RepoRoot();
    private static readonly YamlMappingNode Compose = LoadCompose();
    private static readonly string[] PortalServices = ["migrate", "web"];

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DisclosurePortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above the test assembly");
    }

    private static YamlMappingNode LoadCompose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)Compose["services"])[name];

    private static string Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node)[key];
        return ((YamlScalarNode)node).Value!;
    }

    private static Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "");

    [Fact]
    public void Compose_has_the_database_a_one_shot_migration_and_the_portal()
    {
        var services = ((YamlMappingNode)Compose["services"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Equal(["db", "db-replica", "migrate", "redis", "web"], services.Order());
        // Redis only with "--profile redis": the plain "docker compose up" keeps a single instance without it.
        Assert.Equal(["redis"], ((YamlSequenceNode)Service("redis")["profiles"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.False(Service("redis").Children.ContainsKey("ports"), "Redis must not be published outside the compose network");
        Assert.Equal("${PORTAL_REDIS:-}", Environment("web")["ConnectionStrings__Redis"]);
        // The replica too only with its profile, cloned from db and never published outside the network.
        Assert.Equal(["replica"], ((YamlSequenceNode)Service("db-replica")["profiles"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.False(Service("db-replica").Children.ContainsKey("ports"), "the replica must not be published outside the compose network");
        Assert.Contains("pg_basebackup -h db -U portal -D /var/lib/postgresql/data -R -X stream", ((YamlScalarNode)((YamlSequenceNode)Service("db-replica")["command"]).Children[0]).Value, StringComparison.Ordinal);
        Assert.Equal("${PORTAL_REPLICA:-}", Environment("web")["ConnectionStrings__PortalReplica"]);
        Assert.Matches(@"^postgres:\d+", Scalar(Service("db"), "image"));
        foreach (var s in PortalServices)
        {
            Assert.Equal(".", Scalar(Service(s), "build"));
            Assert.StartsWith("disclosure-portal/web:", Scalar(Service(s), "image"), StringComparison.Ordinal);
        }
        // The migration step runs the portal's own switch once and stops; the portal waits for it to succeed.
        Assert.Equal(["--migrate-only"], ((YamlSequenceNode)Service("migrate")["command"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("no", Scalar(Service("migrate"), "restart"));
        Assert.Equal("service_healthy", Scalar(Service("migrate"), "depends_on", "db", "condition"));
        Assert.Equal("service_completed_successfully", Scalar(Service("web"), "depends_on", "migrate", "condition"));
        Assert.DoesNotContain(Service("web").Children.Keys, k => ((YamlScalarNode)k).Value == "command");
    }

    [Fact]
    public void The_database_health_check_is_pg_isready_over_tcp()
    {
        var test = ((YamlSequenceNode)((YamlMappingNode)Service("db")["healthcheck"])["test"]).Children
            .Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Equal("CMD-SHELL", test[0]);
        Assert.Contains("pg_isready -h 127.0.0.1", test[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Data_and_logs_live_in_named_volumes_and_only_the_portal_port_is_published_on_loopback()
    {
        var volumes = ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Contains("db-data", volumes);
        Assert.Contains("portal-logs", volumes);
        Assert.Contains("db-data:/var/lib/postgresql/data", ((YamlSequenceNode)Service("db")["volumes"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains("portal-logs:/app/logs", ((YamlSequenceNode)Service("web")["volumes"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal(["127.0.0.1:8080:8080"], ((YamlSequenceNode)Service("web")["ports"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.False(Service("db").Children.ContainsKey("ports"), "PostgreSQL must not be published outside the compose network");
    }

    [Fact]
    public void The_database_password_comes_from_the_environment_and_is_required()
    {
        Assert.StartsWith("${POSTGRES_PASSWORD:?", Environment("db")["POSTGRES_PASSWORD"], StringComparison.Ordinal);
        foreach (var s in PortalServices)
        {
            Assert.Contains("Password=${POSTGRES_PASSWORD", Environment(s)["ConnectionStrings__Portal"], StringComparison.Ordinal);
            Assert.Equal("Production", Environment(s)["ASPNETCORE_ENVIRONMENT"]);
        }
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".gitignore")));
    }

    /// <summary>ASP.NET Core's own host variables (documented by Microsoft), read by the host, not by the portal's code.</summary>
    private static readonly HashSet<string> HostVariables =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED",
        "ASPNETCORE_HTTPS_PORT",
    ];

    [Fact]
    public void Every_environment_name_of_the_portal_services_is_a_key_the_portal_reads()
    {
        var known = KeysTheAppReads();
        Assert.Contains("ConnectionStrings:Portal", known);
        Assert.Contains("Pdf:FontDirectory", known);
        foreach (var service in PortalServices)
            foreach (var name in Environment(service).Keys)
            {
                if (HostVariables.Contains(name) || name.StartsWith("Serilog__", StringComparison.Ordinal)) continue;
                var key = name.Replace("__", ":", StringComparison.Ordinal);
                Assert.True(known.Contains(key), $"{service}: {name} is not a configuration key the portal reads");
            }
    }

    [Fact]
    public void The_Serilog_settings_of_the_compose_file_build_a_daily_file_sink_that_writes_JSON()
    {
        var settings = Environment("web").Where(kv => kv.Key.StartsWith("Serilog__", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        Assert.Equal("200", settings["Serilog:WriteTo:0:Args:retainedFileCountLimit"]);
        Assert.Equal("Day", settings["Serilog:WriteTo:0:Args:rollingInterval"]);
        var dir = Directory.CreateTempSubdirectory("dp-logs-");
        try
        {
            settings["Serilog:WriteTo:0:Args:path"] = settings["Serilog:WriteTo:0:Args:path"]!.Replace("/app/logs", dir.FullName, StringComparison.Ordinal);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using (var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger())
                logger.Information("Probe {Value}", 42);
            var file = Assert.Single(dir.GetFiles("portal-*.json"));
            var line = File.ReadAllLines(file.FullName).Single();
            using var json = System.Text.Json.JsonDocument.Parse(line);
            Assert.Equal(42, json.RootElement.GetProperty("Value").GetInt32());
            Assert.Equal("Probe {Value}", json.RootElement.GetProperty("@mt").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Configuration keys the portal's code reads: string literals such as "Pdf:FontDirectory", GetConnectionString
    /// names, and the properties of settings classes bound with GetSection("X").Get&lt;T&gt;().
    /// </summary>
    private static HashSet<string> KeysTheAppReads()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var webAssembly = typeof(OperationsSettings).Assembly;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var code = File.ReadAllText(file);
            foreach (Match m in KeyLiteral().Matches(code)) keys.Add(m.Groups[1].Value);
            foreach (Match m in ConnectionStringName().Matches(code)) keys.Add("ConnectionStrings:" + m.Groups[1].Value);
            foreach (Match m in BoundSection().Matches(code))
            {
                var type = webAssembly.GetTypes().Single(t => t.Name == m.Groups[2].Value);
                AddProperties(keys, m.Groups[1].Value, type);
            }
        }
        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{p.Name}";
            keys.Add(key);
            if (p.PropertyType.IsClass && p.PropertyType != typeof(string)) AddProperties(keys, key, p.PropertyType);
        }
    }

    [Fact]
    public void The_key_finder_knows_the_bound_settings_classes()
    {
        var keys = KeysTheAppReads();
        Assert.Contains($"Accounts:{nameof(AccountSettings.IdleTimeout)}", keys);
        Assert.Contains("Operations:OpenTelemetry:Enabled", keys);
        Assert.Contains("PublicCache:Lifetime", keys);
        Assert.DoesNotContain("Operations:OpenTelemetry:Enable", keys);
    }

    [GeneratedRegex("\"([A-Z][A-Za-z]+(?::[A-Z][A-Za-z]+)+)\"")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex("GetConnectionString\\(\"([A-Za-z]+)\"\\)")]
    private static partial Regex ConnectionStringName();

    [GeneratedRegex("GetSection\\(\"([A-Za-z]+)\"\\)\\.Get<([A-Za-z]+)>")]
    private static partial Regex BoundSection();

    // ---- Dockerfile ----

    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

    /// <summary>The stages as (FROM line, instructions), comments dropped and continuation lines joined.</summary>
    private static List<(string From, List<string> Lines)> Stages()
    {
        var joined = Regex.Replace(Dockerfile, @"\\\r?\n", " ");
        var stages = new List<(string, List<string>)>();
        foreach (var raw in joined.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)) stages.Add((line, []));
            else stages[^1].Item2.Add(line);
        }
        return stages;
    }

    private static readonly string[] RootUsers = ["root", "0", "0:0"];

    [Fact]
    public void The_final_image_is_the_ASP_NET_runtime_without_the_SDK_running_as_a_non_root_user()
    {
        var stages = Stages();
        Assert.True(stages.Count >= 2, "a multi-stage build");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", stages[0].From, StringComparison.Ordinal);
        var (from, lines) = stages[^1];
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", from, StringComparison.Ordinal);
        Assert.DoesNotContain("sdk", from, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal) || l.Contains("dotnet build", StringComparison.Ordinal));
        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.DoesNotContain(user, RootUsers);
        Assert.Contains("EXPOSE 8080", lines);
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"DisclosurePortal.Web.dll\"]", lines[^1]);
    }

    [Fact]
    public void The_image_carries_the_fonts_with_the_hashes_of_scripts_lib_sh()
    {
        var lib = File.ReadAllText(Path.Combine(Root, "scripts", "lib.sh"));
        var expected = LibFontHash().Matches(lib).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(2, expected.Count);
        var fontPackage = FontPackage().Match(lib).Groups[1].Value;
        var fontsStage = Stages().Single(s => s.From.EndsWith(" AS fonts", StringComparison.Ordinal));
        var run = string.Join(' ', fontsStage.Lines);
        Assert.Contains($"npm pack --silent {fontPackage}", run, StringComparison.Ordinal);
        foreach (var (file, sha) in expected)
            Assert.Matches($"{sha}  package/[0-9A-Za-z]+/{Regex.Escape(file)}\" \\| sha256sum -c", run);
        var final = Stages()[^1].Lines;
        Assert.Contains(final, l => l.StartsWith("COPY --from=fonts", StringComparison.Ordinal)
            && expected.Keys.All(f => l.Contains(f, StringComparison.Ordinal)) && l.EndsWith(" /app/fonts/", StringComparison.Ordinal));
        Assert.Contains(final, l => l.Contains("Pdf__FontDirectory=/app/fonts", StringComparison.Ordinal));
    }

    private static readonly string[] IgnoredInBuildContext = ["**/bin/", "**/obj/", ".data/", ".git/"];

    [Fact]
    public void The_build_context_leaves_out_build_output_local_data_and_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Where(l => !l.StartsWith('#')).ToList();
        foreach (var entry in IgnoredInBuildContext) Assert.Contains(entry, ignored);
    }

    [GeneratedRegex(@"\[(NotoSerifSC_\w+\.ttf)\]=([0-9a-f]{64})")]
    private static partial Regex LibFontHash();

    [GeneratedRegex("FONT_PKG=\"([^\"]+)\"")]
    private static partial Regex FontPackage();
}
