namespace ArticlePipeline.Extraction.Boilerplate;

/// <summary>What the boilerplate classifier made of one line or block of text.</summary>
internal enum LineKind
{
    /// <summary>Article text.</summary>
    Content,

    /// <summary>Boilerplate to drop: counters, share bars, mottos, fillers, placeholders.</summary>
    Junk,

    /// <summary>
    /// A related-news heading: the box it opens is not the article, nor is anything after it unless article
    /// paragraphs follow the box (a box in the middle of the body).
    /// </summary>
    EndOfArticle,

    /// <summary>A heading that only follows the article (comments, about the author): nothing after it belongs to it.</summary>
    AfterArticle,

    /// <summary>A byline with a prefix such as <c>Știri și fotografii: Thanh Phuc</c>.</summary>
    Byline,

    /// <summary>An agency attribution such as <c>Theo TTXVN</c>: the value is the agency, without its label.</summary>
    Attribution,

    /// <summary>A source line such as <c>Sursă: URL</c> or <c>Nguồn: Báo Tin tức</c>: the value is the URL or the name, if any.</summary>
    SourceLine,

    /// <summary>A photo credit such as <c>Ảnh: Minh Đức</c>: the value is the name.</summary>
    PhotoCredit,

    /// <summary>A translator line such as <c>Dịch: Hà Thu</c>, <c>Переклад: ...</c>: the value is the name.</summary>
    TranslatorCredit,

    /// <summary>A publisher and date line such as <c>Báo An GiangBáo An Giang23/06/2025</c>.</summary>
    PublisherDate,

    /// <summary>A figure caption written as a table cell: <c>| caption |</c>.</summary>
    Caption,
}
