using System.Security.Authentication;

namespace Exporters.Core.Hosting;

/// <summary>
/// The exporter-toolkit's names of TLS versions (<c>min_version</c>, <c>max_version</c>) and the
/// protocols a range of them allows. Its defaults: TLS12 to TLS13.
/// </summary>
internal static class TlsVersions
{
    public const string DefaultMin = "TLS12";
    public const string DefaultMax = "TLS13";

    // In order, oldest first; TLS 1.0 and 1.1 are obsolete in .NET but the toolkit still names them.
#pragma warning disable SYSLIB0039
    private static readonly (string Name, SslProtocols Protocol)[] Known =
    [
        ("TLS10", SslProtocols.Tls),
        ("TLS11", SslProtocols.Tls11),
        ("TLS12", SslProtocols.Tls12),
        ("TLS13", SslProtocols.Tls13),
    ];
#pragma warning restore SYSLIB0039

    public static string Names { get; } = "TLS10, TLS11, TLS12, TLS13";

    /// <summary>The position of a version name from oldest (0) to newest, or -1 for an unknown name.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Known.Length; i++)
        {
            if (Known[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every protocol from the version at <paramref name="min"/> to the one at <paramref name="max"/>.</summary>
    public static SslProtocols Range(int min, int max)
    {
        var protocols = SslProtocols.None;
        for (var i = min; i <= max; i++)
        {
            protocols |= Known[i].Protocol;
        }

        return protocols;
    }
}
