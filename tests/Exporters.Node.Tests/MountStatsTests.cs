using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class MountStatsTests
{
    private static readonly string Fixture = Path.Combine(OracleTests.Root, "mountstats", "proc", "4321");

    [Fact]
    public void Non_nfs_mounts_are_counted_but_have_no_statistics()
    {
        var stats = MountStatsParser.Parse(File.ReadAllBytes(Path.Combine(Fixture, "mountstats")), out var mounts);
        Assert.Equal(6, mounts);
        Assert.Equal([2, 3, 5], stats.Select(s => s.Index));
        Assert.Equal("10.0.0.5:/export/my\\040home", stats[1].Export);
        Assert.Equal("udp", stats[2].Protocol);
        Assert.Equal(100UL, stats[2].Transport[5]);
    }

    [Fact]
    public void The_last_addr_option_of_a_mountinfo_line_is_its_address()
    {
        var addresses = MountStatsParser.MountAddresses("1 2 0:1 / /a rw shared:1 - nfs s:/a addr=1.2.3.4,ro,addr=5.6.7.8=9\n3 4 0:2 / /b rw - tmpfs t rw\n"u8);
        Assert.Equal(["5.6.7.8", ""], addresses);
    }

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData("1m30", 90.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("-2", -2.0)]
    [InlineData("+.25", 0.25)]
    public void Ages_are_read_as_go_durations_in_seconds(string age, double seconds) =>
        Assert.Equal(seconds, MountStatsParser.ParseSeconds(Encoding.ASCII.GetBytes(age)));

    [Theory]
    [InlineData("abc")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("99999999999")]
    [InlineData("1x")]
    public void Ages_that_are_not_durations_are_malformed(string age) =>
        Assert.Throws<FormatException>(() => MountStatsParser.ParseSeconds(Encoding.ASCII.GetBytes(age)));

    [Theory]
    [InlineData("device a mounted on /a with fstype cifs statvers=1.0\n")]
    [InlineData("device a mounted on /a with\n")]
    [InlineData("device a mounted at /a with fstype nfs\n")]
    [InlineData("device a mounted on /a with fstype nfs statvers=1.2\n\txprt:\ttcp 1 2 3 4 5 6 7 8 9 10 11 12 13\n")]
    [InlineData("device a mounted on /a with fstype nfs statvers=1.1\n\txprt:\trdma 1 2 3\n")]
    [InlineData("device a mounted on /a with fstype nfs statvers=1.1\n\tbytes:\t1 2 3 4 5 6 7\n")]
    [InlineData("device a mounted on /a with fstype nfs statvers=1.1\n\tper-op statistics\n\tNULL: 1 2 3 4 5 6 7\n")]
    [InlineData("device a mounted on /a with fstype nfs statvers=1.1\n\tper-op statistics\n\tNULL: 1 2 3 4 5 6 7 -8\n")]
    public void Malformed_mountstats_are_format_errors(string text) =>
        Assert.Throws<FormatException>(() => MountStatsParser.Parse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Generated_and_mutated_inputs_parse_or_are_malformed()
    {
        var seed = Environment.GetEnvironmentVariable("MOUNTSTATS_PROPERTY_SEED") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 5309;
        var random = new Random(seed);
        var fixture = File.ReadAllBytes(Path.Combine(Fixture, "mountstats"));
        var mountinfo = File.ReadAllBytes(Path.Combine(Fixture, "mountinfo"));
        var alphabet = "0123456789.:-+=,/ \t\n\n\rdevicemountedonwithfstypenfs4statvers1.0tcpudpxprt:age:bytes:events:per-op\\"u8.ToArray();
        for (var i = 0; i < 4000; i++)
        {
            byte[] input;
            if (i % 3 == 0)
            {
                input = new byte[random.Next(0, 300)];
                for (var j = 0; j < input.Length; j++)
                {
                    input[j] = alphabet[random.Next(alphabet.Length)];
                }
            }
            else
            {
                input = (byte[])(i % 2 == 0 ? fixture : mountinfo).Clone();
                for (var m = random.Next(1, 6); m > 0; m--)
                {
                    var at = random.Next(input.Length);
                    switch (random.Next(3))
                    {
                        case 0:
                            input[at] = alphabet[random.Next(alphabet.Length)];
                            break;
                        case 1:
                            input = [.. input.AsSpan(0, at), .. input.AsSpan(Math.Min(input.Length, at + random.Next(1, 40)))];
                            break;
                        default:
                            input = [.. input.AsSpan(0, at), (byte)random.Next(256), .. input.AsSpan(at)];
                            break;
                    }

                    if (input.Length == 0)
                    {
                        break;
                    }
                }
            }

            foreach (var parse in new Action[] { () => MountStatsParser.Parse(input, out _), () => MountStatsParser.MountAddresses(input) })
            {
                try
                {
                    parse();
                }
                catch (FormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {seed}, input {i} ({Convert.ToBase64String(input)}): {e}");
                }
            }
        }
    }
}
