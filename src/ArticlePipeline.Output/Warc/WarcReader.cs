using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Output.Warc;

/// <summary>
/// Reads the WARC files <see cref="WarcCaptureStore"/> writes: every record in order, or one record at the offset and
/// length a <see cref="PageCapture"/> names. Bounded: sizes a file claims are checked before anything is allocated
/// for them, so a damaged or hostile file is refused instead of exhausting memory.
/// </summary>
public static class WarcReader
{
    /// <summary>The largest record block read: the fetcher's largest body (256 MiB) plus room for its headers.</summary>
    public const int MaxBlockBytes = (256 * 1024 * 1024) + (1024 * 1024);

    /// <summary>The most bytes of WARC header fields read before a record is refused.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    // Deflate cannot expand data by more than about 1032:1, so a block far larger than that times its compressed size
    // is a lie of the header; checked before the block's buffer is allocated.
    private const long MaxInflateRatio = 1100;

    /// <summary>Reads every record of a file, first to last.</summary>
    /// <param name="path">The <c>.warc.gz</c> file.</param>
    /// <returns>The records, read lazily one member at a time.</returns>
    /// <exception cref="InvalidDataException">A member is torn, damaged or not a WARC record (thrown when reached).</exception>
    public static IEnumerable<WarcRecord> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        long offset = 0;
        long size = file.Length;
        while (offset < size)
        {
            long length = GzipMember.ReadLength(file, offset, size - offset);
            WarcRecord record = ReadMember(file, offset, length);
            yield return record;
            offset += length;
        }
    }

    /// <summary>Reads the record whose gzip member is at <paramref name="offset"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="offset">The member's offset.</param>
    /// <param name="length">The member's length.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidDataException">No complete record there.</exception>
    public static WarcRecord Read(string path, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        if (offset < 0 || length <= 0 || offset > file.Length || length > file.Length - offset)
        {
            throw new InvalidDataException($"no record at {offset}+{length} in a file of {file.Length} bytes");
        }

        return ReadMember(file, offset, length);
    }

    /// <summary>Turns a response record (and the request record sent for it, if known) back into an exchange.</summary>
    /// <param name="response">A <c>response</c> record.</param>
    /// <param name="request">Its <c>request</c> record, or <see langword="null"/> (the request headers are then empty and the method GET).</param>
    /// <returns>The exchange, payload still content-encoded as received.</returns>
    /// <exception cref="InvalidDataException">Not a response record, or its HTTP message is malformed.</exception>
    public static HttpExchange ToExchange(WarcRecord response, WarcRecord? request = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Type != "response")
        {
            throw new InvalidDataException($"a {response.Type} record is not a response");
        }

        if (!Uri.TryCreate(response.TargetUri, UriKind.Absolute, out Uri? target))
        {
            throw new InvalidDataException($"the response record has no valid WARC-Target-URI ('{response.TargetUri}')");
        }

        (string statusLine, ImmutableArray<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> payload) = HttpBlock.Parse(response.Block);
        (string version, int status, string? reason) = HttpBlock.ParseStatusLine(statusLine);
        string method = "GET";
        ImmutableArray<KeyValuePair<string, string>> requestHeaders = [];
        if (request is not null && request.Type == "request")
        {
            (string requestLine, requestHeaders, _) = HttpBlock.Parse(request.Block);
            method = requestLine.Split(' ', 2)[0];
        }

        return new HttpExchange(
            target,
            method,
            requestHeaders,
            version,
            status,
            reason,
            headers,
            payload,
            response.Field("WARC-IP-Address"),
            WarcFormat.ParseDate(response.Field("WARC-Date")) ?? DateTimeOffset.UnixEpoch);
    }

    /// <summary>Reads and checks one member: gzip CRC, WARC version line, fields, Content-Length, and the CRLFs after the block.</summary>
    internal static WarcRecord ReadMember(Stream file, long offset, long length)
    {
        if (length > MaxBlockBytes + MaxFieldBytes)
        {
            throw new InvalidDataException($"the member at offset {offset} claims {length} bytes");
        }

        byte[] compressed = new byte[length];
        file.Position = offset;
        try
        {
            file.ReadExactly(compressed);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"the member at offset {offset} ends early", ex);
        }

        // The member must be exactly as long as its length field says: GZipStream takes a stream cut inside the gzip
        // trailer for a complete one without checking the CRC, so a cut is caught here.
        using var source = new MemoryStream(compressed, writable: false);
        if (GzipMember.ReadLength(source, 0, length) != length)
        {
            throw new InvalidDataException($"the member at offset {offset} is not {length} bytes long");
        }

        source.Position = 0;
        try
        {
            using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            (ImmutableArray<KeyValuePair<string, string>> fields, byte[] rest) = ReadFields(gzip, offset);
            string? declared = fields.FirstOrDefault(f => string.Equals(f.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
            if (!long.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out long blockLength) ||
                blockLength > MaxBlockBytes || blockLength > (length * MaxInflateRatio) + 1024)
            {
                throw new InvalidDataException($"the record at offset {offset} has Content-Length '{declared}'");
            }

            // The block, then exactly CRLF CRLF, then the end of the member (which makes GZipStream check the CRC).
            byte[] tail = new byte[blockLength + 4];
            int have = Math.Min(rest.Length, tail.Length);
            rest.AsSpan(0, have).CopyTo(tail);
            if (rest.Length > tail.Length)
            {
                throw new InvalidDataException($"the record at offset {offset} has data after its block");
            }

            gzip.ReadExactly(tail.AsSpan(have));
            if (!tail.AsSpan((int)blockLength).SequenceEqual("\r\n\r\n"u8) || gzip.Read(new byte[1]) != 0)
            {
                throw new InvalidDataException($"the record at offset {offset} does not end where its Content-Length says");
            }

            return new WarcRecord(offset, length, fields, tail.AsMemory(0, (int)blockLength));
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"the record at offset {offset} is torn: {ex.Message}", ex);
        }
    }

    // Reads up to the blank line ending the fields, at most MaxFieldBytes; returns the fields and the bytes read past it.
    private static (ImmutableArray<KeyValuePair<string, string>> Fields, byte[] After) ReadFields(Stream gzip, long offset)
    {
        byte[] buffer = new byte[8192];
        int filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == MaxFieldBytes)
            {
                throw new InvalidDataException($"the record at offset {offset} has no end of its fields within {MaxFieldBytes} bytes");
            }

            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxFieldBytes));
            }

            int read = gzip.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                throw new InvalidDataException($"the record at offset {offset} ends inside its fields");
            }

            filled += read;
        }

        string[] lines = Encoding.UTF8.GetString(buffer, 0, end).Split("\r\n");
        if (lines[0] is not ("WARC/1.1" or "WARC/1.0"))
        {
            throw new InvalidDataException($"the member at offset {offset} is not a WARC record");
        }

        var fields = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (string line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"the record at offset {offset} has a malformed field line");
            }

            fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return (fields.ToImmutable(), buffer.AsSpan(end + 4, filled - end - 4).ToArray());
    }
}
