namespace ArticlePipeline.Testing.NewsSite;

/// <summary>A misbehaviour the fake site can play instead of a clean answer.</summary>
public enum SiteFault
{
    /// <summary>A clean answer.</summary>
    None,

    /// <summary>The connection is reset before any answer (<c>HttpContext.Abort()</c>).</summary>
    Reset,

    /// <summary>Content-Length promises more than is sent, then the connection is closed.</summary>
    TruncatedBody,

    /// <summary>Part of the body is sent, then nothing more until the client gives up.</summary>
    StalledBody,

    /// <summary>A body of <see cref="SiteResponse.FaultLength"/> bytes, streamed.</summary>
    HugeBody,

    /// <summary>A small gzip body (Content-Encoding: gzip) that inflates to <see cref="SiteResponse.FaultLength"/> bytes.</summary>
    GzipBomb,
}
