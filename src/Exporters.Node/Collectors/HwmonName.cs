using System.Runtime.InteropServices;
using System.Text;

namespace Exporters.Node.Collectors;

/// <summary>
/// node_exporter's hwmon naming: names cleaned to <c>[a-z0-9:_]</c>, sensor file names split into type,
/// number and property, and the chip label taken from the device's path, its name file or its directory.
/// </summary>
internal static partial class HwmonName
{
    /// <summary>Lower case, every other character than a-z, 0-9, ':' and '_' made '_', and '_' trimmed from both ends.</summary>
    public static string Clean(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.ToLowerInvariant().EnumerateRunes())
        {
            var value = rune.Value;
            var keep = value is (>= 'a' and <= 'z') or (>= '0' and <= '9') or ':' or '_';
            builder.Append(keep ? (char)value : '_');
        }

        return builder.ToString().Trim('_');
    }

    /// <summary>
    /// Splits <c>&lt;type&gt;&lt;number&gt;_&lt;property&gt;</c> as node_exporter's pattern
    /// <c>^([^0-9]+)([0-9]*)?(_(.+))?$</c> does: the type runs to the first digit, a missing number is 0.
    /// </summary>
    public static bool TrySplit(string fileName, out string type, out int number, out string property)
    {
        type = "";
        number = 0;
        property = "";
        var digit = fileName.AsSpan().IndexOfAnyInRange('0', '9');
        if (digit == 0 || fileName.Length == 0)
        {
            return false;
        }

        if (digit < 0)
        {
            type = fileName;
            return true;
        }

        type = fileName[..digit];
        var end = digit;
        while (end < fileName.Length && char.IsAsciiDigit(fileName[end]))
        {
            end++;
        }

        if (end < fileName.Length)
        {
            // What follows the number must be '_' and at least one character.
            if (fileName[end] != '_' || end + 1 == fileName.Length)
            {
                return false;
            }

            property = fileName[(end + 1)..];
        }

        return int.TryParse(fileName.AsSpan(digit, end - digit), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    /// <summary>
    /// The chip label: the device's parent directory and its own name (e.g. <c>platform_coretemp_0</c>),
    /// else the chip's name file, else the chip directory's own name (e.g. <c>hwmon1</c>).
    /// </summary>
    /// <exception cref="IOException">None of these gives a name.</exception>
    public static string Chip(string directory)
    {
        var device = RealPath(Path.Join(directory, "device"));
        if (device is not null)
        {
            var deviceName = Clean(Path.GetFileName(device));
            var deviceType = Clean(Path.GetFileName(Path.GetDirectoryName(device) ?? ""));
            if (deviceType.Length > 0 && deviceName.Length > 0)
            {
                return deviceType + "_" + deviceName;
            }

            if (deviceName.Length > 0)
            {
                return deviceName;
            }
        }

        var name = ReadName(directory);
        if (name is not null)
        {
            return name;
        }

        var real = RealPath(directory) ?? throw new IOException($"Could not derive a monitoring name for {directory}");
        var own = Clean(Path.GetFileName(real));
        return own.Length > 0 ? own : throw new IOException($"Could not derive a monitoring name for {directory}");
    }

    /// <summary>The chip's name file, cleaned; null when it is missing or cleans to nothing.</summary>
    public static string? ReadName(string directory)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Join(directory, "name"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var clean = Clean(text);
        return clean.Length > 0 ? clean : null;
    }

    /// <summary>The path with every symbolic link resolved, by realpath(3); null when it does not exist.</summary>
    private static string? RealPath(string path)
    {
        var resolved = NativeRealPath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeFree(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NativeRealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void NativeFree(nint pointer);
}
