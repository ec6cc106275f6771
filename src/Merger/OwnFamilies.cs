using System.Buffers;
using System.Text;
using Exporters.Core.Exposition;
using Exporters.Merger.Exposition;
using Exporters.Merger.Upstreams;

namespace Exporters.Merger;

/// <summary>
/// The merger's own families (merger_upstream_*, merger_replica_*, merger_conflicts_total) made as a parsed page
/// directly: label values escaped into a small pooled body, samples pointing at them, no text to parse again.
/// </summary>
internal static class OwnFamilies
{
    private static readonly InternedText UpName = TextInterner.Name("merger_upstream_up");
    private static readonly InternedText DurationName = TextInterner.Name("merger_upstream_duration_seconds");
    private static readonly InternedText BytesName = TextInterner.Name("merger_upstream_response_bytes");
    private static readonly InternedText ReplicasName = TextInterner.Name("merger_upstream_replicas");
    private static readonly InternedText ReplicaUpName = TextInterner.Name("merger_replica_up");
    private static readonly InternedText ReplicaMergedName = TextInterner.Name("merger_replica_merged");
    private static readonly InternedText ConflictsName = TextInterner.Name("merger_conflicts_total");
    private static readonly InternedText DroppedName = TextInterner.Name("merger_dropped_samples_total");
    private static readonly InternedText UpHelp = Help("Whether the last fetch of the upstream gave a complete, parsable page (1) or not (0); for a dns+ upstream, whether its host name resolved.");
    private static readonly InternedText DurationHelp = Help("How long the last fetch of the upstream took.");
    private static readonly InternedText BytesHelp = Help("Size of the upstream's last page, after decompression.");
    private static readonly InternedText ReplicasHelp = Help("Addresses the upstream's host name resolved to at the last scrape, each scraped as a replica.");
    private static readonly InternedText ReplicaUpHelp = Help("Whether the replica answered HTTP within the timeout with a status below 500 (1) or not (0), whether or not it serves a metrics page.");
    private static readonly InternedText ReplicaMergedHelp = Help("Whether the replica's answer was a metrics page that was merged (1) or not (0).");
    private static readonly InternedText DroppedHelp = Help("Sample lines of upstreams' pages left off the merged page, the rest of the page kept: invalid_utf8 (a label value that is not UTF-8), invalid_line (not a valid sample line), wrong_type (a name its family's type does not allow, a bucket or quantile without a numeric le or quantile label).");
    private static readonly InternedText ConflictsHelp = Help("Families or samples of upstreams left off the page: a TYPE that differs from the one taken first, a name the merger exposes itself, or a series taken already.");

    /// <summary>The label names, written once at the start of the body.</summary>
    private static ReadOnlySpan<byte> LabelNames => "upstreamfamilyreplicareason"u8;

    private const int UpstreamAt = 0;
    private const int UpstreamLength = 8;
    private const int FamilyAt = 8;
    private const int FamilyLength = 6;
    private const int ReplicaAt = 14;
    private const int ReplicaLength = 7;
    private const int ReasonAt = 21;
    private const int ReasonLength = 6;

