namespace Exporters.Merger.Exposition;

/// <summary>One HELP or TYPE line as it stood on a page (without its line end), its family name and, for HELP, its text.</summary>
internal sealed record HeaderLine(byte[] Line, InternedText Name, InternedText? Help);
