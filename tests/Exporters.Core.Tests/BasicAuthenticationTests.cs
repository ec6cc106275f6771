using System.Text;
using Exporters.Core.Hosting;
using Microsoft.AspNetCore.Http;

namespace Exporters.Core.Tests;

/// <summary>
/// Basic authentication as the exporter-toolkit does it: unknown users cost a bcrypt compare too, every
/// outcome is remembered, and compares run one at a time.
/// </summary>
public sealed class BasicAuthenticationTests
{
    private static readonly string Hash = BCrypt.Net.BCrypt.HashPassword("s3cret", 4);

    [Fact]
    public async Task The_right_password_is_let_in_and_others_are_not()
    {
        using var auth = new BasicAuthentication(Users());

        Assert.True(await auth.IsAuthorizedAsync(Header("prometheus", "s3cret")));
        Assert.False(await auth.IsAuthorizedAsync(Header("prometheus", "wrong")));
        Assert.False(await auth.IsAuthorizedAsync(Header("nobody", "s3cret")));
        Assert.False(await auth.IsAuthorizedAsync(Header("prometheus", "")));
        Assert.False(await auth.IsAuthorizedAsync("Basic !!!"));
        Assert.False(await auth.IsAuthorizedAsync("Bearer abc"));
        Assert.False(await auth.IsAuthorizedAsync("Basic " + Convert.ToBase64String("no-colon"u8)));
    }

    [Theory]
    [InlineData("$2a$")]
    [InlineData("$2b$")]
    [InlineData("$2y$")]
    [InlineData("$2x$")]
    public async Task Every_usual_bcrypt_prefix_verifies(string prefix)
    {
        var hash = prefix + Hash[4..];
        Assert.True(BcryptHash.IsValid(hash));
        using var auth = new BasicAuthentication(new Dictionary<string, string> { ["prometheus"] = hash });

        Assert.True(await auth.IsAuthorizedAsync(Header("prometheus", "s3cret")));
        Assert.False(await auth.IsAuthorizedAsync(Header("prometheus", "wrong")));
    }

    [Fact]
    public async Task An_unknown_user_runs_a_bcrypt_compare_as_a_known_one_does()
    {
        var hashes = new List<string>();
        using var auth = new BasicAuthentication(Users(), (_, hash) =>
        {
            hashes.Add(hash);
            return true;
        });

        Assert.False(await auth.IsAuthorizedAsync(Header("nobody", "s3cret")));
        Assert.False(await auth.IsAuthorizedAsync(Header("someone", "other")));

        Assert.Equal(2, auth.Compares);
        Assert.All(hashes, hash => Assert.True(BcryptHash.IsValid(hash)));
        Assert.All(hashes, hash => Assert.NotEqual(Hash, hash));
        // The decoy costs what the users' hashes cost.
        Assert.All(hashes, hash => Assert.Equal(BcryptHash.Cost(Hash), BcryptHash.Cost(hash)));
    }

    [Fact]
    public async Task A_second_identical_attempt_does_not_run_bcrypt()
    {
        using var auth = new BasicAuthentication(Users(), (password, hash) => BCrypt.Net.BCrypt.Verify(password, hash));

        Assert.True(await auth.IsAuthorizedAsync(Header("prometheus", "s3cret")));
        Assert.True(await auth.IsAuthorizedAsync(Header("prometheus", "s3cret")));
        Assert.Equal(1, auth.Compares);

        Assert.False(await auth.IsAuthorizedAsync(Header("prometheus", "wrong")));
        Assert.False(await auth.IsAuthorizedAsync(Header("prometheus", "wrong")));
        Assert.False(await auth.IsAuthorizedAsync(Header("nobody", "wrong")));
        Assert.False(await auth.IsAuthorizedAsync(Header("nobody", "wrong")));
        Assert.Equal(3, auth.Compares);

        // A remembered good password does not let in another user with it.
        Assert.False(await auth.IsAuthorizedAsync(Header("nobody", "s3cret")));
        Assert.Equal(4, auth.Compares);
    }

    [Fact]
    public async Task The_cache_is_bounded_and_keeps_working_beyond_its_size()
    {
        using var auth = new BasicAuthentication(Users(), (password, _) => password == "s3cret");

        for (var i = 0; i < BasicAuthentication.CacheSize * 2; i++)
        {
            Assert.False(await auth.IsAuthorizedAsync(Header("prometheus", $"wrong{i}")));
        }

        Assert.True(await auth.IsAuthorizedAsync(Header("prometheus", "s3cret")));
        Assert.Equal((BasicAuthentication.CacheSize * 2) + 1, auth.Compares);
    }

    [Fact]
    public async Task Compares_run_one_at_a_time()
    {
        var inside = 0;
        var most = 0;
        using var auth = new BasicAuthentication(Users(), (_, _) =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            Thread.Sleep(2);
            Interlocked.Decrement(ref inside);
            return false;
        });

        var attempts = new Task<bool>[32];
        for (var i = 0; i < attempts.Length; i++)
        {
            var header = Header(i % 2 == 0 ? "prometheus" : "nobody", $"wrong{i}");
            attempts[i] = Task.Run(async () => await auth.IsAuthorizedAsync(header));
        }

        Assert.All(await Task.WhenAll(attempts), Assert.False);
        Assert.Equal(attempts.Length, auth.Compares);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_client_that_leaves_while_waiting_for_its_turn_gets_nothing_and_costs_nothing()
    {
        using var release = new ManualResetEventSlim();
        using var auth = new BasicAuthentication(Users(), (_, _) =>
        {
            release.Wait();
            return false;
        });
        var first = Task.Run(async () => await auth.IsAuthorizedAsync(Header("prometheus", "wrong1")));
        while (auth.Compares == 0)
        {
            await Task.Delay(10);
        }

        using var abort = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = abort.Token };
        http.Request.Headers.Authorization = Header("prometheus", "wrong2");
        var nextCalled = false;
        var waiting = auth.InvokeAsync(http, _ =>
        {
            nextCalled = true;
            return Task.CompletedTask;
        });
        await abort.CancelAsync();
        await waiting;
        release.Set();

        Assert.False(await first);
        Assert.False(nextCalled);
        Assert.Equal(1, auth.Compares);
        Assert.NotEqual(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
    }

    private static Dictionary<string, string> Users() => new() { ["prometheus"] = Hash };

    private static string Header(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
