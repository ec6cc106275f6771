namespace Exporters.NginxLog.Tests.Tailing;

/// <summary>
/// The tailer tests run alone: they write and follow files as fast as they can, and one of them counts the
/// bytes the whole process allocates.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TailerCollection
{
    public const string Name = "Tailer";
}