    /// <summary>
    /// One page with a sample per upstream in each merger_upstream_* family (merger_upstream_replicas for
    /// <c>dns+</c> upstreams only), one per replica in each merger_replica_* family, and one per family in
    /// <paramref name="conflicts"/> and in <paramref name="dropped"/>; families without samples are left out.
    /// </summary>
    public static ParsedPage Build(UpstreamScrape[] upstreams, Dictionary<string, long> conflicts, Dictionary<(string Upstream, DropReason Reason), long> dropped)
    {
        var size = LabelNames.Length;
        var discovered = 0;
        var replicas = 0;
        foreach (var upstream in upstreams)
        {
            size += OwnLabels.EscapedMax(upstream.Upstream.Name);
            if (upstream.Upstream.Discover)
            {
                discovered++;
            }

            foreach (var replica in upstream.Replicas)
            {
                size += OwnLabels.EscapedMax(Address(replica));
                replicas++;
            }
        }

        foreach (var family in conflicts.Keys)
        {
            size += OwnLabels.EscapedMax(family);
        }

        foreach (var (upstream, reason) in dropped.Keys)
        {
            size += OwnLabels.EscapedMax(upstream) + OwnLabels.EscapedMax(DropReasons.Label(reason));
        }

        var body = ArrayPool<byte>.Shared.Rent(size);
        var storage = PageStorage.Rent();
        var labels = storage.Labels;
        LabelNames.CopyTo(body);
        var at = LabelNames.Length;

        // Each upstream's label is written once and shared by its samples in every family.
        var first = labels.Count;
        foreach (var upstream in upstreams)
        {
            at = OwnLabels.Write(body, at, UpstreamAt, UpstreamLength, upstream.Upstream.Name, labels);
        }

        if (upstreams.Length > 0)
        {
            var up = Family(storage, UpName, UpHelp);
            var duration = Family(storage, DurationName, DurationHelp);
            var bytes = Family(storage, BytesName, BytesHelp);
            for (var i = 0; i < upstreams.Length; i++)
            {
                var upstream = upstreams[i];
                up.Samples.Add(Sample(first + i, 1, upstream.Up ? 1 : 0));
                duration.Samples.Add(Sample(first + i, 1, upstream.Duration.TotalSeconds));
                bytes.Samples.Add(Sample(first + i, 1, upstream.Bytes));
            }
        }

        if (discovered > 0)
        {
            var family = Family(storage, ReplicasName, ReplicasHelp);
            for (var i = 0; i < upstreams.Length; i++)
            {
                if (upstreams[i].Upstream.Discover)
                {
                    family.Samples.Add(Sample(first + i, 1, upstreams[i].Replicas.Length));
                }
            }
        }

        if (replicas > 0)
        {
            at = AddReplicas(storage, body, at, upstreams, first);
        }

        if (conflicts.Count > 0)
        {
            var family = Family(storage, ConflictsName, ConflictsHelp, MetricType.Counter);
            foreach (var (name, count) in conflicts)
            {
                family.Samples.Add(Sample(labels.Count, 1, count));
                at = OwnLabels.Write(body, at, FamilyAt, FamilyLength, name, labels);
            }
        }

        if (dropped.Count > 0)
        {
            var family = Family(storage, DroppedName, DroppedHelp, MetricType.Counter);
            foreach (var ((upstream, reason), count) in dropped)
            {
                family.Samples.Add(Sample(labels.Count, 2, count));
                at = OwnLabels.Write(body, at, UpstreamAt, UpstreamLength, upstream, labels);
                at = OwnLabels.Write(body, at, ReasonAt, ReasonLength, DropReasons.Label(reason), labels);
            }
        }

        return new ParsedPage(body, at, pooled: true, storage);
    }

    /// <summary>
    /// The merger_replica_* families: each replica's samples share a run of two labels, its upstream's value
    /// (written already, at <paramref name="first"/> + the upstream's index) and its address.
    /// </summary>
    private static int AddReplicas(PageStorage storage, byte[] body, int at, UpstreamScrape[] upstreams, int first)
    {
        var labels = storage.Labels;
        var up = Family(storage, ReplicaUpName, ReplicaUpHelp);
        var merged = Family(storage, ReplicaMergedName, ReplicaMergedHelp);
        for (var i = 0; i < upstreams.Length; i++)
        {
            var upstream = labels[first + i];
            foreach (var replica in upstreams[i].Replicas)
            {
                var run = labels.Count;
                labels.Add(upstream);
                at = OwnLabels.Write(body, at, ReplicaAt, ReplicaLength, Address(replica), labels);
                up.Samples.Add(Sample(run, 2, replica.Answered ? 1 : 0));
                merged.Samples.Add(Sample(run, 2, replica.Page is null ? 0 : 1));
            }
        }

        return at;
    }

    private static string Address(FetchResult replica) => replica.Upstream.Replica ?? replica.Upstream.Name;

    private static InternedText Help(string text) => new(text, Encoding.UTF8.GetBytes(text));

    private static ParsedFamily Family(PageStorage storage, InternedText name, InternedText help, MetricType type = MetricType.Gauge)
    {
        var family = storage.NewFamily(name);
        family.HelpText = help;
        family.Type = type;
        family.TypeSeen = true;
        storage.Families.Add(family);
        return family;
    }

    private static ParsedSample Sample(int labelStart, int labelCount, double value) => new(SampleSuffix.None, labelStart, labelCount, value, 0, false);
}
