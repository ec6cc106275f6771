namespace Exporters.Merger.Upstreams;

/// <summary>How a replica did at the last scrape that listed it (<see cref="Generation"/>: that scrape's number).</summary>
internal readonly record struct ReplicaState(bool Answered, bool Merged, long Generation);
