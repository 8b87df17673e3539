namespace ArticlePipeline.Translation.Client;

/// <summary>One element of the request body array: <c>{"text":"..."}</c>.</summary>
/// <param name="Text">The text to translate.</param>
internal sealed record InputTextItem(string Text);
