using System.Collections.Immutable;

namespace ArticlePipeline.Output.Warc;

/// <summary>One record read from a WARC file.</summary>
/// <param name="Offset">Where the record's gzip member starts in the file.</param>
/// <param name="Length">The length of the gzip member.</param>
/// <param name="Fields">The record's named fields, in order (without the <c>WARC/1.1</c> version line).</param>
/// <param name="Block">The record block: for request and response records, the HTTP message.</param>
public sealed record WarcRecord(long Offset, long Length, ImmutableArray<KeyValuePair<string, string>> Fields, ReadOnlyMemory<byte> Block)
{
    /// <summary>The <c>WARC-Type</c>: <c>warcinfo</c>, <c>request</c>, <c>response</c>...</summary>
    public string Type => Field("WARC-Type") ?? string.Empty;

    /// <summary>The <c>WARC-Record-ID</c>, with its angle brackets.</summary>
    public string? RecordId => Field("WARC-Record-ID");

    /// <summary>The <c>WARC-Target-URI</c>, if any.</summary>
    public string? TargetUri => Field("WARC-Target-URI");

    /// <summary>The first field named <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>Its value.</returns>
    public string? Field(string name)
    {
        foreach ((string key, string value) in Fields)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
