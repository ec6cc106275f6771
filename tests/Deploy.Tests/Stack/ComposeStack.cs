using System.Net;
using System.Net.Sockets;
using Exporters.Testing;

namespace Deploy.Tests.Stack;

/// <summary>
/// deploy/docker-compose.yml brought up for real: Debian's docker-compose against podman's Docker API (a
/// <c>podman system service</c> of its own on a private socket), the images built from deploy/Dockerfile
/// and deploy/app on base images made by scripts/base-images.sh. Only what a test must change is changed:
/// the base image names and the published ports (127.0.0.1 and free ports) through the compose file's
/// variables, and Grafana left out by Stack/compose.test.yml. Taken down, with its volumes and network,
/// and the API service stopped, when the tests are done.
/// </summary>
public sealed class ComposeStack : IAsyncLifetime
{
    /// <summary>The compose project: fixed, so that a run that was cut short is cleaned up by the next.</summary>
    public const string Project = "exporters-stack-test";

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(20);
    private readonly TempDirectory _directory = new("exporters-stack-");
    /// <summary>The variables every compose and scale.sh command of the test runs with.</summary>
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private ChildProcess? _api;
    private bool _disposed;

    public int HttpPort { get; } = FreePort.Next();

    public int MetricsPort { get; } = FreePort.Next();

    public Uri Nginx => new($"http://127.0.0.1:{HttpPort}/");

    public Uri Merger => new($"http://127.0.0.1:{MetricsPort}/metrics");

    public static string Deploy(string path) => Path.Combine(RepoPaths.Root, "deploy", path);

    public async Task InitializeAsync()
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(
            Path.Combine(RepoPaths.Root, "scripts", "base-images.sh"), [], limit: BuildLimit);
        Assert.True(exit == 0, $"scripts/base-images.sh exited {exit}:\n{stderr}");
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            _environment[name] = value;
        }

        var socket = _directory.File("podman.sock");
        _api = ChildProcess.Start("podman", ["system", "service", "--time=0", "unix://" + socket]);
        await WaitForApiAsync(socket);

        _environment["DOCKER_HOST"] = "unix://" + socket;
        _environment["COMPOSE_PROJECT_NAME"] = Project;
        _environment["COMPOSE_FILE"] = Deploy("docker-compose.yml") + ":" + Path.Combine(RepoPaths.Root, "tests", "Deploy.Tests", "Stack", "compose.test.yml");
        _environment["COMPOSE"] = "docker-compose";

        // Images are built by docker-compose's own builder (no Docker CLI or BuildKit involved).
        _environment["COMPOSE_DOCKER_CLI_BUILD"] = "0";
        _environment["DOCKER_BUILDKIT"] = "0";
        _environment["PUBLISH_HTTP"] = $"127.0.0.1:{HttpPort}";
        _environment["PUBLISH_METRICS"] = $"127.0.0.1:{MetricsPort}";

        await ComposeAsync(["down", "--volumes", "--remove-orphans", "--timeout", "5"]);
        await ComposeAsync(["build"], BuildLimit);
        try
        {
            await ComposeAsync(["up", "--detach"], TimeSpan.FromMinutes(3));
            await WaitHealthyAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: take the stack down here.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_api is { HasExited: false })
            {
                await ComposeAsync(["down", "--volumes", "--remove-orphans", "--timeout", "5"]);
            }
        }
        finally
        {
            _api?.Dispose();
            _directory.Dispose();
        }
    }

    /// <summary>Runs docker-compose with the stack's variables; fails the test on a non-zero exit.</summary>
    public async Task<string> ComposeAsync(IEnumerable<string> args, TimeSpan? limit = null)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync("docker-compose", args, environment: _environment, limit: limit ?? TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"docker-compose {string.Join(' ', args)} exited {exit}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>Runs deploy/scale.sh as a user would, with the stack's variables.</summary>
    public async Task<(int ExitCode, string Output)> ScaleAsync(string replicas)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync("bash", [Deploy("scale.sh"), replicas], environment: _environment, limit: TimeSpan.FromMinutes(3));
        return (exit, stdout + stderr);
    }

    /// <summary>Runs podman on the stack's containers; fails the test on a non-zero exit.</summary>
    public static async Task<string> PodmanAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync("podman", args, limit: TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"podman {string.Join(' ', args)} exited {exit}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>The IDs of the project's containers of <paramref name="service"/>; running ones unless <paramref name="all"/>.</summary>
    public static async Task<List<string>> ContainersAsync(string? service = null, bool all = false)
    {
        List<string> args = ["ps", "--quiet", "--no-trunc", "--filter", $"label=com.docker.compose.project={Project}"];
        if (service is not null)
        {
            args.AddRange(["--filter", $"label=com.docker.compose.service={service}"]);
        }

        if (all)
        {
            args.Add("--all");
        }

        var output = await PodmanAsync([.. args]);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>The one running container of <paramref name="service"/>.</summary>
    public static async Task<string> ContainerAsync(string service) => Assert.Single(await ContainersAsync(service));

    /// <summary>Runs a command in the running container of <paramref name="service"/>.</summary>
    public static async Task<string> ExecAsync(string service, params string[] command) =>
        await PodmanAsync(["exec", await ContainerAsync(service), .. command]);

    /// <summary>Whether anything accepts a TCP connection on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitForApiAsync(string socket)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (exit, _, stderr) = await ChildProcess.RunAsync("podman", ["--remote", "--url", "unix://" + socket, "version"]);
            if (exit == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("podman system service did not answer within 30 s: " + stderr);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Runs every container's compose health check until all pass (service-a has none): podman runs
    /// health checks on a timer only under systemd, so the test runs them itself, as the engine would.
    /// </summary>
    private static async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        var waiting = await ContainersAsync();
        Assert.Equal(6, waiting.Count);
        var last = "";
        while (waiting.Count > 0)
        {
            var still = new List<string>();
            foreach (var id in waiting)
            {
                var (exit, stdout, stderr) = await ChildProcess.RunAsync("podman", ["healthcheck", "run", id]);
                if (exit != 0 && !stderr.Contains("has no defined healthcheck", StringComparison.Ordinal))
                {
                    still.Add(id);
                    last = $"{id[..12]}: {stdout}{stderr}";
                }
            }

            waiting = still;
            if (waiting.Count > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"containers not healthy after 120 s; last: {last}");
                await Task.Delay(1000);
            }
        }
    }
}
