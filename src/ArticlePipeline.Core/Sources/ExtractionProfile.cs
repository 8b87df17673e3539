namespace ArticlePipeline.Core.Sources;

/// <summary>CSS selectors that say where a site keeps the parts of an article.</summary>
/// <remarks>A profile whose selectors find nothing falls back to the generic extractor.</remarks>
public sealed class ExtractionProfile
{
    /// <summary>A name recorded in each record's provenance.</summary>
    /// <value>Defaults to the source id.</value>
    public string? Name { get; set; }

    /// <summary>Selector of the headline.</summary>
    public string? Title { get; set; }

    /// <summary>Selector of the lead (sapo).</summary>
    public string? Lead { get; set; }

    /// <summary>Selector of the body container.</summary>
    public string? Body { get; set; }

    /// <summary>Selector of the byline(s).</summary>
    public string? Author { get; set; }

    /// <summary>Selector of the element that holds the publication date.</summary>
    public string? Date { get; set; }

    /// <summary>Selectors of elements to remove before extraction (share bars, related news, ...).</summary>
    public IList<string> Drop { get; set; } = [];

    /// <summary>Phrases that mark a block as boilerplate on this site, in addition to the shared lexicon.</summary>
    public IList<string> DropPhrases { get; set; } = [];
}
