using System.Buffers.Binary;

namespace Exporters.Node.Collectors;

/// <summary>
/// The sums node_exporter 1.5 keeps over inet_diag_msg answers, by its keys: 1 to 11 the kernel's TCP
/// states, 12 the bytes in receive queues and 13 in send queues (a socket reported in state 12 or 13 is
/// counted there too, as node_exporter does), anything else "unknown".
/// </summary>
internal struct TcpStateCounts : INetlinkHandler
{
    public const ushort SockDiagByFamily = 20;
    public const int RequestSize = 56;
    private const int RxQueued = 12;
    private const int TxQueued = 13;
    private const int MessageSize = 72;

    // node_exporter's label of each key, and the keys in the order of their labels.
    private static readonly string[] Names = ["unknown", "established", "syn_sent", "syn_recv", "fin_wait1", "fin_wait2", "time_wait", "close", "close_wait", "last_ack", "listen", "closing", "rx_queued_bytes", "tx_queued_bytes"];
    private static readonly int[] ByLabel = SortKeys();

    private double[]? _sums;
    private bool[]? _seen;
    private int? _unknownKey;

    /// <summary>One inet_diag_msg: state at byte 1, idiag_rqueue at 56, idiag_wqueue at 60.</summary>
    /// <exception cref="FormatException">The message is shorter than an inet_diag_msg.</exception>
    public void Message(ushort type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < MessageSize)
        {
            throw new FormatException($"an inet_diag_msg of {payload.Length} bytes");
        }

        _sums ??= new double[Names.Length];
        _seen ??= new bool[Names.Length];
        Add(TxQueued, BinaryPrimitives.ReadUInt32LittleEndian(payload[60..]));
        Add(RxQueued, BinaryPrimitives.ReadUInt32LittleEndian(payload[56..]));
        int state = payload[1];
        if (state is 0 or > TxQueued)
        {
            // Each unknown state is its own key with the same label; node_exporter keeps one of them.
            _unknownKey ??= state;
            if (state != _unknownKey)
            {
                return;
            }

            state = 0;
        }

        Add(state, 1);
    }

    /// <summary>The keys that have been counted, by label, with their sums.</summary>
    public readonly IEnumerable<(string Name, double Value)> ByName()
    {
        var sums = _sums;
        var seen = _seen;
        if (sums is null || seen is null)
        {
            yield break;
        }

        foreach (var key in ByLabel)
        {
            if (seen[key])
            {
                yield return (Names[key], sums[key]);
            }
        }
    }

    private static int[] SortKeys()
    {
        var keys = new int[Names.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = i;
        }

        Array.Sort(keys, static (a, b) => string.CompareOrdinal(Names[a], Names[b]));
        return keys;
    }

    private readonly void Add(int key, double value)
    {
        _sums![key] += value;
        _seen![key] = true;
    }
}
