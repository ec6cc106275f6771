using System.Text;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Parsing;

namespace Exporters.NginxLog.Tests.Parsing;

public sealed class ValueDecoderTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("say \\x22hi\\x22", "say \"hi\"")]
    [InlineData("caf\\xC3\\xA9", "café")]
    [InlineData("\\x5Cpath\\x5c", "\\path\\")]
    [InlineData("a\\nb\\x", "a\\nb\\x")]
    [InlineData("\\xZZ \\x2", "\\xZZ \\x2")]
    [InlineData("end\\", "end\\")]
    public void Decodes_nginx_escapes(string raw, string expected)
    {
        Assert.Equal(expected, Decode(raw, ValueEscaping.Nginx));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("say \\\"hi\\\"", "say \"hi\"")]
    [InlineData("a\\\\b\\/c", "a\\b/c")]
    [InlineData("\\b\\f\\n\\r\\t", "\b\f\n\r\t")]
    [InlineData("caf\\u00e9 \\u20AC", "café €")]
    [InlineData("\\u0000", "\0")]
    [InlineData("\\ud83d\\ude00!", "😀!")]
    [InlineData("raw é stays", "raw é stays")]
    public void Decodes_json_escapes(string raw, string expected)
    {
        Assert.Equal(expected, Decode(raw, ValueEscaping.Json));
    }

    [Theory]
    [InlineData("\\x")]
    [InlineData("end\\")]
    [InlineData("\\u12")]
    [InlineData("\\u12g4")]
    [InlineData("\\ud83d")]
    [InlineData("\\ud83dx")]
    [InlineData("\\ud83d\\u0041")]
    [InlineData("\\ude00")]
    public void Rejects_malformed_json_escapes(string raw)
    {
        Assert.Null(Decode(raw, ValueEscaping.Json));
    }

    [Theory]
    [InlineData("\\xC3")]
    [InlineData("\\xFF\\xFE")]
    [InlineData("\\xED\\xA0\\x80")]
    [InlineData("\\x16\\x03\\x01\\x80")]
    [InlineData("\\u00e9\\xC3")]
    public void Rejects_what_is_not_utf8_once_decoded(string raw)
    {
        Assert.Null(Decode(raw, ValueEscaping.Nginx));
    }

    [Fact]
    public void Rejects_raw_bytes_that_are_not_utf8()
    {
        byte[] raw = [(byte)'a', 0xC3, (byte)'b'];
        var destination = new byte[raw.Length];

        Assert.False(ValueDecoder.TryDecode(raw, ValueEscaping.Nginx, destination, out _));
        Assert.False(ValueDecoder.TryDecode(raw, ValueEscaping.Json, destination, out _));
    }

    [Fact]
    public void Control_bytes_are_valid_utf8()
    {
        Assert.Equal("\u0016\u0003\u0001", Decode("\\x16\\x03\\x01", ValueEscaping.Nginx));
    }

    private static string? Decode(string raw, ValueEscaping escaping)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        var destination = new byte[bytes.Length];
        return ValueDecoder.TryDecode(bytes, escaping, destination, out var written)
            ? Encoding.UTF8.GetString(destination, 0, written)
            : null;
    }
}
