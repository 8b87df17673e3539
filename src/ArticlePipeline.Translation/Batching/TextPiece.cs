namespace ArticlePipeline.Translation.Batching;

/// <summary>One element of a Translator request: a whole source text or one piece of a text too long for one request.</summary>
/// <param name="SourceIndex">The index of the text it comes from among its article's texts.</param>
/// <param name="PieceIndex">Its position among the pieces of that text, from 0.</param>
/// <param name="Text">The characters to send (HTML for a request of <see cref="Client.TextType.Html"/>).</param>
/// <param name="Article">The article it belongs to, when several share requests; 0 for a single article.</param>
internal sealed record TextPiece(int SourceIndex, int PieceIndex, string Text, int Article = 0);
