using System.Globalization;
using System.Net.Sockets;

namespace Exporters.Testing;

/// <summary>
/// A private nginx (Debian's /usr/sbin/nginx) on a free 127.0.0.1 port, with its own prefix, stub_status at
/// /stub_status, a unix socket serving the same locations, and any extra locations a test needs.
/// </summary>
public sealed class NginxServer : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private readonly TempDirectory _prefix = new("exporters-nginx-");
    private ChildProcess? _process;

    private NginxServer(string extraLocations, string logFormat)
    {
        Port = FreePort.Next();
        foreach (var dir in new[] { "logs", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(_prefix.Path, dir));
        }

        File.WriteAllText(ConfigPath, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            pid {{_prefix.File("nginx.pid")}};
            error_log {{_prefix.File("logs/error.log")}} warn;
            events { worker_connections 256; }
            http {
                log_format worker {{logFormat}};
                access_log {{AccessLogPath}} worker;
                client_body_temp_path {{_prefix.File("tmp/body")}};
                proxy_temp_path {{_prefix.File("tmp/proxy")}};
                fastcgi_temp_path {{_prefix.File("tmp/fastcgi")}};
                uwsgi_temp_path {{_prefix.File("tmp/uwsgi")}};
                scgi_temp_path {{_prefix.File("tmp/scgi")}};
                default_type text/plain;
                server {
                    listen 127.0.0.1:{{Port}};
                    listen unix:{{SocketPath}};
                    location = /stub_status { stub_status; access_log off; }
            {{extraLocations}}
                    location / { return 200 "ok\n"; }
                }
            }
            """));
    }

    /// <summary>The worker stack's log_format.</summary>
    public const string WorkerLogFormat =
        "'$remote_addr - $remote_user [$time_local] \"$request\" ' '$status $body_bytes_sent \"$http_referer\" ' '\"$http_user_agent\" rt=$request_time'";

    public int Port { get; }

    public string ConfigPath => _prefix.File("nginx.conf");

    public string SocketPath => _prefix.File("nginx.sock");

    public string AccessLogPath => _prefix.File("logs/access.log");

    public string StubStatusUri => $"http://127.0.0.1:{Port}/stub_status";

    public string StubStatusSocketUri => $"unix:{SocketPath}:/stub_status";

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public static async Task<NginxServer> StartAsync(string extraLocations = "", string logFormat = WorkerLogFormat)
    {
        var server = new NginxServer(extraLocations, logFormat);
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts nginx (again) and waits until its port accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("nginx is not installed (apt-get install nginx); the test command installs it");
        }

        _process = ChildProcess.Start(Binary, ["-p", _prefix.Path, "-c", ConfigPath, "-e", _prefix.File("logs/error.log"), "-g", "daemon off;"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {_process.StandardError}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Tells nginx to reopen its log files (nginx -s reopen), as logrotate's postrotate does.</summary>
    public async Task ReopenLogsAsync()
    {
        var (exit, _, stderr) = await ChildProcess.RunAsync(Binary, ["-p", _prefix.Path, "-c", ConfigPath, "-s", "reopen"]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"nginx -s reopen failed: {stderr}");
        }

        // The signal only asks: the master reopens, then tells the worker, which reopens later. Until it has,
        // requests are still logged to the old file, so wait until the worker's log descriptor is the file at
        // the log's path (after a rename, its old descriptor reads as the new name).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!WorkersLogTo(AccessLogPath))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"nginx's worker did not reopen {AccessLogPath} within 30 s");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Whether every worker of this nginx has a descriptor open on the file now at <paramref name="path"/>.</summary>
    private bool WorkersLogTo(string path)
    {
        var master = _process?.Id.ToString(CultureInfo.InvariantCulture);
        var workers = 0;
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(proc, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // pid (comm) state ppid ...: the parent is the second field after the closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length < 2 || fields[1] != master)
            {
                continue;
            }

            workers++;
            var logs = false;
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(proc, "fd")))
                {
                    logs |= new FileInfo(fd).LinkTarget == path;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }

            if (!logs)
            {
                return false;
            }
        }

        return workers > 0;
    }

    /// <summary>Stops nginx at once (SIGTERM, as docker stop does) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Signal(Signals.SigTerm);
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        _process = null;
        File.Delete(SocketPath);
    }

    /// <summary>Reads stub_status straight from nginx, on a new connection.</summary>
    public async Task<(long Accepted, long Handled, long Requests)> ReadStubStatusAsync()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var page = await client.GetStringAsync(new Uri(BaseUri, "/stub_status"));
        var numbers = page.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(numbers[0], CultureInfo.InvariantCulture), long.Parse(numbers[1], CultureInfo.InvariantCulture), long.Parse(numbers[2], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        _prefix.Dispose();
    }
}
