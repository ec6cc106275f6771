using System.Text;
using Exporters.Core.Exposition;

namespace Exporters.Node.Collectors;

/// <summary>A dataset's objset-* kstat table: the dataset it names and its unsigned rows.</summary>
internal sealed class ZfsObjset
{
    private static readonly FamilyCache Families = new(static name => ZfsKstat.Family("zfs_zpool_dataset", "kstat.zfs.misc.objset." + name, name));

    /// <summary>The dataset_name row's data, "" until the table names it.</summary>
    public string Dataset { get; private set; } = "";

    /// <summary>Whether a dataset_name row came before the rows (node_exporter labels the pool only then).</summary>
    public bool Named { get; private set; }

    public List<(MetricFamily Family, double Value)> Rows { get; } = [];

    /// <exception cref="FormatException">The table has no header or an unsigned row is not a whole number.</exception>
    public static ZfsObjset Parse(ReadOnlySpan<byte> table)
    {
        var objset = new ZfsObjset();
        ZfsKstat.ParseTable(table, objset, static (objset, name, type, data) =>
        {
            if (name.SequenceEqual("dataset_name"u8))
            {
                objset.Dataset = Encoding.UTF8.GetString(data);
                objset.Named = true;
            }
            else if (ZfsKstat.IsUint64(type))
            {
                objset.Rows.Add((ZfsKstat.FamilyOf(Families, name), ZfsKstat.ParseValue(name, data)));
            }
        });
        return objset;
    }
}
