namespace Exporters.Core.Configuration;

/// <summary>
/// A flag, environment variable or configuration value the service cannot use. The host prints its
/// message as one line on stderr and exits with code 2.
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
