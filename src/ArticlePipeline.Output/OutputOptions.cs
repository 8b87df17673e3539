using System.ComponentModel.DataAnnotations;

namespace ArticlePipeline.Output;

/// <summary>Configuration section <c>Output</c>.</summary>
public sealed class OutputOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Output";

    /// <summary>The folder records and the manifest are written to (<c>--out</c> overrides it).</summary>
    /// <value><c>out</c>, relative to the working directory.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "must not be empty")]
    public string Directory { get; set; } = "out";

    /// <summary>
    /// Whether fetched article responses are kept in WARC/1.1 files under <c>{Directory}/warc/</c> (request and
    /// response records, headers and body bytes as received), so that records can be re-extracted without the network.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    public bool Warc { get; set; } = true;

    /// <summary>Whether feeds and sitemaps are kept in the WARC files too (only when <see cref="Warc"/> is on).</summary>
    /// <value><see langword="false"/>: only article responses.</value>
    public bool WarcDiscovery { get; set; }

    /// <summary>
    /// The size at which a new WARC file is started: an exchange that would take the current file past it goes into a
    /// new one (an exchange larger than the limit gets a file of its own).
    /// </summary>
    /// <value>1 GiB (1073741824), the size the WARC specification recommends.</value>
    [Range(1L, long.MaxValue, ErrorMessage = "must be greater than 0")]
    public long WarcMaxBytes { get; set; } = Output.Warc.WarcCaptureStore.DefaultMaxFileBytes;
}
