namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// A read-only view of a stream that ends after <see cref="Limit"/> bytes (counting decompressed bytes when it wraps a
/// gzip stream), the first <see cref="Prefix"/> bytes served from memory so they could be inspected first.
/// </summary>
internal sealed class CappedStream : Stream
{
    private readonly Stream _inner;
    private byte[] _prefix;
    private int _prefixOffset;

    /// <summary>Wraps <paramref name="inner"/>; disposing this stream disposes it.</summary>
    public CappedStream(Stream inner, long limit)
    {
        _inner = inner;
        Limit = limit;
        _prefix = [];
    }

    /// <summary>The most bytes served.</summary>
    public long Limit { get; }

    /// <summary>Bytes served so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether the inner stream had more than <see cref="Limit"/> bytes (the rest was not read).</summary>
    public bool Truncated { get; private set; }

    /// <summary>The first bytes, read ahead by <see cref="PeekPrefix"/>.</summary>
    public ReadOnlySpan<byte> Prefix => _prefix;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads up to <paramref name="count"/> bytes ahead; they are served again by the next reads.</summary>
    public void PeekPrefix(int count)
    {
        byte[] buffer = new byte[count];
        int length = 0;
        while (length < count)
        {
            int read = ReadInner(buffer.AsSpan(length));
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        _prefix = buffer[..length];
        _prefixOffset = 0;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (_prefixOffset < _prefix.Length)
        {
            int count = Math.Min(buffer.Length, _prefix.Length - _prefixOffset);
            _prefix.AsSpan(_prefixOffset, count).CopyTo(buffer);
            _prefixOffset += count;
            return count;
        }

        return ReadInner(buffer);
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int ReadInner(Span<byte> buffer)
    {
        if (buffer.IsEmpty || Truncated)
        {
            return 0;
        }

        long left = Limit - BytesRead;
        if (left <= 0)
        {
            // One byte more than allowed tells a document of exactly the limit from a longer one.
            Span<byte> probe = stackalloc byte[1];
            Truncated = _inner.Read(probe) > 0;
            return 0;
        }

        int read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        BytesRead += read;
        return read;
    }
}
