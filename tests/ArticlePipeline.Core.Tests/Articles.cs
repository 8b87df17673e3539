using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests;

/// <summary>Articles as extraction hands them to the processor.</summary>
internal static class Articles
{
    public static ExtractedArticle Vietnamese(string firstParagraph = "Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh lũ.") => new(
        Title: "Nông dân Tân Hậu thu hoạch lúa hè thu sớm",
        Lead: "Năng suất bình quân ước đạt gần 6,5 tấn/ha.",
        Blocks: [new(BlockKind.Paragraph, firstParagraph), new(BlockKind.FigureCaption, "Máy gặt đập liên hợp. Ảnh: Minh Đức")],
        Authors: ["Minh Đức"],
        PublishedAt: new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7)),
        Publisher: "Báo Sông Hậu",
        CanonicalUrl: new Uri("https://baosonghau.example.vn/tin-tuc/a1001.html?utm_source=rss"),
        Images: [],
        Tags: [],
        SourceLinks: [],
        Language: null,
        Extractor: "generic",
        Profile: null);
}
