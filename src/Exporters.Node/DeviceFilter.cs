using System.Text;
using System.Text.RegularExpressions;

namespace Exporters.Node;

/// <summary>
/// node_exporter's device filter: a device is ignored when it matches the exclude pattern or, with an
/// include pattern, when it does not match that. An empty pattern is no pattern.
/// </summary>
internal sealed class DeviceFilter
{
    private readonly Regex? _exclude;
    private readonly Regex? _include;

    public DeviceFilter(string exclude, string include)
    {
        _exclude = exclude.Length == 0 ? null : new Regex(exclude, RegexOptions.CultureInvariant);
        _include = include.Length == 0 ? null : new Regex(include, RegexOptions.CultureInvariant);
    }

    /// <summary>A filter that ignores nothing.</summary>
    public static DeviceFilter None { get; } = new("", "");

    public bool Ignored(ReadOnlySpan<char> device) =>
        (_exclude is not null && _exclude.IsMatch(device)) || (_include is not null && !_include.IsMatch(device));

    public bool Ignored(ReadOnlySpan<byte> device)
    {
        if (_exclude is null && _include is null)
        {
            return false;
        }

        Span<char> chars = device.Length <= 256 ? stackalloc char[device.Length] : new char[device.Length];
        var count = Encoding.UTF8.GetChars(device, chars);
        return Ignored(chars[..count]);
    }
}
