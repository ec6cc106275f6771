using System.Buffers.Text;

namespace Exporters.NginxStub;

/// <summary>
/// Parses the page nginx's stub_status module writes, as bytes:
/// <code>
/// Active connections: 291
/// server accepts handled requests
///  16630948 16630948 31070465
/// Reading: 6 Writing: 179 Waiting: 106
/// </code>
/// Trailing spaces, CRLF and Tengine's fourth number (request_time) are accepted; anything else is not.
/// </summary>
internal static class StubStatusParser
{
    /// <returns>True with the numbers, or false with a reason that names the line.</returns>
    public static bool TryParse(ReadOnlySpan<byte> page, out StubStatus status, out string? error)
    {
        status = default;
        var cursor = new Cursor(page);
        if (!cursor.Literal("Active connections:"u8))
        {
            error = "line 1: expected \"Active connections:\"";
            return false;
        }

        if (!cursor.Number(out var active, out error, "line 1") || !cursor.EndOfLine(out error, "line 1"))
        {
            return false;
        }

        if (!cursor.Literal("server accepts handled requests"u8))
        {
            error = "line 2: expected \"server accepts handled requests\"";
            return false;
        }

        cursor.SkipLine();
        if (!cursor.Number(out var accepted, out error, "line 3")
            || !cursor.Number(out var handled, out error, "line 3")
            || !cursor.Number(out var requests, out error, "line 3"))
        {
            return false;
        }

        if (cursor.NextIsNumber() && !cursor.Number(out _, out error, "line 3"))
        {
            return false;
        }

        if (!cursor.EndOfLine(out error, "line 3"))
        {
            return false;
        }

        if (!cursor.Literal("Reading:"u8) || !cursor.Number(out var reading, out error, "line 4")
            || !cursor.Literal("Writing:"u8) || !cursor.Number(out var writing, out error, "line 4")
            || !cursor.Literal("Waiting:"u8) || !cursor.Number(out var waiting, out error, "line 4"))
        {
            error ??= "line 4: expected \"Reading: N Writing: N Waiting: N\"";
            return false;
        }

        if (!cursor.EndOfLine(out error, "line 4"))
        {
            return false;
        }

        status = new StubStatus(active, accepted, handled, requests, reading, writing, waiting);
        return true;
    }

    private ref struct Cursor
    {
        private ReadOnlySpan<byte> _rest;

        public Cursor(ReadOnlySpan<byte> text)
        {
            _rest = text;
        }

        public bool Literal(ReadOnlySpan<byte> expected)
        {
            SkipSpaces();
            if (!_rest.StartsWith(expected))
            {
                return false;
            }

            _rest = _rest[expected.Length..];
            return true;
        }

        public bool NextIsNumber()
        {
            SkipSpaces();
            return !_rest.IsEmpty && char.IsAsciiDigit((char)_rest[0]);
        }

        public bool Number(out ulong value, out string? error, string line)
        {
            SkipSpaces();
            var digits = 0;
            while (digits < _rest.Length && char.IsAsciiDigit((char)_rest[digits]))
            {
                digits++;
            }

            if (digits == 0)
            {
                value = 0;
                error = line + ": expected a number";
                return false;
            }

            if (!Utf8Parser.TryParse(_rest[..digits], out value, out _))
            {
                error = line + ": number out of range";
                return false;
            }

            _rest = _rest[digits..];
            error = null;
            return true;
        }

        /// <summary>Accepts trailing spaces, then CRLF, LF or the end of the page.</summary>
        public bool EndOfLine(out string? error, string line)
        {
            SkipSpaces();
            if (!_rest.IsEmpty && _rest[0] == (byte)'\r')
            {
                _rest = _rest[1..];
            }

            if (_rest.IsEmpty)
            {
                error = null;
                return true;
            }

            if (_rest[0] != (byte)'\n')
            {
                error = line + ": unexpected text after the last number";
                return false;
            }

            _rest = _rest[1..];
            error = null;
            return true;
        }

        public void SkipLine()
        {
            var newline = _rest.IndexOf((byte)'\n');
            _rest = newline < 0 ? default : _rest[(newline + 1)..];
        }

        private void SkipSpaces() => _rest = _rest.TrimStart("\t "u8);
    }
}
