using System.Text;
using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation.Tests.Protection;

[TestFixture]
public sealed class TextProtectorTests
{
    [TestCase("Năng suất gần 6,5 tấn/ha, cao nhất vùng.", "6,5")]
    [TestCase("Toàn tỉnh hỗ trợ hơn 1.200 hộ dân.", "1.200")]
    [TestCase("Cách trung tâm 15 km về phía nam.", "15")]
    [TestCase("Sản lượng tăng 30% so với năm trước.", "30")]
    [TestCase("Diện tích 2.000 m² đất sạch.", "2.000")]
    [TestCase("Mỗi phần trị giá 500.000 đồng.", "500.000")]
    [TestCase("Tổng vốn 500 triệu đồng cho dự án.", "500")]
    [TestCase("Xe chạy 60 km/h trên cao tốc.", "60")]
    [TestCase("Xem thêm tại https://baoangiang.com.vn/tin-tuc/a1001.html.", "https://baoangiang.com.vn/tin-tuc/a1001.html")]
    [TestCase("Trang www.angiang.gov.vn có đủ thông tin.", "www.angiang.gov.vn")]
    [TestCase("Liên hệ toasoan@baoangiang.com.vn để góp ý.", "toasoan@baoangiang.com.vn")]
    [TestCase("Дорога длиной 15 км открыта.", "15")]
    [TestCase("Urmează 2.500 lei pe lună.", "2.500")]
    public void FindProtected_UrlsEmailsAndTheNumbersOfQuantities_AreFoundWithoutTheirUnits(string text, string expected)
    {
        IReadOnlyList<(int Start, int End)> spans = TextProtector.FindProtected(text);

        Assert.That(spans.Select(s => text[s.Start..s.End]), Is.EqualTo(new[] { expected }));
    }

    [TestCase("Hội nghị tổng kết năm 2024.")]
    [TestCase("Đường dây nóng 1900 1234 luôn mở.")]
    [TestCase("Sáng 23/6, tỉnh tổ chức hội nghị.")]
    [TestCase("Mục 5 mới được bổ sung.")]
    [TestCase("Lúc 5 giờ chiều, mưa lớn.")]
    [TestCase("Bài A1001 đăng lúc trưa.")]
    [TestCase("Không có số nào ở đây.")]
    public void FindProtected_NumbersWithoutUnitsAndDates_AreLeftToTheTranslator(string text)
    {
        Assert.That(TextProtector.FindProtected(text), Is.Empty);
    }

    [Test]
    public void FindProtected_OverlappingMatches_AreMerged()
    {
        const string text = "Xem https://example.vn/15km/30% ngay.";

        Assert.That(TextProtector.FindProtected(text).Select(s => text[s.Start..s.End]), Is.EqualTo(new[] { "https://example.vn/15km/30%" }));
    }

    [TestCase("Không có gì cần giữ nguyên.", "Neutral")]
    [TestCase("Giá tăng 30%.", "Protected")]
    [TestCase("Tom & Jerry", "PlainOnly")]
    [TestCase("a < b", "PlainOnly")]
    [TestCase("Dòng một\nDòng hai", "PlainOnly")]
    [TestCase("Hai  khoảng trắng", "PlainOnly")]
    [TestCase("Tom & Jerry, 30%", "Protected")]
    public void Classify_SaysHowATextMayTravel(string text, string expected)
    {
        Assert.That(TextProtector.Classify(text).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void ToHtml_EscapesOnlyAmpersandAndAngleBracketsAndWrapsEachSpan()
    {
        string html = TextProtector.ToHtml("Giá \"6,5 tấn/ha\" & <b> 'xem' https://a.vn/?x=1&y=2.");

        Assert.That(html, Is.EqualTo(
            "Giá \"<span class=notranslate>6,5</span> tấn/ha\" &amp; &lt;b&gt; 'xem' <span class=notranslate>https://a.vn/?x=1&amp;y=2</span>."));
    }

    [Test]
    public void ToHtml_NothingToProtectOrEscape_IsTheTextItself()
    {
        const string text = "Không có gì cần giữ nguyên.";

        Assert.That(TextProtector.ToHtml(text), Is.SameAs(text).Or.EqualTo(text));
    }

    [TestCase("Năng suất 6,5 tấn/ha & giá 30%.", 2, 1, 0)]
    [TestCase("Xem https://a.vn/?x=1&y=2 <ngay>.", 1, 1, 2)]
    public void ToHtml_Length_IsSourcePlus31PerSpan4PerAmpersand3PerBracket(string text, int spans, int ampersands, int brackets)
    {
        Assert.That(TextProtector.ToHtml(text), Has.Length.EqualTo(text.Length + (31 * spans) + (4 * ampersands) + (3 * brackets)));
    }

    [Test]
    public void FromHtml_RemovesSpansKeepsTheirContentAndDecodesEntities()
    {
        string text = TextProtector.FromHtml("[uk] Ціна <span class=notranslate>6,5 tấn/ha</span> &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39;");

        Assert.That(text, Is.EqualTo("[uk] Ціна 6,5 tấn/ha & <b> \"x\" 'y'"));
    }

    [Test]
    public void FromHtml_OfToHtml_GivesTheTextBack_ForRandomTexts()
    {
        const string alphabet = "aăâbcdđ &<>;#x/%.,:@ 0123456789 kmhađồngtấn\"'²";
        string[] pieces = ["6,5 tấn/ha", "1.200 hộ", "30%", "https://a.vn/?p=1&q=2", "a@b.vn", "&amp;", "&#39;", "<span>", "15 km"];
        var random = new Random(5);
        for (int round = 0; round < 2_000; round++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 60);
            while (text.Length < length)
            {
                text.Append(random.Next(6) == 0 ? pieces[random.Next(pieces.Length)] : alphabet[random.Next(alphabet.Length)].ToString());
            }

            string source = text.ToString();
            Assert.That(TextProtector.FromHtml(TextProtector.ToHtml(source)), Is.EqualTo(source), source);
        }
    }
}
