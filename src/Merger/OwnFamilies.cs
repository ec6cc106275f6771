using System.Buffers;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;

namespace Exporters.Merger;

/// <summary>
/// The merger's own families (merger_upstream_*, merger_conflicts_total) made as a parsed page directly:
/// label values escaped into a small pooled body, samples pointing at them, no text to parse again.
/// </summary>
internal static class OwnFamilies
{
    private static readonly InternedText UpName = TextInterner.Name("merger_upstream_up");
    private static readonly InternedText DurationName = TextInterner.Name("merger_upstream_duration_seconds");
    private static readonly InternedText BytesName = TextInterner.Name("merger_upstream_response_bytes");
    private static readonly InternedText ConflictsName = TextInterner.Name("merger_conflicts_total");
    private static readonly InternedText UpHelp = Help("Whether the last fetch of the upstream gave a complete, parsable page (1) or not (0).");
    private static readonly InternedText DurationHelp = Help("How long the last fetch of the upstream took.");
    private static readonly InternedText BytesHelp = Help("Size of the upstream's last page, after decompression.");
    private static readonly InternedText ConflictsHelp = Help("Families or samples of upstreams left off the page: a TYPE that differs from the one taken first, a name the merger exposes itself, or a series taken already.");

    private static ReadOnlySpan<byte> UpstreamLabel => "upstream"u8;

    private static ReadOnlySpan<byte> FamilyLabel => "family"u8;

    /// <summary>
    /// One page with a sample per result in each merger_upstream_* family, and one per family in
    /// <paramref name="conflicts"/> (left out when empty); families without samples are left out.
    /// </summary>
    public static ParsedPage Build(List<FetchResult> results, Dictionary<string, long> conflicts)
    {
        var size = UpstreamLabel.Length + FamilyLabel.Length;
        foreach (var result in results)
        {
            size += EscapedMax(result.Upstream.Name);
        }

        foreach (var family in conflicts.Keys)
        {
            size += EscapedMax(family);
        }

        var body = ArrayPool<byte>.Shared.Rent(size);
        var storage = PageStorage.Rent();
        var labels = storage.Labels;
        UpstreamLabel.CopyTo(body);
        FamilyLabel.CopyTo(body.AsSpan(UpstreamLabel.Length));
        var at = UpstreamLabel.Length + FamilyLabel.Length;

        // Each upstream's label is written once and shared by its sample in every merger_upstream_* family.
        var first = labels.Count;
        foreach (var result in results)
        {
            at = Label(body, at, 0, UpstreamLabel.Length, result.Upstream.Name, labels);
        }

        if (results.Count > 0)
        {
            var up = Family(storage, UpName, UpHelp, MetricType.Gauge);
            var duration = Family(storage, DurationName, DurationHelp, MetricType.Gauge);
            var bytes = Family(storage, BytesName, BytesHelp, MetricType.Gauge);
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                up.Samples.Add(Sample(first + i, result.Page is null ? 0 : 1));
                duration.Samples.Add(Sample(first + i, result.Duration.TotalSeconds));
                bytes.Samples.Add(Sample(first + i, result.Bytes));
            }
        }

        if (conflicts.Count > 0)
        {
            var family = Family(storage, ConflictsName, ConflictsHelp, MetricType.Counter);
            foreach (var (name, count) in conflicts)
            {
                family.Samples.Add(Sample(labels.Count, count));
                at = Label(body, at, UpstreamLabel.Length, FamilyLabel.Length, name, labels);
            }
        }

        return new ParsedPage(body, at, pooled: true, storage);
    }

    private static InternedText Help(string text) => new(text, Encoding.UTF8.GetBytes(text));

    private static ParsedFamily Family(PageStorage storage, InternedText name, InternedText help, MetricType type)
    {
        var family = storage.NewFamily(name);
        family.HelpText = help;
        family.Type = type;
        family.TypeSeen = true;
        storage.Families.Add(family);
        return family;
    }

    private static ParsedSample Sample(int label, double value) => new(SampleSuffix.None, label, 1, value, 0, false);

    /// <summary>The most bytes a label value takes escaped: every UTF-8 byte could be a backslash.</summary>
    private static int EscapedMax(string value) => 2 * Encoding.UTF8.GetMaxByteCount(value.Length);

    /// <summary>Writes <paramref name="value"/> escaped as a label value at <paramref name="at"/> and adds its label.</summary>
    private static int Label(byte[] body, int at, int nameStart, int nameLength, string value, List<LabelRef> labels)
    {
        var start = at;
        var utf8 = body.AsSpan(at + (EscapedMax(value) / 2));
        var length = Encoding.UTF8.GetBytes(value, utf8);
        for (var i = 0; i < length; i++)
        {
            var b = utf8[i];
            switch (b)
            {
                case (byte)'\\':
                    body[at++] = (byte)'\\';
                    body[at++] = (byte)'\\';
                    break;
                case (byte)'\n':
                    body[at++] = (byte)'\\';
                    body[at++] = (byte)'n';
                    break;
                case (byte)'"':
                    body[at++] = (byte)'\\';
                    body[at++] = (byte)'"';
                    break;
                default:
                    body[at++] = b;
                    break;
            }
        }

        labels.Add(new LabelRef(nameStart, nameLength, start, at - start));
        return at;
    }
}
