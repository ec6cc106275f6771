namespace Exporters.NginxLog.Metrics;

/// <summary>
/// The distinct label values of one namespace, each given an id once; ids index <see cref="Text"/>.
/// Values are kept for the life of the namespace (series keys refer to them by id). Not thread-safe.
/// </summary>
internal sealed class LabelValues
{
    private readonly List<string> _values = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public string Text(int id) => _values[id];

    public int Count => _values.Count;

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _values.Add(value);
            _ids[value] = id;
        }

        return id;
    }
}
