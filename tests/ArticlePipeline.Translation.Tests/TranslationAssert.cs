using ArticlePipeline.Core.Model;
using ArticlePipeline.Testing.Translator;

namespace ArticlePipeline.Translation.Tests;

/// <summary>Assertions shared by the provider tests.</summary>
internal static class TranslationAssert
{
    /// <summary>Every language has the source's title, lead and blocks (count, order, kinds), each the loopback translation
    /// of the source text (prefix only: protected spans come back unchanged and the markup is gone).</summary>
    public static void Aligned(LanguageContent source, TranslationResult result, IEnumerable<string> targets)
    {
        foreach (string language in targets)
        {
            LanguageContent translated = result.Languages[language];
            Assert.Multiple(() =>
            {
                Assert.That(translated.Title, Is.EqualTo(string.IsNullOrWhiteSpace(source.Title) ? source.Title : Expected(source.Title, language)), language);
                Assert.That(translated.Lead, Is.EqualTo(source.Lead is null ? null : Expected(source.Lead, language)), language);
                Assert.That(translated.Blocks, Has.Length.EqualTo(source.Blocks.Length), language);
                Assert.That(translated.Blocks.Select(b => b.Kind), Is.EqualTo(source.Blocks.Select(b => b.Kind)), language);
                Assert.That(translated.Blocks.Select(b => b.Text), Is.EqualTo(source.Blocks.Select(b => Expected(b.Text, language))), language);
            });
        }
    }

    /// <summary>The loopback's scripted translation of a whole text sent as plain text or as protected HTML: translated letters
    /// in the target's script, protected spans (URLs, e-mail addresses, numbers) as they were.</summary>
    public static string Expected(string source, string language, bool upperCase = false)
    {
        string html = ArticlePipeline.Translation.Protection.TextProtector.ToHtml(source);
        return ArticlePipeline.Translation.Protection.TextProtector.FromHtml(LoopbackTranslation.Scripted(html, language, html: true, upperCase));
    }

    /// <summary>The requests the server answered, by status.</summary>
    public static int CountStatus(LoopbackTranslator server, int status) => server.Requests.Count(r => r.StatusCode == status);
}
