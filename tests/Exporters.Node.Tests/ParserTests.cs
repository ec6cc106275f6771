using System.Text;
using Exporters.Node.Collectors;

namespace Exporters.Node.Tests;

public sealed class ParserTests
{
    [Fact]
    public void Stat_with_128_cpus_gives_every_cpu_and_mode()
    {
        var text = Fixtures.Render(Fixtures.Bytes("stat-128cpu"), (t, w) => CpuCollector.Write(t, w));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4 + (128 * 8) + (128 * 2), lines.Length);
        Assert.StartsWith(
            "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n"
            + "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 4\nnode_cpu_seconds_total{cpu=\"0\",mode=\"iowait\"} 0.05\n",
            text);
        Assert.Contains("node_cpu_seconds_total{cpu=\"127\",mode=\"user\"} 2.27\n", text);
        Assert.Contains("node_cpu_seconds_total{cpu=\"127\",mode=\"system\"} 1.57\n", text);
        Assert.Contains("# TYPE node_cpu_guest_seconds_total counter\nnode_cpu_guest_seconds_total{cpu=\"0\",mode=\"nice\"} 0.03\nnode_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 0.02\n", text);
    }

    [Fact]
    public void Stat_totals_are_exact()
    {
        var text = Fixtures.Render(Fixtures.Bytes("stat-128cpu"), (t, w) => StatCollector.Write(t, w));
        Assert.Equal(
            "# HELP node_boot_time_seconds Node boot time, in unixtime.\n# TYPE node_boot_time_seconds gauge\nnode_boot_time_seconds 1700000000\n"
            + "# HELP node_context_switches_total Total number of context switches.\n# TYPE node_context_switches_total counter\nnode_context_switches_total 99999\n"
            + "# HELP node_forks_total Total number of forks.\n# TYPE node_forks_total counter\nnode_forks_total 4242\n"
            + "# HELP node_intr_total Total number of interrupts serviced.\n# TYPE node_intr_total counter\nnode_intr_total 12345\n"
            + "# HELP node_procs_blocked Number of processes blocked waiting for I/O to complete.\n# TYPE node_procs_blocked gauge\nnode_procs_blocked 1\n"
            + "# HELP node_procs_running Number of processes in runnable state.\n# TYPE node_procs_running gauge\nnode_procs_running 3\n",
            text);
    }

    [Fact]
    public void Meminfo_names_are_mangled_as_node_exporter_does()
    {
        var input = "MemTotal:       1000 kB\nActive(anon):      2 kB\nHugePages_Total:       7\n"u8;
        var text = Fixtures.Render(input, MemInfoCollector.Write);
        Assert.Equal(
            "# HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.\n# TYPE node_memory_MemTotal_bytes gauge\nnode_memory_MemTotal_bytes 1024000\n"
            + "# HELP node_memory_Active_anon_bytes Memory information field Active_anon_bytes.\n# TYPE node_memory_Active_anon_bytes gauge\nnode_memory_Active_anon_bytes 2048\n"
            + "# HELP node_memory_HugePages_Total Memory information field HugePages_Total.\n# TYPE node_memory_HugePages_Total gauge\nnode_memory_HugePages_Total 7\n",
            text);
    }

    [Fact]
    public void Loadavg_is_exact()
    {
        var text = Fixtures.Render("0.54 1.53 1.91 2/345 6789\n"u8, LoadAvgCollector.Write);
        Assert.Equal(
            "# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 0.54\n"
            + "# HELP node_load15 15m load average.\n# TYPE node_load15 gauge\nnode_load15 1.91\n"
            + "# HELP node_load5 5m load average.\n# TYPE node_load5 gauge\nnode_load5 1.53\n",
            text);
    }

    [Fact]
    public void Filefd_is_exact()
    {
        var text = Fixtures.Render("1450\t0\t2466170\n"u8, FileFdCollector.Write);
        Assert.Equal(
            "# HELP node_filefd_allocated File descriptor statistics: allocated.\n# TYPE node_filefd_allocated gauge\nnode_filefd_allocated 1450\n"
            + "# HELP node_filefd_maximum File descriptor statistics: maximum.\n# TYPE node_filefd_maximum gauge\nnode_filefd_maximum 2466170\n",
            text);
    }

    [Fact]
    public void Netdev_writes_each_family_with_every_device_in_name_order()
    {
        var input = "Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n"
            + "    lo: 10 1 0 0 0 0 0 0 10 1 0 0 0 0 0 0\n  eth0: 200 2 3 4 5 6 7 8 900 9 10 11 12 13 14 15\n";
        var text = Fixtures.Render(Encoding.UTF8.GetBytes(input), (t, w) => NetDevCollector.Write(t, w));
        Assert.StartsWith(
            "# HELP node_network_receive_bytes_total Network device statistic receive_bytes.\n# TYPE node_network_receive_bytes_total counter\n"
            + "node_network_receive_bytes_total{device=\"eth0\"} 200\nnode_network_receive_bytes_total{device=\"lo\"} 10\n"
            + "# HELP node_network_receive_compressed_total Network device statistic receive_compressed.\n",
            text);
        Assert.Contains("node_network_transmit_carrier_total{device=\"eth0\"} 14\n", text);
        Assert.Contains("node_network_transmit_packets_total{device=\"eth0\"} 9\n", text);
        Assert.Equal(16 * 4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Pressure_totals_are_seconds()
    {
        var (some, full) = PressureCollector.Parse("some avg10=0.00 avg60=0.01 avg300=0.00 total=12385739\nfull avg10=0.00 avg60=0.01 avg300=0.00 total=10160812\n"u8);
        Assert.Equal(12.385739, some);
        Assert.Equal(10.160812, full);
    }

    [Fact]
    public void Os_release_gives_info_and_version()
    {
        var input = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n"u8;
        var text = Fixtures.Render(input, OsCollector.Write);
        Assert.Equal(
            "# HELP node_os_info A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.\n"
            + "# TYPE node_os_info gauge\n"
            + "node_os_info{build_id=\"\",id=\"debian\",id_like=\"\",image_id=\"\",image_version=\"\",name=\"Debian GNU/Linux\",pretty_name=\"Debian GNU/Linux 12 (bookworm)\",variant=\"\",variant_id=\"\",version=\"12 (bookworm)\",version_codename=\"bookworm\",version_id=\"12\"} 1\n"
            + "# HELP node_os_version Metric containing the major.minor part of the OS version.\n# TYPE node_os_version gauge\n"
            + "node_os_version{id=\"debian\",id_like=\"\",name=\"Debian GNU/Linux\"} 12\n",
            text);
        Assert.Equal(22.04, OsCollector.MajorMinor("22.04.3"));
    }
}
