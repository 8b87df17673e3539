using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArticlePipeline.Testing;
using ArticlePipeline.Testing.Translator;
using ArticlePipeline.Translation.Client;
using Azure;

namespace ArticlePipeline.Translation.Tests.Client;

/// <summary>Checks the client against real Translator exchanges recorded by the Azure SDK (../shared/azure-translator-recordings).</summary>
[TestFixture]
public sealed class RecordedExchangeTests
{
    private const string Folder = "TranslationLiveTests";

    private static readonly string[] TranslateRecordings =
    [
        "TranslateBasic", "TranslateDifferentTextTypes", "TranslateMultipleTargetLanguages", "TranslateWithAADAuth",
        "TranslateWithAutoDetect", "TranslateWithCustomEndpoint", "TranslateWithDictionaryTag", "TranslateWithIncludeSentenceLength",
        "TranslateWithMultipleInputTexts", "TranslateWithNoTranslateTag", "TranslateWithProfanity", "TranslateWithToken",
    ];

    // The service normalizes some requested codes in its answer.
    private static readonly Dictionary<string, string> Normalized = new(StringComparer.OrdinalIgnoreCase) { ["zh-cn"] = "zh-Hans" };

    [TestCaseSource(nameof(TranslateRecordings))]
    public void RecordedResponse_ParsesWithOurModel_OneItemPerTextOneTranslationPerTarget(string name)
    {
        RecordedExchange exchange = Load(name);
        List<string> texts = RequestTexts(exchange);
        List<KeyValuePair<string, string>> query = QueryPairs(exchange.RequestUri);
        string[] targets = [.. query.Where(p => p.Key == "to").Select(p => p.Value)];
        bool hasFrom = query.Exists(p => p.Key == "from");

        IReadOnlyList<TranslatedTextItem> items = Parse(exchange.ResponseBody);

        Assert.That(items, Has.Count.EqualTo(texts.Count));
        Assert.Multiple(() =>
        {
            foreach (TranslatedTextItem item in items)
            {
                Assert.That(item.Translations.Select(t => t.To), Is.EqualTo(targets.Select(t => Normalized.GetValueOrDefault(t, t))));
                Assert.That(item.Translations.Select(t => t.Text), Has.All.Not.Empty);
                Assert.That(item.DetectedLanguage is null, Is.EqualTo(hasFrom), "detectedLanguage only when from is absent");
                if (item.DetectedLanguage is { } detected)
                {
                    Assert.That(detected.Language, Is.Not.Empty);
                    Assert.That(detected.Confidence, Is.InRange(0f, 1f));
                }
            }

            // The loopback server's metering rule (UTF-16 characters × targets) is the one these real answers follow.
            Assert.That(
                long.Parse(exchange.ResponseHeader("X-Metered-Usage")!, CultureInfo.InvariantCulture),
                Is.EqualTo(texts.Sum(t => (long)t.Length) * targets.Length));
        });
    }

    [TestCase("TranslateBasic", 0, "cs", "Ahoj světe", null)]
    [TestCase("TranslateMultipleTargetLanguages", 0, "de", "Dies ist ein Test.", "en")]
    [TestCase("TranslateWithMultipleInputTexts", 1, "cs", "Tohle je test.", "es")]
    [TestCase("TranslateWithMultipleInputTexts", 2, "cs", "Tohle je test.", "de")]
    [TestCase("TranslateDifferentTextTypes", 0, "cs", "<html><body>Toto <b>je</b> test.</body></html>", "en")]
    [TestCase("TranslateWithNoTranslateTag", 0, "en", "<span class=notranslate>今天是怎么回事是</span>Very scary", null)]
    [TestCase("TranslateWithDictionaryTag", 0, "es",
        "La palabra < mstrans:dictionary translation =\"wordomatic\">wordomatic</mstrans:dictionary> es una entrada de diccionario.", null)]
    [TestCase("TranslateWithCustomEndpoint", 0, "cs", "Je krásné ráno", "en")]
    public void RecordedResponse_YieldsTheRecordedTranslation(string name, int item, string to, string expected, string? detected)
    {
        IReadOnlyList<TranslatedTextItem> items = Parse(Load(name).ResponseBody);

        Assert.Multiple(() =>
        {
            Assert.That(items[item].Translations.Single(t => t.To == to).Text, Is.EqualTo(expected));
            Assert.That(items[item].DetectedLanguage?.Language, Is.EqualTo(detected));
        });
    }

