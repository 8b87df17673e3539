namespace ArticlePipeline.Translation.Batching;

/// <summary>One element of a Translator request: a whole source text or one piece of a text too long for one request.</summary>
/// <param name="SourceIndex">The index of the text it comes from in the batcher's input.</param>
/// <param name="PieceIndex">Its position among the pieces of that text, from 0.</param>
/// <param name="Text">The characters to send.</param>
internal sealed record TextPiece(int SourceIndex, int PieceIndex, string Text);
