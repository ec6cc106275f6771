using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>One sample of a text file: the suffix after its family's name (e.g. _bucket), its labels and value.</summary>
internal readonly record struct TextfileSample(byte[] Suffix, LabelSet Labels, double Value);
