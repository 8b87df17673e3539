namespace ArticlePipeline.Core.Model;

/// <summary>What a <see cref="Credit"/> is for.</summary>
public enum CreditKind
{
    /// <summary>A news agency or another outlet the text comes from: <c>Theo TTXVN</c>, <c>(VTC News) -</c>.</summary>
    Agency,

    /// <summary>A source line: <c>Nguồn: ...</c>, <c>Sursă: ...</c>.</summary>
    Source,

    /// <summary>A photo credit: <c>Ảnh: Minh Đức</c>.</summary>
    Photo,

    /// <summary>A translator: <c>Dịch: ...</c>, <c>Переклад: ...</c>.</summary>
    Translator,
}
