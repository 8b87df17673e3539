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
}
