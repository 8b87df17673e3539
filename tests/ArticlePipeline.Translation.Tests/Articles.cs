using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Core.Model;

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

    /// <summary>The characters the service bills for translating <paramref name="content"/> once.</summary>
    public static long Characters(LanguageContent content) =>
        new[] { content.Title, content.Lead }.Concat(content.Blocks.Select(b => b.Text))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Sum(t => (long)t!.Length);
}
