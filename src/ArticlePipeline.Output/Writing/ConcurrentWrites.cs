using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Output.Writing;

/// <summary>
/// Two writers of one record that read it before either wrote: the later one must not undo the earlier. Pure.
/// </summary>
internal static class ConcurrentWrites
{
    /// <summary>
    /// <paramref name="record"/>, with the languages <paramref name="current"/> gained meanwhile kept: for the same
    /// original text, an edition (publisher or mirror) is never replaced by a machine translation or a pending entry,
    /// a publisher's edition never by a mirror's, and a translation never by a pending or failed entry.
    /// </summary>
    /// <param name="current">What the file holds now.</param>
    /// <param name="record">What the writer built from what it read earlier.</param>
    /// <returns>The record to write.</returns>
    public static ArticleRecord KeepWhatTheOtherWriterAdded(ArticleRecord? current, ArticleRecord record)
    {
        if (current is null || current.ContentHash != record.ContentHash)
        {
            return record;
        }

        var languages = record.Languages;
        foreach ((string language, LanguageVersion theirs) in current.Languages)
        {
            LanguageVersion? ours = record.Languages.GetValueOrDefault(language);
            if (ours is not null && Rank(theirs) > Rank(ours))
            {
                languages = languages.SetItem(language, theirs);
            }
        }

        return record with { Languages = languages };
    }

    // Original and publisher editions first, then mirrors, then machine translations, then what has no text.
    private static int Rank(LanguageVersion version) => version switch
    {
        { Status: TranslationStatus.Original } => 4,
        { Status: TranslationStatus.Translated, Origin: LanguageOrigin.Publisher } => 3,
        { Status: TranslationStatus.Translated, Origin: LanguageOrigin.Mirror } => 2,
        { Status: TranslationStatus.Translated } => 1,
        _ => 0,
    };
}
