namespace Exporters.NginxLog.Format;

/// <summary>
/// A <c>$</c> the grammar could not read as a variable. The grammar keeps going so that the error can name
/// the position of the <c>$</c>; <see cref="LogFormat.Parse"/> turns the first one into a <see cref="LogFormatException"/>.
/// </summary>
internal sealed class MalformedVariableToken : FormatToken
{
    public MalformedVariableToken(string problem, int position)
        : base(position)
    {
        Problem = problem;
    }

    public string Problem { get; }
}
