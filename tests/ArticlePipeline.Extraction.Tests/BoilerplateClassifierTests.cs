using ArticlePipeline.Extraction.Boilerplate;

namespace ArticlePipeline.Extraction.Tests;

[TestFixture]
public sealed class BoilerplateClassifierTests
{
    private static readonly BoilerplateClassifier Classifier = BoilerplateClassifier.Default;

    [TestCase("Bình luận (0)")]
    [TestCase("Комментарий (0)")]
    [TestCase("Коментар (0)")]
    [TestCase("Comentariu (0)")]
    [TestCase("การแสดงความคิดเห็น (0)")]
    [TestCase("Bình luận (12)")]
    [TestCase("  Комментарий ( 3 )  ")]
    public void Classify_CommentCounter_IsJunk(string line)
    {
        Assert.That(Classifier.Classify(line).Kind, Is.EqualTo(LineKind.Junk));
    }

    [TestCase("Та же тема")]
    [TestCase("Та же категория")]
    [TestCase("หัวข้อเดียวกัน")]
    [TestCase("Tin liên quan")]
    [TestCase("Cùng chuyên mục")]
    [TestCase("TIN LIÊN QUAN:")]
    public void Classify_RelatedNewsHeading_IsEndOfArticle(string line)
    {
        Assert.That(Classifier.Classify(line).Kind, Is.EqualTo(LineKind.EndOfArticle));
    }

    [TestCase("No data")]
    [TestCase("No videos available")]
    [TestCase("Vietnam.vn - Nền tảng quảng bá Việt Nam")]
    [TestCase("Độc lập - Tự do - Hạnh phúc")]
    [TestCase("![]() |")]
    [TestCase("![ảnh](https://x.vn/a.jpg)")]
    [TestCase("|  |")]
    [TestCase("Từ khóa: lúa, Tân Hậu")]
    [TestCase("")]
    public void Classify_SiteFurniture_IsJunk(string line)
    {
        Assert.That(Classifier.Classify(line).Kind, Is.EqualTo(LineKind.Junk));
    }

