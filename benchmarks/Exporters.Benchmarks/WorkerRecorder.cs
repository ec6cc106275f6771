using Exporters.NginxLog.Configuration;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Metrics;

namespace Exporters.Benchmarks;

/// <summary>A namespace "nginx" counting the worker stack's log format, as the access-log benchmarks measure it.</summary>
internal static class WorkerRecorder
{
    public const string Format =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" rt=$request_time";

    public static NamespaceRecorder Create()
    {
        var config = new NamespaceConfig
        {
            Name = "nginx",
            Format = Format,
            MetricsPrefix = "nginx",
            Source = new SourceConfig { Files = ["/var/log/nginx/access.log"] },
        };
        var schema = new NamespaceSchema(config, new CompiledFormat(LogFormat.Parse(Format)), "benchmark");
        var store = new SeriesStore(schema, null, Serilog.Core.Logger.None);
        return new NamespaceRecorder(schema, store, TimeProvider.System, Serilog.Core.Logger.None);
    }
}
