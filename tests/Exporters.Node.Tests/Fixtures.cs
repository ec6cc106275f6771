using System.Text;
using Exporters.Core.Exposition;
using Exporters.Testing;

namespace Exporters.Node.Tests;

/// <summary>
/// The fixture trees, read where they are in the source tree (so their symbolic links stay links), and a way
/// to render a collector's families as text.
/// </summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.Combine(RepoPaths.Root, "tests", "Exporters.Node.Tests", "fixtures");

    public static string Proc => Path.Combine(Root, "proc");

    public static string Sys => Path.Combine(Root, "sys");

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    public static string Render(Action<ExpositionWriter> write)
    {
        using var buffer = new PooledBufferWriter();
        write(new ExpositionWriter(buffer, ExpositionFormat.Text004));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Render(ReadOnlySpan<byte> text, ExpositionWriterAction write)
    {
        using var buffer = new PooledBufferWriter();
        write(text, new ExpositionWriter(buffer, ExpositionFormat.Text004));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public delegate void ExpositionWriterAction(ReadOnlySpan<byte> text, ExpositionWriter writer);
}
