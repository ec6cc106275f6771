namespace Exporters.Merger.Exposition;

/// <summary>One label of a sample: where its name and its still-escaped value sit in the page's body.</summary>
internal readonly record struct LabelRef(int NameStart, int NameLength, int ValueStart, int ValueLength);