    [TestCase("TranslateBasic")]
    [TestCase("TranslateMultipleTargetLanguages")]
    [TestCase("TranslateWithMultipleInputTexts")]
    public async Task TranslateAsync_SameCallAsRecorded_SendsTheRecordedRequestAndReadsTheRecordedAnswer(string name)
    {
        RecordedExchange exchange = Load(name);
        List<KeyValuePair<string, string>> recordedQuery = QueryPairs(exchange.RequestUri);
        string[] targets = [.. recordedQuery.Where(p => p.Key == "to").Select(p => p.Value)];
        string? from = recordedQuery.Where(p => p.Key == "from").Select(p => p.Value).SingleOrDefault();
        await using RecordedExchangeServer server = await RecordedExchangeServer.StartAsync(exchange);
        TranslatorClient client = TestTranslator.CreateClient(
            server.Endpoint, region: exchange.RequestHeaders["Ocp-Apim-Subscription-Region"]);

        Response<IReadOnlyList<TranslatedTextItem>> response = await client.TranslateAsync(targets, RequestTexts(exchange), from);

        LoopbackTranslatorRequest sent = server.Requests.Single();
        IReadOnlyList<TranslatedTextItem> recorded = Parse(exchange.ResponseBody);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo(exchange.RequestMethod));
            Assert.That(sent.Path, Is.EqualTo(exchange.RequestUri.AbsolutePath));
            Assert.That(sent.Query.Select(Pair), Is.EquivalentTo(recordedQuery.Select(Pair)));
            Assert.That(
                JsonNode.DeepEquals(JsonNode.Parse(sent.Body), JsonNode.Parse(exchange.RequestBody!)),
                Is.True,
                $"body {sent.Body} vs recorded {exchange.RequestBody}");
            Assert.That(sent.Header("Content-Type"), Does.StartWith(exchange.RequestHeaders["Content-Type"]));
            Assert.That(sent.Header("Accept"), Is.EqualTo(exchange.RequestHeaders["Accept"]));
            Assert.That(sent.Header("Ocp-Apim-Subscription-Region"), Is.EqualTo(exchange.RequestHeaders["Ocp-Apim-Subscription-Region"]));
            Assert.That(sent.Header("Ocp-Apim-Subscription-Key"), Is.EqualTo(TestTranslator.Key));

            Assert.That(Flatten(response.Value), Is.EqualTo(Flatten(recorded)));
            Assert.That(response.GetRawResponse().GetMeteredUsage(),
                Is.EqualTo(long.Parse(exchange.ResponseHeader("X-Metered-Usage")!, CultureInfo.InvariantCulture)));
            Assert.That(response.GetRawResponse().GetRequestId(), Is.EqualTo(exchange.ResponseHeader("X-RequestId")));
        });
    }

    [Test]
    public void BuildTranslateUri_CustomSubdomain_MatchesTheRecordedPath()
    {
        RecordedExchange exchange = Load("TranslateWithCustomEndpoint");
        var endpoint = new Uri(exchange.RequestUri.GetLeftPart(UriPartial.Authority));

        Assert.That(TranslatorClient.BuildTranslateUri(endpoint).Path, Is.EqualTo(exchange.RequestUri.AbsolutePath));
    }

    [Test]
    public void BuildTranslateUri_GlobalEndpoint_MatchesTheRecordedPath()
    {
        RecordedExchange exchange = Load("TranslateBasic");
        var endpoint = new Uri(exchange.RequestUri.GetLeftPart(UriPartial.Authority));

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Host, Is.EqualTo(TranslatorClient.GlobalHost));
            Assert.That(TranslatorClient.BuildTranslateUri(endpoint).Path, Is.EqualTo(exchange.RequestUri.AbsolutePath));
        });
    }

    private static RecordedExchange Load(string name)
    {
        string path = SharedData.Require("azure-translator-recordings", Folder, name + ".json");

        return RecordedExchange.Load(path!);
    }

    private static IReadOnlyList<TranslatedTextItem> Parse(string body) =>
        JsonSerializer.Deserialize(body, TranslatorJsonContext.Wire.IReadOnlyListTranslatedTextItem)
        ?? throw new AssertionException("null response body");

    private static List<string> RequestTexts(RecordedExchange exchange)
    {
        using var body = JsonDocument.Parse(exchange.RequestBody!);
        return [.. body.RootElement.EnumerateArray().Select(e => e.GetProperty("text").GetString()!)];
    }

    private static List<KeyValuePair<string, string>> QueryPairs(Uri uri) =>
    [
        .. uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            string[] kv = part.Split('=', 2);
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0]), Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : string.Empty));
        }),
    ];

    private static string Pair(KeyValuePair<string, string> pair) => pair.Key + "=" + pair.Value;

    private static IEnumerable<string> Flatten(IReadOnlyList<TranslatedTextItem> items) =>
        items.SelectMany((item, i) => item.Translations
            .Select(t => $"{i}|{item.DetectedLanguage?.Language}|{item.DetectedLanguage?.Confidence}|{t.To}|{t.Text}"));
}
