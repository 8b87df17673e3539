using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Translation.Protection;

namespace ArticlePipeline.Translation.Tests;

/// <summary>Builds Vietnamese articles of a chosen size for the provider tests.</summary>
internal static class Articles
{
    private static readonly string[] Sentences =
    [
        "Sáng 23/6, UBND tỉnh An Giang tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2024.",
        "Theo báo cáo, toàn tỉnh đã hỗ trợ hơn 1.200 hộ dân bị ảnh hưởng bởi sạt lở bờ sông.",
        "Phó Chủ tịch UBND tỉnh đề nghị các địa phương chủ động rà soát, di dời người dân khỏi vùng nguy hiểm!",
        "Người dân có thể xem thêm tại https://baoangiang.com.vn hoặc liên hệ đường dây nóng 1900 1234?",
        "Đoàn công tác đã trao 300 phần quà, mỗi phần trị giá 500.000 đồng, cho các gia đình khó khăn.",
    ];

    // Nothing to protect in these (no digits, URLs or addresses) and nothing HTML would change.
    private static readonly string[] PlainSentences =
    [
        "Người dân trong xã đã cùng nhau dọn dẹp đường làng sau cơn mưa lớn.",
        "Chính quyền địa phương cam kết hỗ trợ các gia đình bị thiệt hại.",
        "Nhiều nông dân cho biết vụ lúa năm nay đạt năng suất cao hơn dự kiến.",
        "Các chuyên gia khuyến cáo người dân nên theo dõi thông tin thời tiết thường xuyên.",
        "Lễ hội truyền thống thu hút đông đảo du khách trong và ngoài tỉnh.",
        "Trường học đã sẵn sàng đón học sinh quay trở lại sau kỳ nghỉ hè.",
        "Ban tổ chức cảm ơn sự đóng góp của các nhà hảo tâm và tình nguyện viên.",
        "Dự án cải tạo kênh mương giúp việc tưới tiêu thuận lợi hơn cho cánh đồng.",
    ];

    private static readonly BlockKind[] Kinds = Enum.GetValues<BlockKind>();

    /// <summary>An article with <paramref name="blockCount"/> blocks of every kind in turn, each about
    /// <paramref name="blockLength"/> characters.</summary>
    public static LanguageContent Create(int blockCount, int blockLength = 150, string? lead = "Tỉnh An Giang tổng kết công tác phòng chống thiên tai.")
    {
        var blocks = ImmutableArray.CreateBuilder<ContentBlock>(blockCount);
        for (int i = 0; i < blockCount; i++)
        {
            blocks.Add(new ContentBlock(Kinds[i % Kinds.Length], $"({i}) " + Text(blockLength, i)));
        }

        return new LanguageContent("An Giang tổng kết công tác phòng chống thiên tai", lead, blocks.MoveToImmutable());
    }

    /// <summary>Sentences separated by single spaces, about <paramref name="length"/> characters long.</summary>
    public static string Text(int length, int seed = 0)
    {
        var text = new StringBuilder(length + 120);
        for (int i = seed; text.Length < length; i++)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Sentences[i % Sentences.Length]);
        }

        return text.ToString();
    }

    /// <summary>Like <see cref="Create"/>, from sentences with nothing to protect: plain text, billed exactly its length.</summary>
    public static LanguageContent CreatePlain(int blockCount, int blockLength = 150, string? lead = "Tỉnh tổng kết công tác phòng chống thiên tai.")
    {
        var blocks = ImmutableArray.CreateBuilder<ContentBlock>(blockCount);
        for (int i = 0; i < blockCount; i++)
        {
            blocks.Add(new ContentBlock(Kinds[i % Kinds.Length], $"Đoạn {Ordinal(i)}. " + PlainText(blockLength, i)));
        }

        return new LanguageContent("Tỉnh tổng kết công tác phòng chống thiên tai", lead, blocks.MoveToImmutable());
    }

    /// <summary>Plain sentences separated by single spaces, about <paramref name="length"/> characters long.</summary>
    public static string PlainText(int length, int seed = 0)
    {
        var text = new StringBuilder(length + 120);
        for (int i = seed; text.Length < length; i++)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(PlainSentences[i % PlainSentences.Length]);
        }

        return text.ToString();
    }

    /// <summary>A news article of realistic size, unique to <paramref name="number"/>: 6 to 12 blocks of 100 to 400 characters
    /// mixing plain sentences with sentences that carry numbers with units, dates and a URL.</summary>
    public static LanguageContent Realistic(int number, Random random)
    {
        int count = random.Next(6, 13);
        var blocks = ImmutableArray.CreateBuilder<ContentBlock>(count);
        for (int b = 0; b < count; b++)
        {
            int length = random.Next(100, 401);
            var text = new StringBuilder($"Bài {Ordinal(number)}, đoạn {Ordinal(b)}:");
            while (text.Length < length)
            {
                string sentence = random.Next(3) == 0 ? Sentences[random.Next(Sentences.Length)] : PlainSentences[random.Next(PlainSentences.Length)];
                text.Append(' ').Append(sentence);
            }

            blocks.Add(new ContentBlock(Kinds[b % Kinds.Length], text.ToString()));
        }

        return new LanguageContent(
            $"Tin địa phương số {Ordinal(number)}: nông dân thu hoạch lúa, năng suất gần 6,5 tấn/ha",
            random.Next(2) == 0 ? null : $"Tỉnh {Ordinal(number)} tổng kết công tác phòng chống thiên tai.",
            blocks.MoveToImmutable());
    }

    /// <summary>A short article: the title, maybe a lead, and the first block of <see cref="Realistic"/>.</summary>
    public static LanguageContent Short(int number)
    {
        LanguageContent article = Realistic(number, new Random(number));
        return article with { Blocks = [article.Blocks[0]] };
    }

    /// <summary>The texts of an article in order: title, lead, blocks.</summary>
    public static IEnumerable<string> Texts(LanguageContent content) =>
        new[] { content.Title, content.Lead }.Concat(content.Blocks.Select(b => b.Text))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!);

    /// <summary>The characters the service bills per language for one article on its own: each text's length, plus the
    /// markup of the texts that travel as HTML (see <c>TextProtector</c>).</summary>
    public static long WireCharacters(LanguageContent content)
    {
        string[] texts = [.. Texts(content)];
        bool html = texts.Any(t => TextProtector.Classify(t) == SegmentKind.Protected);
        return texts.Sum(t => (long)(html && TextProtector.Classify(t) != SegmentKind.PlainOnly ? TextProtector.ToHtml(t).Length : t.Length));
    }

    /// <summary>A number spelled out in letters, so it is not a number the translator protects.</summary>
    private static string Ordinal(int number) =>
        string.Join('-', number.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => Digits[d - '0']));

    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

    /// <summary>The characters the service bills for translating <paramref name="content"/> once.</summary>
    public static long Characters(LanguageContent content) =>
        new[] { content.Title, content.Lead }.Concat(content.Blocks.Select(b => b.Text))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Sum(t => (long)t!.Length);
}
