using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DisclosurePortal.TestSupport;

/// <summary>
/// A throwaway redis-server (Debian's redis-server package) on a free loopback port with a temporary folder of its
/// own and no persistence, killed when disposed. <see cref="Stop"/> and <see cref="Start"/> take it away and bring it
/// back on the same port, as an outage would.
/// </summary>
public sealed class RedisFixture : IDisposable
{
    private const string Server = "/usr/bin/redis-server";
    private readonly string _dir = Directory.CreateTempSubdirectory("dp-test-redis-").FullName;
    private Process? _process;

    public RedisFixture()
    {
        if (!File.Exists(Server))
            throw new InvalidOperationException($"{Server} is missing: run scripts/test.sh once (it installs redis-server)");
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            Port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public int Port { get; }

    /// <summary>The value of ConnectionStrings:Redis for the portal.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        if (_process is { HasExited: false }) return;
        _process = Process.Start(new ProcessStartInfo(Server)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--dir", _dir, "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (Command("PING") != "+PONG")
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Empties the server between tests (cached pages, counted limits).</summary>
    public void Flush()
    {
        if (Command("FLUSHALL") != "+OK") throw new InvalidOperationException("FLUSHALL failed");
    }

    /// <summary>One inline command and the first line of the answer, or null when the server does not answer.</summary>
    private string? Command(string command)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return reader.ReadLine();
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
