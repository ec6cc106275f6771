using System.Text;
using BenchmarkDotNet.Attributes;
using Exporters.Core.Hosting;

namespace Exporters.Benchmarks;

/// <summary>
/// What a wrong password costs under basic authentication, for a user in basic_auth_users (bcrypt
/// against the user's hash, cost 10) and for an unknown user (bcrypt against the decoy hash): the ratio
/// should be about 1, so that timing does not tell which users exist. Every attempt uses a new password,
/// so none is answered from the cache; a repeated good password is there for comparison.
/// </summary>
[MemoryDiagnoser]
public class BasicAuthenticationBenchmarks
{
    private BasicAuthentication _auth = null!;
    private string _good = "";
    private int _attempt;

    [GlobalSetup]
    public void Setup()
    {
        _auth = new BasicAuthentication(new Dictionary<string, string> { ["prometheus"] = BCrypt.Net.BCrypt.HashPassword("s3cret", 10) });
        _good = Header("prometheus", "s3cret");
    }

    [GlobalCleanup]
    public void Cleanup() => _auth.Dispose();

    [Benchmark(Baseline = true)]
    public bool KnownUserWrongPassword() => Check(Header("prometheus", $"wrong{_attempt++}"));

    [Benchmark]
    public bool UnknownUser() => Check(Header("nobody", $"wrong{_attempt++}"));

    [Benchmark]
    public bool KnownUserRepeatedGoodPassword() => Check(_good);

    private bool Check(string header) => _auth.IsAuthorizedAsync(header).AsTask().GetAwaiter().GetResult();

    private static string Header(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
