using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>How an image's caption shows: a <c>figcaption</c> or caption-named box, or a line CMS editors write as a paragraph.</summary>
internal static partial class Captions
{
    /// <summary>The caption element of a <c>figure</c>: its <c>figcaption</c>, else its first caption-named descendant.</summary>
    public static IElement? Of(IElement figure) =>
        figure.QueryFirst("figcaption") ?? figure.QueryAll("*").FirstOrDefault(DomPatterns.IsCaptionLike);

    /// <summary>
    /// Whether a run of text is a caption written as a paragraph: text beside the image in one paragraph, an
    /// all-italic line right under an image, or a short line ending with the photo credit ("Ảnh: ...").
    /// </summary>
    /// <param name="text">The run's normalized text.</param>
    /// <param name="withImage">Whether the run holds an image.</param>
    /// <param name="allItalic">Whether all of the run is italic.</param>
    /// <param name="afterImage">Whether the run comes right after an image without a caption.</param>
    public static bool IsCaptionLine(string text, bool withImage, bool allItalic, bool afterImage) =>
        (text.Length <= 150 && withImage) || (text.Length <= 300 && ((allItalic && afterImage) || PhotoCredit().IsMatch(text)));

    /// <summary>The name a caption credits its photo to (<c>Minh Quyết/TTXVN</c> of <c>... (Ảnh: Minh Quyết/TTXVN)</c>), if it ends with one.</summary>
    /// <param name="caption">The caption's normalized text.</param>
    public static string? PhotoCreditOf(string? caption)
    {
        if (string.IsNullOrEmpty(caption) || caption.Length > 300)
        {
            return null;
        }

        Match match = PhotoCredit().Match(caption);
        string name = match.Success ? match.Groups["name"].Value.Trim() : string.Empty;
        if (name.EndsWith(')') && name.Count(c => c == '(') < name.Count(c => c == ')'))
        {
            name = name[..^1].TrimEnd();
        }

        return name.Length == 0 ? null : name;
    }

    // A photo credit closing a short line: "... (Ảnh: Minh Quyết/TTXVN)", "... Ảnh: PV", "Фото: ...".
    [GeneratedRegex(@"(?:^|[\s.(\-–—])(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Ảnh tư liệu|Photo|Фото|Foto|ภาพ)\s*:\s*(?<name>[^.:;!?]{1,60})\)?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCredit();
}
