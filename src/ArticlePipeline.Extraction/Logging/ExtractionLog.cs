using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Extraction.Logging;

/// <summary>What the extraction stage tells an operator: the points where a page took a path other than the usual one.</summary>
internal static partial class ExtractionLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "{Url}: not extracted, the page is over the HTML limits: {Detail}")]
    public static partial void PageTooComplex(ILogger logger, Uri url, string? detail);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "{Url}: profile {Profile} does not fit ({Detail}); content scoring takes over")]
    public static partial void ProfileNotMatched(ILogger logger, Uri url, string profile, string? detail);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "{Url}: without its boilerplate-named boxes the chosen container kept {Kept} of {Total} characters; read again with them")]
    public static partial void ContainerReadWithBoilerplate(ILogger logger, Uri url, int kept, int total);
}
