using System.Collections.Immutable;
using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using FsCheck;
using FsCheck.Fluent;
using static ArticlePipeline.Core.Tests.Editions.EditionSamples;

namespace ArticlePipeline.Core.Tests.Editions;

[TestFixture]
public sealed class EditionAlignerTests
{
    [Test]
    public void Align_EqualParagraphCounts_AlignsOneToOneInOrder()
    {
        ImmutableArray<BlockAlignment> beads = EditionAligner.Align(Vietnamese, Russian);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Describe(beads), Is.EqualTo("0|0 1|1 2|2 3|3 4|4 5|5"));
            Assert.That(beads.Select(b => b.Confidence), Is.All.GreaterThanOrEqualTo(0.8));
        }
    }

    [Test]
    public void Align_EditionMergingParagraphsTwoAndThree_GetsATwoToOneBead()
    {
        ImmutableArray<BlockAlignment> beads = EditionAligner.Align(Vietnamese, RussianMerged);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Describe(beads), Is.EqualTo("0|0 1,2|1 3|2 4|3 5|4"));
            Assert.That(beads[1].Confidence, Is.GreaterThan(0.5));
        }
    }

    [Test]
    public void Align_MergedOpeningWhoseNumbersAnchorOneEditionBlock_GetsATwoToOneBead_NotADroppedParagraph()
    {
        // The numbers of paragraphs 0 and 1 all land in edition block 0: measured pair by pair they made the languages'
        // length ratio look twice what it is, and the merge came out as 0|0 plus a dropped paragraph 1.
        LanguageContent source = Content(
            "Tiêu đề",
            null,
            "Từ đầu năm đến nay, toàn tỉnh tiếp nhận 184.620 hồ sơ thủ tục hành chính, trong đó 170.774 hồ sơ được nộp và giải quyết trực tuyến, tăng mạnh so với cùng kỳ năm trước nhờ việc rà soát, cắt giảm giấy tờ không cần thiết.",
            "Đến hết tháng 5, tỉnh có 512.300 người kích hoạt tài khoản định danh điện tử mức độ hai, người dân đi làm thủ tục chỉ cần xuất trình mã QR thay cho bản sao giấy tờ tùy thân như trước đây.",
            "Tỉnh đã chi 236.000 triệu đồng để nâng cấp hạ tầng mạng, trang bị máy tính và máy quét cho bộ phận một cửa ở tất cả các xã, phường, thị trấn trong năm nay.",
            "Cán bộ một cửa được tập huấn về kỹ năng hướng dẫn người cao tuổi sử dụng điện thoại thông minh để tự nộp hồ sơ tại nhà mà không phải đến trụ sở.",
            "Lãnh đạo tỉnh đề nghị các sở, ngành tiếp tục đơn giản hóa quy trình, công khai tiến độ giải quyết và xin lỗi người dân khi trễ hẹn.");
        LanguageContent edition = Content(
            "Заголовок",
            null,
            "С начала года в провинции принято 184 620 заявлений по административным процедурам, из них 170 774 поданы и рассмотрены онлайн, что намного больше, чем годом ранее, благодаря сокращению ненужных документов. К концу мая 512 300 жителей активировали учётную запись электронной идентификации второго уровня, и теперь для получения услуги достаточно показать QR-код вместо копии удостоверения личности.",
            "Провинция потратила 236 000 миллионов донгов на модернизацию сети, компьютеры и сканеры для служб «одного окна» во всех общинах, кварталах и посёлках в этом году.",
            "Сотрудники «одного окна» прошли обучение тому, как помогать пожилым людям пользоваться смартфоном, чтобы подавать заявления из дома, не приходя в учреждение.",
            "Руководство провинции предложило ведомствам и дальше упрощать процедуры, публиковать ход рассмотрения и извиняться перед жителями за задержки.");

        Assert.That(Describe(EditionAligner.Align(source, edition)), Is.EqualTo("0,1|0 2|1 3|2 4|3"));
    }

    [Test]
    public void Align_EditionSplittingAParagraph_GetsAOneToTwoBead()
    {
        string[] sentences = RussianParagraphs[1].Split(". ", 2);
        LanguageContent split = Content(
            Russian.Title, Russian.Lead, RussianParagraphs[0], sentences[0] + ".", sentences[1], RussianParagraphs[2], RussianParagraphs[3], RussianParagraphs[4], RussianParagraphs[5]);

        Assert.That(Describe(EditionAligner.Align(Vietnamese, split)), Is.EqualTo("0|0 1|1,2 2|3 3|4 4|5 5|6"));
    }

    [Test]
    public void Align_EditionMissingAParagraph_ListsItWithNoCounterpartAndConfidenceZero()
    {
        ImmutableArray<BlockAlignment> beads = EditionAligner.Align(Vietnamese, RussianMissingParagraph);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Describe(beads), Is.EqualTo("0|0 1|1 2|2 3| 4|3 5|4"));
            Assert.That(beads[3].Confidence, Is.Zero);
        }
    }

    [Test]
    public void Align_SummaryKeepingEveryOtherParagraph_MatchesTheKeptOnesAndListsTheRestUnmatched() =>
        Assert.That(Describe(EditionAligner.Align(Vietnamese, RussianSummary)), Is.EqualTo("0|0 1| 2|1 3| 4|2 5|"));

    [Test]
    public void Align_EditionWithAnExtraParagraphOfItsOwn_ListsItUnmatched()
    {
        LanguageContent withNote = Content(
            Russian.Title, Russian.Lead, RussianParagraphs[0], RussianParagraphs[1], RussianParagraphs[2],
            "Примечание редакции: перевод подготовлен отделом иностранных языков.", RussianParagraphs[3], RussianParagraphs[4], RussianParagraphs[5]);

        Assert.That(Describe(EditionAligner.Align(Vietnamese, withNote)), Is.EqualTo("0|0 1|1 2|2 |3 3|4 4|5 5|6"));
    }

    [TestCase("ro")]
    [TestCase("th")]
    [TestCase("uk")]
    public void Align_MirrorEditionWithASourceLine_AlignsTheBodyAndLeavesTheSourceLineUnmatched(string language)
    {
        LanguageContent edition = language switch { "ro" => Romanian, "th" => Thai, _ => Ukrainian };

        Assert.That(Describe(EditionAligner.Align(Vietnamese, edition)), Is.EqualTo("0|0 1|1 2|2 3|3 4|4 5|5 |6"));
    }

    [Test]
    public void Align_EmptyEdition_GivesEverySourceBlockAOneToZeroBead()
    {
        ImmutableArray<BlockAlignment> beads = EditionAligner.Align(Vietnamese, Content("Заголовок", null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Describe(beads), Is.EqualTo("0| 1| 2| 3| 4| 5|"));
            Assert.That(beads.Select(b => b.Confidence), Is.All.Zero);
        }
    }

    [Test]
    public void Align_EmptySource_GivesEveryEditionBlockAZeroToOneBead() =>
        Assert.That(Describe(EditionAligner.Align(Content("Tiêu đề", null), Russian)), Is.EqualTo("|0 |1 |2 |3 |4 |5"));

    [Test]
    public void Align_LongPagesBeyondTheFullTable_StillAlignTheDiagonalInsideTheBand()
    {
        // 120 copies of the article (720 blocks) against 120 copies of the translation with one paragraph dropped
        // from copy 60: the band must still find every 1-1 pair and the single gap.
        LanguageContent source = Repeat(Vietnamese.Blocks, 120, dropAt: -1);
        LanguageContent edition = Repeat(Russian.Blocks, 120, dropAt: (60 * 6) + 3);

        ImmutableArray<BlockAlignment> beads = EditionAligner.Align(source, edition);

        Assert.That(source.Blocks, Has.Length.GreaterThan(EditionAligner.FullAlignmentBlocks));
        AssertCovers(beads, source.Blocks.Length, edition.Blocks.Length);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(beads.Count(b => b.Source.Length == 1 && b.Edition.Length == 1), Is.EqualTo(719));
            Assert.That(beads.Single(b => b.Edition.IsEmpty).Source, Is.EqualTo(new[] { (60 * 6) + 3 }));
        }
    }

    [Test]
    public void Align_OneBlockAgainstTwentyThousand_CoversEveryBlock()
    {
        LanguageContent hostile = Content("x", null, [.. Enumerable.Range(0, 20_000).Select(i => $"Dòng {i}")]);

        ImmutableArray<BlockAlignment> beads = EditionAligner.Align(Content("Tiêu đề", null, "Một đoạn văn."), hostile);

        AssertCovers(beads, 1, 20_000);
    }

    [Test]
    public void Align_GeneratedBlocks_AreMonotonicCoverEachBlockOnceAndStayInRange()
    {
        string[] words = ["VNeID", "1.250.000", "đồng", "полиция", "87,4%", "Zalo", "ตำรวจ", "2025", "lorem", "ipsum dolor sit amet", ""];
        Gen<string> block = Gen.ArrayOf(Gen.Elements(words)).Select(w => string.Join(' ', w));
        Gen<LanguageContent> content = Gen.Frequency(
                (9, Gen.ArrayOf(block)),
                (1, Gen.Choose(380, 460).SelectMany(n => Gen.ArrayOf(block, n))))
            .Select(blocks => Content("t", null, blocks));

        Prop.ForAll(
                Arb.From(content),
                Arb.From(content),
                (LanguageContent source, LanguageContent edition) =>
                {
                    ImmutableArray<BlockAlignment> beads = EditionAligner.Align(source, edition);
                    AssertCovers(beads, source.Blocks.Length, edition.Blocks.Length);
                    return true;
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true));
    }

    private static void AssertCovers(ImmutableArray<BlockAlignment> beads, int sourceCount, int editionCount)
    {
        int[] sourceIndices = [.. beads.SelectMany(b => b.Source)];
        int[] editionIndices = [.. beads.SelectMany(b => b.Edition)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sourceIndices, Is.EqualTo(Enumerable.Range(0, sourceCount)), "every source block once, in order");
            Assert.That(editionIndices, Is.EqualTo(Enumerable.Range(0, editionCount)), "every edition block once, in order");
            Assert.That(beads.Select(b => b.Confidence), Is.All.InRange(0.0, 1.0));
            Assert.That(beads, Has.All.Matches<BlockAlignment>(b => b.Source.Length + b.Edition.Length is >= 1 and <= 3 && b.Source.Length <= 2 && b.Edition.Length <= 2));
            Assert.That(beads.Where(b => b.Source.IsEmpty || b.Edition.IsEmpty).Select(b => b.Confidence), Is.All.Zero);
        }
    }

    private static LanguageContent Repeat(ImmutableArray<ContentBlock> blocks, int times, int dropAt) =>
        new("t", null, [.. Enumerable.Repeat(blocks, times).SelectMany(b => b).Where((_, i) => i != dropAt)]);

    private static string Describe(ImmutableArray<BlockAlignment> beads) =>
        string.Join(' ', beads.Select(b => $"{string.Join(',', b.Source)}|{string.Join(',', b.Edition)}"));
}
