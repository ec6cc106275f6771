using System.Text;
using Exporters.NginxLog.Format;
using Exporters.NginxLog.Parsing;

namespace Exporters.NginxLog.Tests.Parsing;

public sealed class LineParserRobustnessTests
{
    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes(" -\"[]{}:,.0123456789\\xGETHP/-rt=ab\t");

    [Theory]
    [InlineData(LineParserTests.WorkerFormat)]
    [InlineData(LineParserTests.CombinedFormat)]
    [InlineData(LineParserTests.UpstreamFormat)]
    public void Random_bytes_never_throw(string format)
    {
        var parser = new LineParser(new CompiledFormat(LogFormat.Parse(format)));
        Fuzz(parser, Encoding.UTF8.GetBytes(format.Contains("upstream", StringComparison.Ordinal) ? LineParserTests.UpstreamLine : LineParserTests.WorkerLine));
    }

    [Fact]
    public void Random_bytes_never_throw_as_json()
    {
        var parser = new LineParser(new JsonLineMatcher(["request", "status", "body_bytes_sent", "request_time", "upstream_response_time"]));
        Fuzz(parser, "{\"request\":\"GET / HTTP/1.1\",\"status\":200,\"request_time\":\"0.1, 0.2\",\"x\":[{\"y\":null}]}"u8.ToArray());
    }

    [Fact]
    public void Parsing_a_worker_line_does_not_allocate()
    {
        var parser = new LineParser(new CompiledFormat(LogFormat.Parse(LineParserTests.WorkerFormat)));
        var values = parser.CreateValues();
        var line = Encoding.UTF8.GetBytes(LineParserTests.WorkerLine);
        var upstream = new LineParser(new CompiledFormat(LogFormat.Parse(LineParserTests.UpstreamFormat)));
        var upstreamValues = upstream.CreateValues();
        var upstreamLine = Encoding.UTF8.GetBytes(LineParserTests.UpstreamLine);
        for (var i = 0; i < 1000; i++)
        {
            parser.Parse(line, values);
            upstream.Parse(upstreamLine, upstreamValues);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = 0;
        for (var i = 0; i < 10_000; i++)
        {
            errors += (int)parser.Parse(line, values);
            errors += (int)upstream.Parse(upstreamLine, upstreamValues);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, errors);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_a_json_line_does_not_allocate()
    {
        var parser = new LineParser(new JsonLineMatcher(["request", "status", "body_bytes_sent", "request_time"]));
        var values = parser.CreateValues();
        var line = "{\"remote_addr\":\"10.0.0.1\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\",\"body_bytes_sent\":\"612\",\"request_time\":\"0.004\"}"u8.ToArray();
        for (var i = 0; i < 1000; i++)
        {
            parser.Parse(line, values);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            parser.Parse(line, values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(200, values.Status);
    }

    private static void Fuzz(LineParser parser, byte[] valid)
    {
        var random = new Random(20261124);
        var values = parser.CreateValues();
        var buffer = new byte[256];
        var counts = new int[5];
        for (var i = 0; i < 5000; i++)
        {
            int length;
            switch (i % 3)
            {
                case 0:
                    // Any bytes at all.
                    length = random.Next(buffer.Length);
                    random.NextBytes(buffer.AsSpan(0, length));
                    break;
                case 1:
                    // Bytes from the format's own alphabet, more likely to get far.
                    length = random.Next(buffer.Length);
                    for (var k = 0; k < length; k++)
                    {
                        buffer[k] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    break;
                default:
                    // A valid line with a few bytes changed or cut short.
                    length = Math.Min(valid.Length, buffer.Length);
                    valid.AsSpan(0, length).CopyTo(buffer);
                    for (var k = random.Next(1, 4); k > 0; k--)
                    {
                        buffer[random.Next(length)] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    length = random.Next(2) == 0 ? length : random.Next(length);
                    break;
            }

            var error = parser.Parse(buffer.AsSpan(0, length), values);

            Assert.True(Enum.IsDefined(error), $"line {i}");
            counts[(int)error]++;
        }

        Assert.Equal(5000, counts[(int)ParseError.None] + counts[(int)ParseError.NoMatch] + counts[(int)ParseError.BadNumber]);
        Assert.True(counts[(int)ParseError.NoMatch] > 0);
        Assert.True(counts[(int)ParseError.None] + counts[(int)ParseError.BadNumber] > 0);
    }
}
