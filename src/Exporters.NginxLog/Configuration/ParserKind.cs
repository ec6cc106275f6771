namespace Exporters.NginxLog.Configuration;

/// <summary>How a namespace's lines are read.</summary>
internal enum ParserKind
{
    /// <summary>By the namespace's nginx log_format.</summary>
    Text,

    /// <summary>As one JSON object a line; keys are variable names without <c>$</c>.</summary>
    Json,
}
