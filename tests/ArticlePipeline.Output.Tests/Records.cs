using System.Collections.Immutable;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Output.Tests;

/// <summary>Records in all five languages, as the pipeline writes them.</summary>
internal static class Records
{
    public const string Id = "2f740ade37bd8d1cd214";

    public static readonly DateTimeOffset FetchedAt = new(2025, 6, 23, 1, 0, 0, TimeSpan.Zero);

    public static ArticleRecord Sample(string sourceId = "baosonghau", string firstParagraph = "Nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh lũ.")
    {
        var at = new DateTimeOffset(2025, 6, 23, 1, 0, 0, TimeSpan.Zero);
        LanguageContent vi = new(
            "Nông dân Tân Hậu thu hoạch lúa hè thu sớm",
            "Năng suất bình quân ước đạt gần 6,5 tấn/ha.",
            [new(BlockKind.Paragraph, firstParagraph), new(BlockKind.FigureCaption, "Máy gặt đập liên hợp. Ảnh: Minh Đức")]);
        LanguageVersion Translated(string title, string paragraph) => new(
            TranslationStatus.Translated,
            new LanguageContent(title, null, [new(BlockKind.Paragraph, paragraph), new(BlockKind.FigureCaption, "—")]),
            new Provenance(null, null, "azure", ["req-1"], at),
            null);

        var languages = ImmutableSortedDictionary.CreateRange(
            Languages.RecordOrder,
            new Dictionary<string, LanguageVersion>
            {
                ["th"] = Translated("เกษตรกรเก็บเกี่ยวข้าวก่อนกำหนด", "เกษตรกรในอำเภอเตินเหิวเก็บเกี่ยวข้าว"),
                ["vi"] = new(TranslationStatus.Original, vi, new Provenance("generic", null, null, [], at), null),
                ["ru"] = Translated("Крестьяне собирают урожай риса", "Крестьяне уезда Тан Хау собирают рис."),
                ["uk"] = Translated("Селяни збирають урожай рису", "Селяни повіту збирають рис і ґрунт."),
                ["ro"] = LanguageVersion.Pending("translation failed: throttled"),
            });

        return new ArticleRecord(
            Id: Id,
            SchemaVersion: ArticleRecord.CurrentSchemaVersion,
            Revision: 0,
            Url: "https://baosonghau.example.vn/tin-tuc/a1001.html",
            FetchedUrl: "https://baosonghau.example.vn/tin-tuc/a1001.html?utm_source=rss",
            Source: new SourceInfo(sourceId, "Báo Sông Hậu", "Sông Hậu", "baosonghau.example.vn"),
            Publisher: "Báo Sông Hậu",
            PublishedAt: new DateTimeOffset(2025, 6, 23, 7, 30, 0, TimeSpan.FromHours(7)),
            FetchedAt: FetchedAt,
            Authors: ["Hà Thu"],
            Credits: [new Credit("TTXVN", CreditKind.Agency), new Credit("Minh Đức", CreditKind.Photo)],
            SourceLanguage: Languages.Vietnamese,
            ContentHash: "sha256:" + new string('a', 64),
            Images: [new ArticleImage("https://baosonghau.example.vn/img/a.jpg", "Máy gặt đập liên hợp. Ảnh: Minh Đức") { Credit = "Minh Đức" }],
            Tags: ["lúa hè thu"],
            SourceLinks: [],
            Languages: languages,
            Capture: new PageCapture("warc/ap-20250623010000-00001.warc.gz", 512, 4096, "sha1:" + new string('B', 32)));
    }
}
