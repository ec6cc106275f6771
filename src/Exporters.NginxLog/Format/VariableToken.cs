namespace Exporters.NginxLog.Format;

/// <summary>An nginx variable, <c>$name</c> or <c>${name}</c>.</summary>
internal sealed class VariableToken : FormatToken
{
    public VariableToken(string name, int position)
        : base(position)
    {
        Name = name;
    }

    /// <summary>The name without <c>$</c> and braces.</summary>
    public string Name { get; }

    public override string ToString() => "$" + Name;
}
