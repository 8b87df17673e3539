using ArticlePipeline.Translation.Client;
using Azure;

namespace ArticlePipeline.Translation.Tests;

/// <summary>Clients for the loopback Translator with millisecond retry delays.</summary>
internal static class TestTranslator
{
    /// <summary>The key the loopback servers in these tests accept.</summary>
    public const string Key = "loopback-key-5f0c8e2a9b7d4c61";

    public static TranslatorClientOptions FastOptions(int maxRetries = 3)
    {
        var options = new TranslatorClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    public static TranslatorClient CreateClient(Uri endpoint, string key = Key, string? region = null, int maxRetries = 3) =>
        new(endpoint, new AzureKeyCredential(key), region, FastOptions(maxRetries));
}
