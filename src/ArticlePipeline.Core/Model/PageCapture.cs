namespace ArticlePipeline.Core.Model;

/// <summary>Where the fetched response of a page is kept: one WARC response record.</summary>
/// <param name="WarcFile">The WARC file's path relative to the output folder, with forward slashes (<c>warc/....warc.gz</c>).</param>
/// <param name="Offset">The byte offset of the record's gzip member in the file.</param>
/// <param name="Length">The length in bytes of the record's gzip member.</param>
/// <param name="Digest">The record's <c>WARC-Payload-Digest</c> (<c>sha1:BASE32</c>).</param>
public sealed record PageCapture(string WarcFile, long Offset, long Length, string Digest);
