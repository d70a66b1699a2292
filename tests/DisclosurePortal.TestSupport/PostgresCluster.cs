using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster started from the system's binaries (Debian's postgresql package) in a
/// temporary folder on a free port, and removed when disposed — also when tests fail, and at the next start
/// if a test process died without disposing. initdb and pg_ctl refuse to run as root, so as root they run
/// as the <c>postgres</c> user through runuser.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string DirPrefix = "dp-test-pg-";
    private readonly string _root;
    private readonly string _data;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private string _serverOptions = "";
    private int _disposed;

    private PostgresCluster(string root, string bin, bool asPostgresUser, int port)
    {
        _root = root;
        _data = Path.Combine(root, "data");
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A folder the server's user can read and write (dump files of the backup test).</summary>
    public string Folder => _root;

    /// <summary>
    /// Runs a client tool of the same PostgreSQL installation as the server (pg_dump, pg_restore, psql), as the
    /// user the server runs as, and returns its standard output; throws with its error output when it fails.
    /// </summary>
    public string RunTool(string tool, params string[] args) => Run(Path.Combine(_bin, tool), args, _asPostgresUser);

    /// <remarks>
    /// Every test database has a pool of its own, and a suite creates a few hundred databases: with Npgsql's default
    /// five minutes of idle lifetime their idle connections used up max_connections ("53300: too many clients").
    /// Idle connections of a test's pool are closed after a few seconds instead.
    /// </remarks>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true;" +
        "Connection Idle Lifetime=3;Connection Pruning Interval=1";

    /// <summary>
    /// Starts a cluster. <paramref name="durable"/> keeps PostgreSQL's default fsync and synchronous commit,
    /// for benchmarks whose numbers must hold on a real server; tests run without them.
    /// </summary>
    public static PostgresCluster Start(bool durable = false)
    {
        RemoveStaleClusters();
        var bin = FindBinDir();
        var asPostgres = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), DirPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (asPostgres) Run("chown", ["-R", "postgres:postgres", root], asPostgres: false);

        var cluster = new PostgresCluster(root, bin, asPostgres, FreePort());
        try
        {
            cluster.Pg("initdb", ["-D", cluster._data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync"]);
            // Durability is not under test in the tests: fsync off makes each test database cheap.
            var speed = durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off ";
            cluster._serverOptions = $"-p {cluster.Port} -k {root} -c listen_addresses=127.0.0.1 {speed}-c max_connections=400";
            cluster.StartServer();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a streaming replica of <paramref name="primary"/> as PostgreSQL's documentation sets one up: a base
    /// backup with <c>pg_basebackup -R</c> (which writes the standby signal and the connection to the primary) into a
    /// new folder, served read-only (hot standby) on a port of its own.
    /// </summary>
    public static PostgresCluster StartStandby(PostgresCluster primary)
    {
        var root = Path.Combine(Path.GetTempPath(), DirPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (primary._asPostgresUser) Run("chown", ["-R", "postgres:postgres", root], asPostgres: false);
        var standby = new PostgresCluster(root, primary._bin, primary._asPostgresUser, FreePort());
        try
        {
            standby.Pg("pg_basebackup", ["-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", "postgres", "-D", standby._data, "-R", "-X", "stream", "--no-sync"]);
            standby._serverOptions = $"-p {standby.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400 -c hot_standby=on";
            standby.StartServer();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => standby.Dispose();
            return standby;
        }
        catch
        {
            standby.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops the server (fast shutdown: open sessions are ended, as when an operator stops the database) and
    /// keeps the data, for the outage tests; <see cref="StartServer"/> brings it back on the same port.
    /// </summary>
    public void StopServer() => Pg("pg_ctl", ["-D", _data, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>Starts the server of this cluster (again) on its port and waits until it accepts connections.</summary>
    public void StartServer() => Pg("pg_ctl", ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", _serverOptions, "start"]);

    /// <summary>Starts the server unless it is running (a test that stopped it may have failed before starting it).</summary>
    public void StartServerIfStopped()
    {
        if (!File.Exists(Path.Combine(_data, "postmaster.pid"))) StartServer();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            if (File.Exists(Path.Combine(_data, "postmaster.pid")))
                Pg("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // The server may already be gone; the folder is removed regardless.
        }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The folder of initdb/pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/N/bin.</summary>
    public static string FindBinDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb"))) return fromEnv;
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.dir, "bin", "initdb")))
                .OrderByDescending(x => x.version).FirstOrDefault();
            if (newest.dir is not null) return Path.Combine(newest.dir, "bin");
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries not found: run `bash scripts/test.sh` (it installs Debian's postgresql) " +
            "or set PG_BIN to the folder holding initdb and pg_ctl.");
    }

    private void Pg(string tool, IReadOnlyList<string> args) => Run(Path.Combine(_bin, tool), args, _asPostgresUser);

    private static string Run(string file, IReadOnlyList<string> args, bool asPostgres)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} timed out");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stdout.Result}{stderr.Result}");
        return stdout.Result;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    // A test run killed before disposing leaves a cluster behind; the next run stops and removes it.
    private static void RemoveStaleClusters()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), DirPrefix + "*"))
        {
            var pidFile = Path.Combine(dir, "owner.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), out var pid)) continue;
            if (IsAlive(pid)) continue;
            try
            {
                var data = Path.Combine(dir, "data");
                var bin = FindBinDir();
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"],
                        Environment.UserName == "root");
            }
            catch (InvalidOperationException) { }
            try { Directory.Delete(dir, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsAlive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }
}
