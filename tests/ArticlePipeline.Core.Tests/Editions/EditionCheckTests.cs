using ArticlePipeline.Core.Editions;
using ArticlePipeline.Core.Model;
using FsCheck;
using FsCheck.Fluent;
using static ArticlePipeline.Core.Tests.Editions.EditionSamples;

namespace ArticlePipeline.Core.Tests.Editions;

[TestFixture]
public sealed class EditionCheckTests
{
    private static IEnumerable<TestCaseData> Translations()
    {
        yield return new TestCaseData("ru", Russian).SetName("Check_RussianTranslation_IsAccepted");
        yield return new TestCaseData("uk", Ukrainian).SetName("Check_UkrainianMirrorTranslation_IsAccepted");
        yield return new TestCaseData("ro", Romanian).SetName("Check_RomanianMirrorTranslation_IsAccepted");
        yield return new TestCaseData("th", Thai).SetName("Check_ThaiMirrorTranslation_IsAccepted");
    }

    [TestCaseSource(nameof(Translations))]
    public void Check_TranslationInAnyLanguage_IsAcceptedWithTheNumbersAndNamesItShares(string language, LanguageContent edition)
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, edition, language, Published.AddHours(20));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Accepted, Is.True, verdict.Reason);
            Assert.That(verdict.Reason, Is.Null);
            Assert.That(verdict.Confidence, Is.GreaterThanOrEqualTo(0.8), $"{verdict}");
            Assert.That(verdict.Evidence.SharedNumbers, Is.GreaterThanOrEqualTo(15), "amounts, percentages and dates survive translation");
            Assert.That(verdict.Evidence.SharedNames, Is.GreaterThanOrEqualTo(5), "VNeID, Zalo OA, OTP, App Store, Google Play");
            Assert.That(verdict.Evidence.LengthRatio, Is.InRange(0.6, 1.8));
            Assert.That(verdict.Evidence.DaysApart, Is.EqualTo(20 / 24.0).Within(1e-9));
        }
    }

    [Test]
    public void Check_ThousandsSeparatorsAndDates_AreNormalizedBeforeComparing()
    {
        LanguageContent source = Content("Giá 1.500 đồng", "Ngày 18/2/2025 có 1,500 người, 0045 hộ và 1 500 xe.");
        LanguageContent edition = Content("Цена 1500 донгов", "18 февраля 2025 года: 1\u00A0500 человек, 45 хозяйств и 1\u202F500 машин.");

        EditionVerdict verdict = EditionCheck.Check(source, null, edition, "ru", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Evidence.SourceNumbers, Is.EqualTo(5), "1500, 18, 2, 2025, 45");
            Assert.That(verdict.Evidence.EditionNumbers, Is.EqualTo(4), "1500, 18, 2025, 45");
            Assert.That(verdict.Evidence.SharedNumbers, Is.EqualTo(4));
        }
    }

    [Test]
    public void Check_VietnameseNamesInARomanianEdition_MatchWithoutDiacritics()
    {
        LanguageContent source = Content("Đại tá Nguyễn Thanh Phúc nói về Zalo OA", "Ông Phúc làm việc tại Đắk Lắk.");
        LanguageContent edition = Content("Colonelul Nguyen Thanh Phuc despre Zalo OA", "Domnul Phuc lucrează în Dak Lak.");

        EditionVerdict verdict = EditionCheck.Check(source, null, edition, "ro", null);

        Assert.That(verdict.Evidence.SharedNames, Is.EqualTo(7), "nguyen, thanh, phuc, zalo, oa, dak, lak; Colonelul and Domnul start sentences");
    }

    [Test]
    public void Check_AnotherStoryOfSimilarLength_IsRejectedForItsNumbers()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, RussianOtherStory, "ru", Published);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Evidence.LengthRatio, Is.InRange(0.6, 1.8), "the decoy is about as long, so only the content can give it away");
            Assert.That(verdict.Accepted, Is.False);
            Assert.That(verdict.Confidence, Is.LessThan(0.35));
            Assert.That(verdict.Reason, Does.Match(@"shares \d+ of \d+ numbers"));
        }
    }

    [Test]
    public void Check_AnotherStoryOnTheSameTopic_IsRejectedThoughItSharesTheNames()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, RussianSameTopicStory, "ru", Published.AddDays(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Evidence.SharedNames, Is.GreaterThanOrEqualTo(5), "VNeID, Zalo OA, OTP, App Store, Google Play are the topic's, not the article's");
            Assert.That(verdict.Accepted, Is.False);
            Assert.That(verdict.Reason, Does.Match(@"^shares \d+ of \d+ numbers"));
        }
    }

    [Test]
    public void Check_AnotherStoryInALatinScriptLanguage_IsRejected()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, RomanianOtherStory, "ro", Published);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Accepted, Is.False);
            Assert.That(verdict.Reason, Does.Contain("numbers").And.Contain("Latin-script names"));
        }
    }

    [Test]
    public void Check_ThaiDigits_ReadAsTheSameNumbers()
    {
        LanguageContent source = Content("Hơn 1.250.000 tài khoản", "87,4% người dân, 326 đợt.");
        LanguageContent edition = Content("บัญชีกว่า ๑,๒๕๐,๐๐๐ บัญชี", "ประชาชน ๘๗.๔% จำนวน ๓๒๖ ครั้ง");

        EditionVerdict verdict = EditionCheck.Check(source, null, edition, "th", null);

        Assert.That(verdict.Evidence.SharedNumbers, Is.EqualTo(4), "1250000, 87, 4, 326");
    }

    [Test]
    public void Check_SectionPage_IsRejected()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, null, RussianSectionPage, "ru", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Accepted, Is.False);
            Assert.That(verdict.Reason, Does.Contain("length ratio 0."));
            Assert.That(verdict.Confidence, Is.LessThanOrEqualTo(EditionCheck.OutrightRejectionCap));
        }
    }

    [Test]
    public void Check_SummaryWithHalfTheParagraphs_IsStillAccepted()
    {
        EditionVerdict full = EditionCheck.Check(Vietnamese, Published, Russian, "ru", Published);
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, RussianSummary, "ru", Published);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Evidence.LengthRatio, Is.LessThan(0.7 * full.Evidence.LengthRatio), "the summary drops half the body");
            Assert.That(verdict.Evidence.EditionNumbers, Is.LessThan(full.Evidence.EditionNumbers));
            Assert.That(verdict.Accepted, Is.True, verdict.Reason);
            Assert.That(verdict.Confidence, Is.GreaterThanOrEqualTo(0.7));
        }
    }

    [Test]
    public void Check_PublishedTwoHundredDaysApart_IsRejectedWithTheDays()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, Russian, "ru", Published.AddDays(200));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Accepted, Is.False);
            Assert.That(verdict.Reason, Is.EqualTo("published 200 days apart"));
            Assert.That(verdict.Evidence.DaysApart, Is.EqualTo(200));
        }
    }

    [Test]
    public void Check_PublishedTwoDaysApart_CostsNothing()
    {
        EditionVerdict sameDay = EditionCheck.Check(Vietnamese, Published, Russian, "ru", Published);
        EditionVerdict twoDays = EditionCheck.Check(Vietnamese, Published, Russian, "ru", Published.AddDays(-2));

        Assert.That(twoDays.Confidence, Is.EqualTo(sameDay.Confidence));
    }

    [Test]
    public void Check_ShortTextWithoutNumbersOrNames_IsDecidedByLengthAtModestConfidence()
    {
        LanguageContent source = Content("Mưa lớn ở miền núi", "Người dân được khuyến cáo không đi qua suối khi nước dâng cao.");
        LanguageContent translation = Content("Сильные дожди в горах", "Жителям советуют не переходить ручьи во время подъёма воды.");
        LanguageContent tooShort = Content("Дожди", "Осторожно.");

        EditionVerdict accepted = EditionCheck.Check(source, null, translation, "ru", null);
        EditionVerdict rejected = EditionCheck.Check(source, null, tooShort, "ru", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted.Accepted, Is.True, accepted.Reason);
            Assert.That(accepted.Confidence, Is.InRange(EditionCheck.AcceptThreshold, 0.7), "the link is the only evidence");
            Assert.That(rejected.Accepted, Is.False);
            Assert.That(rejected.Reason, Does.StartWith("length ratio"));
        }
    }

    [Test]
    public void Check_EmptyEdition_IsRejected()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, null, Content(" ", null), "ru", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Accepted, Is.False);
            Assert.That(verdict.Confidence, Is.Zero);
            Assert.That(verdict.Reason, Is.EqualTo("the ru page has no text"));
        }
    }

    [Test]
    public void Check_ArticleAsItsOwnEdition_IsAcceptedWithHighConfidence()
    {
        EditionVerdict verdict = EditionCheck.Check(Vietnamese, Published, Vietnamese, "vi", Published);

        Assert.That(verdict.Confidence, Is.GreaterThan(0.9), $"{verdict}");
    }

    [Test]
    public void Check_GeneratedTexts_ConfidenceStaysInRangeAndATextIsItsOwnEdition()
    {
        string[] words = ["Công", "an", "tỉnh", "1.250.000", "87,4%", "VNeID", "Zalo", "OA", "полиция", "18/2/2025", "A80", "ตำรวจ", "2025", "7", "Phúc", ".", "Poliția", "\u00A0", "", "0001"];
        Gen<string> text = Gen.ArrayOf(Gen.Elements(words)).Select(w => string.Join(' ', w));
        Gen<LanguageContent> content =
            from title in text
            from lead in Gen.Elements<string?>(null, "Lead 12 OTP.")
            from blocks in Gen.ArrayOf(text)
            select Content(title, lead, blocks);
        Gen<DateTimeOffset?> date = Gen.Elements<DateTimeOffset?>(null, Published, Published.AddDays(3), Published.AddDays(45));

        Prop.ForAll(
                Arb.From(content),
                Arb.From(content),
                Arb.From(date),
                (LanguageContent source, LanguageContent edition, DateTimeOffset? editionPublished) =>
                {
                    EditionVerdict other = EditionCheck.Check(source, Published, edition, "ru", editionPublished);
                    EditionVerdict self = EditionCheck.Check(source, Published, source, "vi", Published);
                    bool hasText = EditionTokensHaveText(source);
                    bool ok = other.Confidence is >= 0 and <= 1 && self.Confidence is >= 0 and <= 1
                        && other.Accepted == (other.Reason is null) && (!hasText || self.Accepted);
                    return ok.Label($"{source} / {edition}: {other} / {self}");
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true));
    }

    private static bool EditionTokensHaveText(LanguageContent content) =>
        !string.IsNullOrWhiteSpace(content.Title) || !string.IsNullOrWhiteSpace(content.Lead) || content.Blocks.Any(b => !string.IsNullOrWhiteSpace(b.Text));
}
