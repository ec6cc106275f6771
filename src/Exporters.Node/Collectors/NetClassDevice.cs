using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>
/// A network device seen under /sys/class/net, kept across scrapes: its name, its <c>device</c> label, and
/// its last node_network_info labels with the file contents they were made from, so that a scrape makes
/// no string unless a device or its addresses change.
/// </summary>
internal sealed class NetClassDevice
{
    private static readonly NameCache<NetClassDevice> Known = new(static name => new NetClassDevice(name));
    private readonly Lock _lock = new();
    private byte[] _infoKey = [];
    private LabelSet? _info;

    private NetClassDevice(string name)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Labels = LabelSet.Create([new("device", name)]);
    }

    public string Name { get; }

    /// <summary>The directory's name as the kernel gives it.</summary>
    public byte[] Utf8Name { get; }

    /// <summary><c>device="name"</c>.</summary>
    public LabelSet Labels { get; }

    /// <summary>The device named by these UTF-8 bytes, made once per name.</summary>
    public static NetClassDevice Get(ReadOnlySpan<byte> name) => Known.Get(name);

    /// <summary>
    /// The node_network_info labels for these file contents: <paramref name="values"/> holds address,
    /// broadcast, duplex, ifalias and operstate, each as a 16-bit length and that many bytes.
    /// </summary>
    public LabelSet Info(ReadOnlySpan<byte> values)
    {
        lock (_lock)
        {
            if (_info is not null && values.SequenceEqual(_infoKey))
            {
                return _info;
            }
        }

        var rest = values;
        var address = Next(ref rest);
        var broadcast = Next(ref rest);
        var duplex = Next(ref rest);
        var ifAlias = Next(ref rest);
        var operState = Next(ref rest);
        var info = LabelSet.Create(
        [
            new("address", address), new("broadcast", broadcast), new("device", Name), new("duplex", duplex),
            new("ifalias", ifAlias), new("operstate", operState),
        ]);
        lock (_lock)
        {
            _infoKey = values.ToArray();
            _info = info;
        }

        return info;
    }

    private static string Next(ref ReadOnlySpan<byte> values)
    {
        var length = values[0] | (values[1] << 8);
        var text = Encoding.UTF8.GetString(values.Slice(2, length));
        values = values[(2 + length)..];
        return text;
    }
}
