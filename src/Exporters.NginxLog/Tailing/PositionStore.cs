using System.Text.Json;

namespace Exporters.NginxLog.Tailing;

/// <summary>
/// Reads and writes the position file: JSON, {"files":[{"path":..,"device":..,"inode":..,"offset":..}]},
/// the device with its major number in the upper 32 bits. Writes go to a temporary file renamed over the
/// old one, so a reader never sees half a file.
/// </summary>
internal static class PositionStore
{
    /// <summary>The saved positions by path; empty if there is no file.</summary>
    /// <exception cref="InvalidDataException">The file is not a position file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Dictionary<string, SavedPosition> Load(string file)
    {
        var positions = new Dictionary<string, SavedPosition>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return positions;
        }

        var bytes = File.ReadAllBytes(file);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var files = document.RootElement.GetProperty("files");
            foreach (var entry in files.EnumerateArray())
            {
                var path = entry.GetProperty("path").GetString()
                    ?? throw new InvalidDataException($"{file}: an entry without a path");
                var device = entry.GetProperty("device").GetUInt64();
                var inode = entry.GetProperty("inode").GetUInt64();
                var offset = entry.GetProperty("offset").GetInt64();
                if (offset < 0)
                {
                    throw new InvalidDataException($"{file}: negative offset for {path}");
                }

                positions[path] = new SavedPosition(path, new FileIdentity(device, inode), offset);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{file}: not a position file: {e.Message}", e);
        }

        return positions;
    }

    /// <summary>Replaces the file with these positions.</summary>
    public static void Save(string file, IReadOnlyList<SavedPosition> positions)
    {
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("files");
                foreach (var position in positions)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", position.Path);
                    writer.WriteNumber("device", position.Identity.Device);
                    writer.WriteNumber("inode", position.Identity.Inode);
                    writer.WriteNumber("offset", position.Offset);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
    }
}
