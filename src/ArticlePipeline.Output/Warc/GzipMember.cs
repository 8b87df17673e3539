using System.Buffers.Binary;
using System.IO.Compression;

namespace ArticlePipeline.Output.Warc;

/// <summary>
/// One gzip member (RFC 1952) per WARC record, carrying its own length in an extra subfield so that a reader can walk
/// a file member by member (and find where a torn one starts) without inflating to find the end of each.
/// </summary>
/// <remarks>
/// The subfield is <c>SI1='A' SI2='P' LEN=8</c> followed by the member's total length in bytes (little-endian), the
/// same idea as BGZF's <c>BC</c> subfield. gzip readers skip subfields they do not know (RFC 1952, 2.3.1.1), so
/// every gzip and WARC tool reads these files as plain multi-member gzip.
/// </remarks>
internal static class GzipMember
{
    /// <summary>Bytes of the header this class writes: 10 fixed, XLEN, and one 12-byte subfield.</summary>
    public const int HeaderLength = 10 + 2 + SubfieldLength;

    /// <summary>Bytes of the gzip trailer: CRC-32 and ISIZE.</summary>
    public const int TrailerLength = 8;

    private const int SubfieldLength = 4 + 8;
    private const int GzipHeaderLength = 10;
    private const byte FlagExtra = 0x04;
    private const byte SubfieldId1 = (byte)'A';
    private const byte SubfieldId2 = (byte)'P';

    /// <summary>Compresses <paramref name="data"/> into one member with its length field.</summary>
    /// <param name="data">The uncompressed record.</param>
    /// <param name="level">The deflate level.</param>
    /// <returns>The member's bytes.</returns>
    public static byte[] Compress(ReadOnlySpan<byte> data, CompressionLevel level)
    {
        // GZipStream writes a plain 10-byte header: it goes in after room for the extra field and is moved to the
        // front afterwards, so the compressed bytes are never copied.
        var buffer = new MemoryStream((data.Length / 3) + 64);
        buffer.Write(new byte[2 + SubfieldLength]);
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        byte[] bytes = buffer.GetBuffer();
        int length = checked((int)buffer.Length);
        const int Moved = 2 + SubfieldLength;
        if (bytes[Moved] != 0x1f || bytes[Moved + 1] != 0x8b || bytes[Moved + 2] != 8 || bytes[Moved + 3] != 0)
        {
            throw new InvalidOperationException("unexpected gzip header from GZipStream");
        }

        bytes.AsSpan(Moved, GzipHeaderLength).CopyTo(bytes);
        bytes[3] = FlagExtra;
        Span<byte> extra = bytes.AsSpan(GzipHeaderLength, 2 + SubfieldLength);
        BinaryPrimitives.WriteUInt16LittleEndian(extra, SubfieldLength);
        extra[2] = SubfieldId1;
        extra[3] = SubfieldId2;
        BinaryPrimitives.WriteUInt16LittleEndian(extra[4..], 8);
        BinaryPrimitives.WriteInt64LittleEndian(extra[6..], length);
        return length == bytes.Length ? bytes : bytes.AsSpan(0, length).ToArray();
    }

    /// <summary>Reads the member length from the start of a member.</summary>
    /// <param name="file">The file, positioned anywhere.</param>
    /// <param name="offset">Where the member starts.</param>
    /// <param name="remaining">Bytes from <paramref name="offset"/> to the end of the file.</param>
    /// <returns>The member's length.</returns>
    /// <exception cref="InvalidDataException">No gzip member here, no length field, or a length past the end or absurd.</exception>
    public static long ReadLength(Stream file, long offset, long remaining)
    {
        Span<byte> head = stackalloc byte[HeaderLength];
        if (remaining < HeaderLength + TrailerLength)
        {
            throw new InvalidDataException($"truncated gzip member at offset {offset} ({remaining} bytes left)");
        }

        file.Position = offset;
        file.ReadExactly(head);
        if (head[0] != 0x1f || head[1] != 0x8b || head[2] != 8)
        {
            throw new InvalidDataException($"no gzip member at offset {offset}");
        }

        if ((head[3] & FlagExtra) == 0)
        {
            throw new InvalidDataException($"the gzip member at offset {offset} has no length field (not written by this writer)");
        }

        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(head[GzipHeaderLength..]);
        if (GzipHeaderLength + 2L + extraLength + TrailerLength > remaining)
        {
            // A damaged length field must not send the read past the end of the file (an EndOfStreamException).
            throw new InvalidDataException($"the gzip member at offset {offset} claims {extraLength} extra bytes; {remaining} remain");
        }

        byte[] extra = new byte[extraLength];
        file.Position = offset + GzipHeaderLength + 2;
        file.ReadExactly(extra);
        for (int i = 0; i + 4 <= extra.Length;)
        {
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(i + 2));
            if (extra[i] == SubfieldId1 && extra[i + 1] == SubfieldId2 && size == 8 && i + 12 <= extra.Length)
            {
                long length = BinaryPrimitives.ReadInt64LittleEndian(extra.AsSpan(i + 4));
                if (length < GzipHeaderLength + 2 + extraLength + TrailerLength || length > remaining)
                {
                    throw new InvalidDataException($"the gzip member at offset {offset} claims {length} bytes; {remaining} remain");
                }

                return length;
            }

            i += 4 + size;
        }

        throw new InvalidDataException($"the gzip member at offset {offset} has no length field (not written by this writer)");
    }
}
