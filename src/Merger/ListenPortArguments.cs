namespace Exporters.Merger;

/// <summary>
/// exporter-merger's --listen-port/MERGER_PORT and --verbose/MERGER_VERBOSE, turned into the suite's
/// --web.listen-address and --log.level before the host reads the command line, unless those are given.
/// </summary>
internal static class ListenPortArguments
{
    public static string[] Apply(string[] args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var port = Find(args, "listen-port") ?? environment("MERGER_PORT");
        var verbose = Find(args, "verbose") ?? environment("MERGER_VERBOSE");
        var extra = new List<string>();
        if (port is not null && Find(args, "web.listen-address") is null)
        {
            extra.Add($"--web.listen-address=:{port.Trim()}");
        }

        if (verbose is "1" or "t" or "T" or "true" or "TRUE" or "True" && Find(args, "log.level") is null && environment("LOG_LEVEL") is null)
        {
            extra.Add("--log.level=debug");
        }

        return extra.Count == 0 ? args : [.. extra, .. args];
    }

    /// <summary>The last value given for a flag (<c>--f=v</c>, <c>--f v</c>, <c>-f</c> alone means true).</summary>
    private static string? Find(string[] args, string name)
    {
        string? value = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }

            var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg.StartsWith('-') ? arg[1..] : null;
            if (body is null)
            {
                continue;
            }

            if (body.StartsWith(name + "=", StringComparison.Ordinal))
            {
                value = body[(name.Length + 1)..];
            }
            else if (body == name)
            {
                value = name == "verbose" ? "true" : i + 1 < args.Length ? args[i + 1] : null;
            }
        }

        return value;
    }
}
