using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

/// <summary>
/// The parsers of slabinfo, zoneinfo and drbd over many inputs made by mutating their fixtures with a fixed
/// seed: they fail only with FormatException (zoneinfo, which node_exporter never fails on a value, not at all).
/// </summary>
public sealed class ProcParserPropertyTests
{
    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes(" \t\n:/,()-+_0123456789xabNode zone protection:");

    [Fact]
    public void Slabinfo_fails_only_as_malformed() =>
        Mutate("oracle/slabinfo/proc/slabinfo", 2024, text => Fixtures.Render(text, SlabInfoCollector.Write), allowFormat: true);

    [Fact]
    public void Zoneinfo_never_fails() =>
        Mutate("oracle/zoneinfo/proc/zoneinfo", 2025, text => Fixtures.Render(text, ZoneInfoCollector.Write), allowFormat: false);

    [Fact]
    public void Drbd_fails_only_as_malformed() =>
        Mutate("oracle/drbd/proc/drbd", 2026, text => Fixtures.Render(text, DrbdCollector.Write), allowFormat: true);

    private delegate string Render(ReadOnlySpan<byte> text);

    private static void Mutate(string fixture, int seed, Render render, bool allowFormat)
    {
        var original = Fixtures.Bytes(fixture);
        var random = new Random(seed);
        for (var round = 0; round < 500; round++)
        {
            var bytes = new List<byte>(original);
            var edits = random.Next(1, 8);
            for (var e = 0; e < edits && bytes.Count > 0; e++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0:
                        bytes.RemoveAt(at);
                        break;
                    case 1:
                        bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 2:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    default:
                        bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                        break;
                }
            }

            try
            {
                render(bytes.ToArray());
            }
            catch (FormatException) when (allowFormat)
            {
            }
        }
    }
}
