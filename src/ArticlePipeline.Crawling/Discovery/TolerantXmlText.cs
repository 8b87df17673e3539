using System.Buffers;
using System.Globalization;
using System.Net;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// A streaming repair pass in front of the XML reader for the mistakes feeds make most: blank lines or a BOM before
/// <c>&lt;?xml</c>, a bare <c>&amp;</c> (<c>?a=1&amp;b=2</c>), HTML entities the document never declares
/// (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>) and control characters XML 1.0 forbids. Bare ampersands become
/// <c>&amp;amp;</c>, HTML entities their character, forbidden characters are dropped; CDATA sections and comments pass
/// untouched. An entity that is neither XML's nor HTML's (one a DOCTYPE would declare) is left for the reader to
/// refuse: nothing is ever expanded from a DTD.
/// </summary>
internal sealed class TolerantXmlText : TextReader
{
    // The longest entity looked at: "&" + a 32-character name + ";".
    private const int Lookahead = 40;

    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    private readonly TextReader _inner;
    private readonly char[] _input = new char[64 * 1024];
    private char[] _output = new char[80 * 1024];
    private int _inputStart;
    private int _inputEnd;
    private int _outputStart;
    private int _outputEnd;
    private bool _innerDone;
    private bool _started;
    private Section _section;

    private enum Section
    {
        Markup,
        CData,
        Comment,
    }

    /// <summary>Wraps <paramref name="inner"/>; disposing this reader disposes it.</summary>
    public TolerantXmlText(TextReader inner) => _inner = inner;

    /// <summary>How many repairs were made (ampersands escaped, entities replaced, characters dropped).</summary>
    public int Repairs { get; private set; }

    /// <inheritdoc />
    public override int Peek()
    {
        if (_outputStart == _outputEnd && !Fill())
        {
            return -1;
        }

        return _output[_outputStart];
    }

    /// <inheritdoc />
    public override int Read()
    {
        int next = Peek();
        if (next >= 0)
        {
            _outputStart++;
        }

        return next;
    }

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_outputStart == _outputEnd)
        {
            if (!Fill())
            {
                return 0;
            }
        }

        int count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        return count;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Repairs the next chunk of input into the output buffer; <see langword="false"/> at the end.</summary>
    private bool Fill()
    {
        _outputStart = 0;
        _outputEnd = 0;
        while (_outputEnd == 0)
        {
            if (!_innerDone && _inputEnd - _inputStart < Lookahead * 2)
            {
                ReadMore();
            }

            if (_inputStart == _inputEnd)
            {
                return false;
            }

            Repair();
        }

        return true;
    }

    private void ReadMore()
    {
        // Keep the unprocessed tail (an entity or a "<![CDATA[" cut by the buffer's end) and fill after it.
        int remaining = _inputEnd - _inputStart;
        Array.Copy(_input, _inputStart, _input, 0, remaining);
        _inputStart = 0;
        _inputEnd = remaining;
        while (_inputEnd < _input.Length)
        {
            int read = _inner.Read(_input, _inputEnd, _input.Length - _inputEnd);
            if (read == 0)
            {
                _innerDone = true;
                break;
            }

            _inputEnd += read;
        }
    }

    private void Repair()
    {
        // Worst case every character is a bare '&' that becomes five.
        int needed = (_inputEnd - _inputStart) * 5;
        if (_output.Length < needed)
        {
            _output = new char[needed];
        }

        int i = _inputStart;
        int end = _inputEnd;
        if (!_started)
        {
            // Blank lines, BOMs and stray control characters before the first '<' would make the declaration illegal.
            while (i < end && _input[i] != '<')
            {
                i++;
            }

            _started = i < end;
        }

        while (i < end)
        {
            ReadOnlySpan<char> rest = _input.AsSpan(i, end - i);
            if (_section != Section.Markup)
            {
                string close = _section == Section.CData ? "]]>" : "-->";
                int found = rest.IndexOf(close, StringComparison.Ordinal);
                if (found < 0)
                {
                    // Keep the last two characters: the closing sequence may straddle two reads.
                    int take = _innerDone ? rest.Length : Math.Max(0, rest.Length - 2);
                    Emit(rest[..take]);
                    i += take;
                    break;
                }

                Emit(rest[..(found + 3)]);
                i += found + 3;
                _section = Section.Markup;
                continue;
            }

            int special = rest.IndexOfAny(Special);
            if (special < 0)
            {
                Emit(rest);
                i = end;
                break;
            }

            Emit(rest[..special]);
            i += special;
            rest = rest[special..];
            char c = rest[0];
            if (c != '<' && c != '&')
            {
                Repairs++;
                i++;
                continue;
            }

            if (rest.Length < Lookahead && !_innerDone)
            {
                // Not enough text to decide: wait for the next read.
                break;
            }

            if (c == '<')
            {
                if (rest.StartsWith("<![CDATA[", StringComparison.Ordinal))
                {
                    Emit("<![CDATA[");
                    i += 9;
                    _section = Section.CData;
                }
                else if (rest.StartsWith("<!--", StringComparison.Ordinal))
                {
                    Emit("<!--");
                    i += 4;
                    _section = Section.Comment;
                }
                else
                {
                    Emit("<");
                    i++;
                }

                continue;
            }

            i += Ampersand(rest);
        }

        _inputStart = i;
    }

    /// <summary>Writes the repaired form of the reference at the start of <paramref name="text"/>; returns its length.</summary>
    private int Ampersand(ReadOnlySpan<char> text)
    {
        int semicolon = text[..Math.Min(text.Length, Lookahead)].IndexOf(';');
        ReadOnlySpan<char> name = semicolon > 1 ? text[1..semicolon] : [];
        if (name.Length > 0 && name[0] == '#')
        {
            if (NumericReference(name[1..]) is { } value && IsXmlChar(value))
            {
                Emit(text[..(semicolon + 1)]);
            }
            else
            {
                // A reference to a character XML forbids (&#1;) or not a number: dropped.
                Repairs++;
            }

            return semicolon + 1;
        }

        if (name.Length > 0 && IsAsciiName(name))
        {
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                Emit(text[..(semicolon + 1)]);
                return semicolon + 1;
            }

            string reference = text[..(semicolon + 1)].ToString();
            string decoded = WebUtility.HtmlDecode(reference);
            if (!string.Equals(decoded, reference, StringComparison.Ordinal))
            {
                Emit(decoded);
                Repairs++;
                return semicolon + 1;
            }

            // Neither XML's nor HTML's: a DTD's entity. Left for the reader, which refuses it.
            Emit(text[..(semicolon + 1)]);
            return semicolon + 1;
        }

        Emit("&amp;");
        Repairs++;
        return 1;
    }

    private static int? NumericReference(ReadOnlySpan<char> digits)
    {
        bool hex = digits.Length > 1 && (digits[0] == 'x' || digits[0] == 'X');
        return int.TryParse(
            hex ? digits[1..] : digits,
            hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
            CultureInfo.InvariantCulture,
            out int value) ? value : null;
    }

    private static bool IsXmlChar(int value) =>
        value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool IsAsciiName(ReadOnlySpan<char> name)
    {
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(name[0]);
    }

    private void Emit(ReadOnlySpan<char> text)
    {
        text.CopyTo(_output.AsSpan(_outputEnd));
        _outputEnd += text.Length;
    }
}
