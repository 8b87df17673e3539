namespace ArticlePipeline.Extraction.Decoding;

/// <summary>
/// Tells bodies that are not text from text, whatever their Content-Type says, before anything decodes them: a
/// known binary signature (executables, archives, images, documents), or NUL and control bytes in the first bytes
/// (the "binary data bytes" of the WHATWG MIME Sniffing Standard). Pure.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How much of the body is looked at.</summary>
    private const int SniffBytes = 8 * 1024;

    private static readonly (string Name, byte[] Magic, int Offset)[] Signatures =
    [
        ("an ELF executable", [0x7F, (byte)'E', (byte)'L', (byte)'F'], 0),
        ("a Mach-O executable", [0xCF, 0xFA, 0xED, 0xFE], 0),
        ("a Mach-O executable", [0xFE, 0xED, 0xFA, 0xCF], 0),
        ("a WebAssembly module", [0x00, (byte)'a', (byte)'s', (byte)'m'], 0),
        ("a PDF document", "%PDF-"u8.ToArray(), 0),
        ("a PNG image", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("a GIF image", "GIF87a"u8.ToArray(), 0),
        ("a GIF image", "GIF89a"u8.ToArray(), 0),
        ("a JPEG image", [0xFF, 0xD8, 0xFF], 0),
        ("a RIFF file (WebP, WAV, AVI)", "RIFF"u8.ToArray(), 0),
        ("an MP4 or QuickTime file", "ftyp"u8.ToArray(), 4),
        ("an Ogg file", "OggS"u8.ToArray(), 0),
        ("an MP3 file", "ID3"u8.ToArray(), 0),
        ("a ZIP archive (or an Office document)", [(byte)'P', (byte)'K', 0x03, 0x04], 0),
        ("a gzip archive", [0x1F, 0x8B], 0),
        ("a bzip2 archive", "BZh"u8.ToArray(), 0),
        ("an xz archive", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], 0),
        ("a 7-Zip archive", [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C], 0),
        ("a RAR archive", "Rar!"u8.ToArray(), 0),
        ("a Zstandard archive", [0x28, 0xB5, 0x2F, 0xFD], 0),
    ];

    /// <summary>What <paramref name="body"/> is when it is not text.</summary>
    /// <param name="body">The body as received.</param>
    /// <param name="contentType">The Content-Type header; a UTF-16 or UTF-32 charset allows NUL bytes.</param>
    /// <returns>A description such as <c>an ELF executable</c>, or <see langword="null"/> for text.</returns>
    public static string? NotText(ReadOnlySpan<byte> body, string? contentType)
    {
        foreach ((string name, byte[] magic, int offset) in Signatures)
        {
            if (body.Length >= offset + magic.Length && body.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return name;
            }
        }

        bool wide = body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ||
            PageDecoder.DeclaresWideCharset(contentType);
        if (wide)
        {
            return null;
        }

        ReadOnlySpan<byte> head = body[..Math.Min(body.Length, SniffBytes)];
        if (head.Contains((byte)0))
        {
            return "binary data (NUL bytes)";
        }

        // Text has tabs, line ends and form feeds, and now and then one stray control byte; data has many.
        int controls = 0;
        foreach (byte b in head)
        {
            if (b is <= 0x08 or 0x0B or (>= 0x0E and <= 0x1A) or (>= 0x1C and <= 0x1F))
            {
                controls++;
            }
        }

        return controls > Math.Max(4, head.Length / 100) ? "binary data (control bytes)" : null;
    }
}