    [TestCase("Știri și fotografii: Thanh Phuc", "Thanh Phuc")]
    [TestCase("Ştiri şi fotografii: Thanh Phuc", "Thanh Phuc")]
    [TestCase("Tin và ảnh: Minh Đức", "Minh Đức")]
    [TestCase("Текст и фото: Минь Дык", "Минь Дык")]
    public void Classify_PrefixedByline_IsBylineWithTheName(string line, string name)
    {
        LineClassification verdict = Classifier.Classify(line);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind, Is.EqualTo(LineKind.Byline));
            Assert.That(verdict.Value, Is.EqualTo(name));
        }
    }

    [TestCase("Sursă: https://x.vn/a", "https://x.vn/a")]
    [TestCase("Источник: https://baoquangtri.vn/day-manh-191784.htm", "https://baoquangtri.vn/day-manh-191784.htm")]
    [TestCase("Джерело: https://baobackan.vn/so-ket-post71588.html", "https://baobackan.vn/so-ket-post71588.html")]
    [TestCase("ที่มา: https://baoangiang.com.vn/doi-moi-a423044.html", "https://baoangiang.com.vn/doi-moi-a423044.html")]
    [TestCase("Nguồn: https://baoangiang.com.vn/a.html", "https://baoangiang.com.vn/a.html")]
    public void Classify_SourceLine_IsSourceLineWithTheUrl(string line, string url)
    {
        LineClassification verdict = Classifier.Classify(line);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind, Is.EqualTo(LineKind.SourceLine));
            Assert.That(verdict.Value, Is.EqualTo(url));
        }
    }

    [Test]
    public void Classify_JunkPatternTimesOutOnALine_TheLineIsTextAndNothingThrows()
    {
        // A pattern that backtracks exponentially on a long line that almost matches: it passes its timeout.
        var classifier = new BoilerplateClassifier(new BoilerplateLexicon(new BoilerplateLexicon.LexiconData { JunkPatterns = [@"^(\w+\s?)*$"] }));
        string line = string.Concat(Enumerable.Repeat("word ", 40)) + "!";

        LineClassification kind = classifier.Classify(line);

        Assert.That(kind.Kind, Is.EqualTo(LineKind.Content));
    }

    [Test]
    public void Classify_BareSourceWord_IsSourceLineWithoutUrl()
    {
        LineClassification verdict = Classifier.Classify("Источник");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind, Is.EqualTo(LineKind.SourceLine));
            Assert.That(verdict.Value, Is.Null);
        }
    }

    [TestCase("Nguồn: TTXVN", "TTXVN")]
    [TestCase("Nguồn: Báo Tin tức", "Báo Tin tức")]
    [TestCase("Джерело: Укрінформ", "Укрінформ")]
    public void Classify_SourceNamingAnOutletNotAUrl_IsASourceLineWithTheName_Issue14(string line, string name)
    {
        // The assembler records the name as a source credit, and only a URL as a source link.
        LineClassification verdict = Classifier.Classify(line);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind, Is.EqualTo(LineKind.SourceLine));
            Assert.That(verdict.Value, Is.EqualTo(name));
        }
    }

    [TestCase("Ảnh: Minh Đức", "PhotoCredit", "Minh Đức")]
    [TestCase("Ảnh minh họa: TTXVN", "PhotoCredit", "TTXVN")]
    [TestCase("Фото: Александр Петров", "PhotoCredit", "Александр Петров")]
    [TestCase("Photo: Jane Doe/Reuters", "PhotoCredit", "Jane Doe/Reuters")]
    [TestCase("Dịch: Hà Thu", "TranslatorCredit", "Hà Thu")]
    [TestCase("Biên dịch: Quang Minh", "TranslatorCredit", "Quang Minh")]
    [TestCase("Переклад: Олена Коваль", "TranslatorCredit", "Олена Коваль")]
    [TestCase("Перевод: Ирина Смирнова", "TranslatorCredit", "Ирина Смирнова")]
    [TestCase("Traducere: Ana Popescu", "TranslatorCredit", "Ana Popescu")]
    [TestCase("Theo TTXVN", "Attribution", "TTXVN")]
    [TestCase("Theo VnExpress", "Attribution", "VnExpress")]
    public void Classify_LabelledCreditLine_IsThatCreditWithTheNameAlone_Issue14(string line, string kind, string name)
    {
        LineClassification verdict = Classifier.Classify(line);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind.ToString(), Is.EqualTo(kind));
            Assert.That(verdict.Value, Is.EqualTo(name));
        }
    }

    [Test]
    public void Classify_SourceLabelOpeningASentence_IsContent()
    {
        LineClassification verdict = Classifier.Classify("Nguồn: theo báo cáo của Sở Y tế, số ca mắc sốt xuất huyết tăng. Tuy nhiên chưa có ca tử vong.");

        Assert.That(verdict.Kind, Is.EqualTo(LineKind.Content));
    }

    [TestCase("Báo An GiangBáo An Giang23/06/2025", "Báo An Giang", "23/06/2025")]
    [TestCase("Việt NamViệt Nam18/02/2025", "Việt Nam", "18/02/2025")]
    [TestCase("Báo Sông Hậu 27/06/2025 08:15", "Báo Sông Hậu", "27/06/2025 08:15")]
    public void Classify_PublisherAndDate_IsPublisherDateWithUndoubledName(string line, string publisher, string date)
    {
        LineClassification verdict = Classifier.Classify(line);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind, Is.EqualTo(LineKind.PublisherDate));
            Assert.That(verdict.Value, Is.EqualTo(publisher));
            Assert.That(verdict.Date, Is.EqualTo(date));
        }
    }

    [Test]
    public void Classify_TableCellCaption_IsCaptionWithItsText()
    {
        LineClassification verdict = Classifier.Classify("| Delegații care participă la conferință. |");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Kind, Is.EqualTo(LineKind.Caption));
            Assert.That(verdict.Value, Is.EqualTo("Delegații care participă la conferință."));
        }
    }

    [TestCase("Theo TTXVN")]
    [TestCase("По данным ТАСС")]
    public void Classify_ShortAttribution_IsAttribution(string line)
    {
        Assert.That(Classifier.Classify(line).Kind, Is.EqualTo(LineKind.Attribution));
    }

    [TestCase("Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh lũ.")]
    [TestCase("Nhiều độc giả đã gửi Bình luận về bài viết này trong ngày hôm qua.")]
    [TestCase("Bài viết có Bình luận (0) sau khi đăng nhưng vẫn được chia sẻ nhiều.")]
    [TestCase("Комиссия по пропаганде и мобилизации масс определила 15 основных групп задач.")]
    [TestCase("Phụ lục (2)")]
    [TestCase("Theo thiết kế, dự án sẽ xây mới 7 cây cầu bê tông cốt thép, lắp đặt hệ thống chiếu sáng.")]
    public void Classify_OrdinarySentence_IsContent(string line)
    {
        Assert.That(Classifier.Classify(line).Kind, Is.EqualTo(LineKind.Content));
    }

    [TestCase("Bình luận (0)", true)]
    [TestCase("Comentariu (0)", true)]
    [TestCase("Phụ lục (2)", false)]
    [TestCase("Bình luận", false)]
    public void IsCommentCounter_NeedsAKnownLabelAndACount(string text, bool expected)
    {
        Assert.That(Classifier.IsCommentCounter(text), Is.EqualTo(expected));
    }

    [TestCase("Báo An GiangBáo An Giang", "Báo An Giang")]
    [TestCase("Việt NamViệt Nam", "Việt Nam")]
    [TestCase("Báo An Giang", "Báo An Giang")]
    [TestCase("abab", "ab")]
    [TestCase("abc", "abc")]
    public void Undouble_NameRepeatedByLogoAltText_IsHalved(string name, string expected)
    {
        Assert.That(BoilerplateClassifier.Undouble(name), Is.EqualTo(expected));
    }
}
