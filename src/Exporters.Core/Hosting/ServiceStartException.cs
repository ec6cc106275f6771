namespace Exporters.Core.Hosting;

/// <summary>
/// Thrown by a hosted service's start when what it needs cannot be had (e.g. a listener's address is in use):
/// the host writes the message as one line on standard error and exits 1.
/// </summary>
public sealed class ServiceStartException : Exception
{
    public ServiceStartException()
    {
    }

    public ServiceStartException(string message)
        : base(message)
    {
    }

    public ServiceStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
