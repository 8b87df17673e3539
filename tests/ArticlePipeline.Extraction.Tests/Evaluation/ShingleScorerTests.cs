using ArticlePipeline.Extraction.Evaluation;

namespace ArticlePipeline.Extraction.Tests.Evaluation;

[TestFixture]
public sealed class ShingleScorerTests
{
    [Test]
    public void Score_SameText_IsPerfect()
    {
        ShingleScore score = ShingleScorer.Score("one two three four five six", "one two  three\nfour five six");

        Assert.That(score, Is.EqualTo(new ShingleScore(1, 1)));
    }

    [Test]
    public void Score_DisjointTexts_IsZero()
    {
        Assert.That(ShingleScorer.Score("one two three four", "five six seven eight"), Is.EqualTo(new ShingleScore(0, 0)));
    }

    [Test]
    public void Score_BothEmpty_IsPerfect_AndEmptyPrediction_IsZero()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ShingleScorer.Score("", " "), Is.EqualTo(new ShingleScore(1, 1)));
            Assert.That(ShingleScorer.Score("one two three four", ""), Is.EqualTo(new ShingleScore(0, 0)));
            Assert.That(ShingleScorer.Score("", "one two three four"), Is.EqualTo(new ShingleScore(0, 0)));
        }
    }

    [Test]
    public void Score_PredictionWithExtraText_LosesPrecisionOnly()
    {
        // Expected: 6 tokens = 3 shingles. Predicted adds 2 tokens = 5 shingles, the 3 expected ones among them.
        ShingleScore score = ShingleScorer.Score("a b c d e f", "a b c d e f g h");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.Precision, Is.EqualTo(3.0 / 5).Within(1e-9));
            Assert.That(score.Recall, Is.EqualTo(1));
        }
    }

    [Test]
    public void Score_RepeatedShingles_CountAsMultisets()
    {
        // "x y z w" twice in the prediction, once expected: one true positive, one false positive among the repeats.
        ShingleScore score = ShingleScorer.Score("x y z w", "x y z w x y z w");

        Assert.That(score.Recall, Is.EqualTo(1));
        Assert.That(score.Precision, Is.EqualTo(1.0 / 5).Within(1e-9), "5 shingles predicted, 1 matches");
    }

    [Test]
    public void Shingles_TextShorterThanFourWords_IsOneShingle()
    {
        Assert.That(ShingleScorer.Shingles("chỉ ba từ"), Is.EqualTo(new Dictionary<string, int> { ["chỉ ba từ"] = 1 }));
    }

    [Test]
    public void Tokenize_VietnameseInEitherNormalForm_GivesTheSameWords()
    {
        string composed = "Bình luận, ý kiến!";
        string decomposed = composed.Normalize(System.Text.NormalizationForm.FormD);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ShingleScorer.Tokenize(composed), Is.EqualTo(new[] { "Bình", "luận", "ý", "kiến" }));
            Assert.That(ShingleScorer.Tokenize(decomposed), Is.EqualTo(ShingleScorer.Tokenize(composed)));
        }
    }

    [Test]
    public void Summarize_TakesF1OfTheAveragedPrecisionAndRecall()
    {
        ShingleSummary summary = ShingleScorer.Summarize([new ShingleScore(1, 0.5), new ShingleScore(0.5, 1)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Pages, Is.EqualTo(2));
            Assert.That(summary.Precision, Is.EqualTo(0.75));
            Assert.That(summary.Recall, Is.EqualTo(0.75));
            Assert.That(summary.F1, Is.EqualTo(0.75).Within(1e-9), "not the mean of the per-page F1s (2/3)");
            Assert.That(summary.ToString(), Is.EqualTo("readability pages 2 precision 0.750 recall 0.750 f1 0.750"));
        }
    }

    [Test]
    public void HtmlText_SeparatesBlocks_AndSkipsScripts()
    {
        string text = HtmlText.Of("<div><p>one</p><p>two<br>three</p><script>var x;</script><span>fo</span><b>ur</b></div>");

        Assert.That(ShingleScorer.Tokenize(text), Is.EqualTo(new[] { "one", "two", "three", "four" }));
    }
}
