using System.Collections.Immutable;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.OperatorConsole.Pages;

namespace ArticlePipeline.OperatorConsole.Tests;

/// <summary>The side-by-side rows of the article page: machine translations block by block, editions by their alignment.</summary>
[TestFixture]
public sealed class ArticleAlignmentTests
{
    [Test]
    public void Rows_EditionWithAlignment_JoinsAndLeavesOutWhatTheAlignmentSays()
    {
        // vi blocks 0 and 1 are answered together by ru block 0; vi block 2 by ru block 1; ru block 2 matches nothing.
        ImmutableArray<BlockAlignment> alignment = [new([0, 1], [0], 0.9), new([2], [1], 0.8)];
        ArticleRecord record = Record(
            ("vi", TranslationStatus.Original, ["một", "hai", "ba"], null),
            ("uk", TranslationStatus.Translated, ["один", "два", "три"], null),
            ("ru", TranslationStatus.Translated, ["один и два", "три", "реклама"], new EditionMatch(0.85, alignment)));

        IReadOnlyList<AlignedRow> rows = ArticleAlignment.Rows(record);
        AlignedRow[] blocks = [.. rows.Where(r => r.Part == "block")];
        AlignedRow unmatched = rows.Single(r => r.Part == "unmatched");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ArticleAlignment.Columns(record), Is.EqualTo(new[] { "vi", "uk", "ru" }));
            Assert.That(blocks.Select(r => r.Cells["uk"]), Is.EqualTo(new[] { "один", "два", "три" }), "a machine translation, block by block");
            Assert.That(blocks[0].Cells["ru"], Is.EqualTo("один и два"));
            Assert.That(blocks[1].Cells["ru"], Does.Contain("joined"), "the second block of a group points up");
            Assert.That(blocks[2].Cells["ru"], Is.EqualTo("три"));
            Assert.That(unmatched.Cells["ru"], Is.EqualTo("реклама"));
            Assert.That(unmatched.Cells["vi"], Is.Null);
            Assert.That(ArticleAlignment.IsAligned(record, "ru"), Is.True, "laid out by its alignment");
        }
    }

    [Test]
    public void IsAligned_MachineTranslationWithAnotherBlockCount_IsFalseAndTheMissingCellIsNull()
    {
        ArticleRecord record = Record(
            ("vi", TranslationStatus.Original, ["một", "hai"], null),
            ("th", TranslationStatus.Translated, ["หนึ่ง"], null));

        AlignedRow[] blocks = [.. ArticleAlignment.Rows(record).Where(r => r.Part == "block")];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ArticleAlignment.IsAligned(record, "th"), Is.False);
            Assert.That(blocks[1].Cells["th"], Is.Null);
        }
    }

    private static ArticleRecord Record(params (string Language, TranslationStatus Status, string[] Blocks, EditionMatch? Match)[] languages) => new(
        "abcdef0123456789", ArticleRecord.CurrentSchemaVersion, 1, "https://example.vn/a.html", null, new SourceInfo("s", "S", null, "example.vn"),
        null, null, DateTimeOffset.UnixEpoch, [], [], "vi", "sha256:00", [], [], [],
        languages.ToImmutableSortedDictionary(
            l => l.Language,
            l => new LanguageVersion(l.Status, new LanguageContent("T " + l.Language, null, [.. l.Blocks.Select(b => new ContentBlock(BlockKind.Paragraph, b))]), null, null) { Match = l.Match },
            StringComparer.Ordinal),
        null);
}
