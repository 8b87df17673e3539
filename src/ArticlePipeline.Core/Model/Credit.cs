namespace ArticlePipeline.Core.Model;

/// <summary>A name a page credits that is not the article's author: an agency, a source, a photographer, a translator.</summary>
/// <param name="Name">The name as the page gives it, without its label (<c>TTXVN</c> for <c>Theo TTXVN</c>, <c>Minh Đức</c> for <c>Ảnh: Minh Đức</c>).</param>
/// <param name="Kind">What the name is credited for.</param>
public sealed record Credit(string Name, CreditKind Kind);
