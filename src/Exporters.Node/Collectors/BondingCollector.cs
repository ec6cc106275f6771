using System.Text;
using Exporters.Core.Exposition;
using Exporters.Core.Metrics;

namespace Exporters.Node.Collectors;

/// <summary>
/// /sys/class/net/bonding_masters and each master's bonding/slaves: how many slaves each bond has and how
/// many of them have an MII status of "up" (from lower_&lt;slave&gt;/ or, on older kernels, slave_&lt;slave&gt;/).
/// A file that is not there (no bonding driver, a slave gone meanwhile) is reported as no data.
/// </summary>
internal sealed class BondingCollector : INodeCollector
{
    private static readonly MetricFamily Active = new("node_bonding_active", "Number of active slaves per bonding interface.", MetricType.Gauge);
    private static readonly MetricFamily Slaves = new("node_bonding_slaves", "Number of configured slaves per bonding interface.", MetricType.Gauge);
    // ENOENT: what node_exporter takes for "not there"; any other error is a failure.
    private const int NoEntry = 2;
    private readonly LabelCache _masters = new("master");

    public string Name => "bonding";

    public bool EnabledByDefault => true;

    public bool Update(NodePaths paths, ExpositionWriter writer)
    {
        var root = paths.Sys("class/net");
        if (!TryReadText(Path.Combine(root, "bonding_masters"), out var masters))
        {
            return false;
        }

        var bonds = new List<(string Master, int Slaves, int Active)>();
        foreach (var master in Fields(masters))
        {
            if (!TryReadText(Path.Combine(root, master, "bonding", "slaves"), out var slaves))
            {
                return false;
            }

            var count = 0;
            var active = 0;
            foreach (var slave in Fields(slaves))
            {
                if (!TryReadText(Path.Combine(root, master, "lower_" + slave, "bonding_slave", "mii_status"), out var state)
                    && !TryReadText(Path.Combine(root, master, "slave_" + slave, "bonding_slave", "mii_status"), out state))
                {
                    return false;
                }

                count++;
                if (IsUp(state))
                {
                    active++;
                }
            }

            bonds.RemoveAll(b => b.Master == master);
            bonds.Add((master, count, active));
        }

        bonds.Sort(static (a, b) => string.CompareOrdinal(a.Master, b.Master));
        foreach (var bond in bonds)
        {
            writer.WriteSample(Active, _masters.Get(bond.Master), bond.Active);
        }

        foreach (var bond in bonds)
        {
            writer.WriteSample(Slaves, _masters.Get(bond.Master), bond.Slaves);
        }

        return true;
    }

    /// <summary>Whether an mii_status file says "up", blanks around it aside.</summary>
    public static bool IsUp(string state) => state.AsSpan().Trim().SequenceEqual("up");

    /// <summary>The names in a file of names separated by blanks.</summary>
    public static string[] Fields(string text) =>
        text.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The file's text; false when there is no such file.</summary>
    /// <exception cref="IOException">The file is there but cannot be read (e.g. a directory).</exception>
    private static bool TryReadText(string path, out string text)
    {
        if (!FileBuffer.TryRead(path, out var file, out var errno))
        {
            text = "";
            return errno == NoEntry ? false : throw ProcFile.Error(path, errno);
        }

        using (file)
        {
            text = Encoding.UTF8.GetString(file.Span);
            return true;
        }
    }
}
