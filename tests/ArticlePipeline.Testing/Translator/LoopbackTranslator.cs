using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Testing.Translator;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) that speaks the Azure AI Translator v3 <c>POST /translate</c> contract: key check,
/// query parameters, the service's limits and numeric error codes, <c>X-Metered-Usage</c> and <c>X-RequestId</c>, with a
/// deterministic translation (<see cref="LoopbackTranslation"/>), injectable faults, an optional character budget per sliding
/// minute and a log of every request.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackTranslator.StartAsync(key: "test-key");
/// var client = new TranslatorClient(server.Endpoint, new AzureKeyCredential("test-key"));
/// server.FailNext(1, 429, TranslatorErrorCodes.TooManyRequests, TimeSpan.FromSeconds(1));
/// </code>
/// </example>
public sealed partial class LoopbackTranslator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LoopbackTranslatorOptions _options;
    private readonly Lock _lock = new();
    private readonly List<LoopbackTranslatorRequest> _requests = [];
    private readonly Queue<TranslatorFault> _faults = new();
    private readonly Queue<(LoopbackBadAnswer Kind, string? Language)> _badAnswers = new();
    private int _sequence;
    private readonly Queue<(DateTimeOffset At, long Characters)> _window = new();
    private long _windowCharacters;

    private LoopbackTranslator(WebApplication app, string key, LoopbackTranslatorOptions options)
    {
        _app = app;
        Key = key;
        _options = options;
        app.Run(HandleAsync);
    }

    /// <summary>The address to give a Translator client: <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The key requests must send as <c>Ocp-Apim-Subscription-Key</c>.</summary>
    public string Key { get; }

    /// <summary>A snapshot of the requests received so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackTranslatorRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The characters billed so far (sum of <c>X-Metered-Usage</c> of successful answers).</summary>
    public long BilledCharacters { get; private set; }

    /// <summary>Starts a server on a free port of 127.0.0.1.</summary>
    /// <param name="key">The key requests must carry.</param>
    /// <param name="options">Region, languages, limits and budget; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public static async Task<LoopbackTranslator> StartAsync(
        string key = "test-key", LoopbackTranslatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var server = new LoopbackTranslator(app, key, options ?? new LoopbackTranslatorOptions());
        await app.StartAsync(cancellationToken);
        server.Endpoint = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>Makes the next <paramref name="count"/> requests fail with <paramref name="status"/> and error
    /// <paramref name="code"/>, before the key or anything else is checked.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The HTTP status, e.g. 429 or 503.</param>
    /// <param name="code">The Translator error code, e.g. 429001.</param>
    /// <param name="retryAfter">When set, sent as <c>Retry-After</c> in whole seconds (rounded up).</param>
    public void FailNext(int count, int status, int code, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                _faults.Enqueue(new TranslatorFault(status, code, retryAfter));
            }
        }
    }

    /// <summary>Makes the next <paramref name="count"/> successful answers wrong in the way <paramref name="kind"/> says, for
    /// every text of the request, in <paramref name="language"/> only or in every language.</summary>
    /// <param name="kind">How the answers are wrong.</param>
    /// <param name="count">How many successful requests get wrong answers.</param>
    /// <param name="language">The language whose answers are wrong; every language when <see langword="null"/>.</param>
    public void AnswerBadly(LoopbackBadAnswer kind, int count = 1, string? language = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                _badAnswers.Enqueue((kind, language));
            }
        }
    }

    /// <summary>Forgets the requests received so far (the budget and pending faults stay).</summary>
    public void ClearRequests()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string body = await TranslatorWire.ReadBodyAsync(request, context.RequestAborted);
        List<string>? texts = TranslatorWire.TryParseTexts(body);
        int sequence = Interlocked.Increment(ref _sequence);
        string requestId = $"{Guid.NewGuid()}.LOOP.{sequence.ToString(CultureInfo.InvariantCulture)}";
        context.Response.Headers["X-RequestId"] = requestId;

        Outcome outcome = Decide(request, texts);

        // Logged before answering, so a test that has its response also sees the request in the log.
        var logged = new LoopbackTranslatorRequest(
            sequence,
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            TranslatorWire.QueryPairs(request),
            TranslatorWire.Headers(request),
            body,
            texts ?? [],
            outcome.Status,
            outcome.Status == StatusCodes.Status200OK ? null : outcome.Code);
        lock (_lock)
        {
            _requests.Add(logged);
        }

        if (outcome.Status == StatusCodes.Status200OK)
        {
            context.Response.Headers["X-Metered-Usage"] = outcome.Metered.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-MT-System"] = string.Join(',', Enumerable.Repeat("Loopback", outcome.Targets.Count));
            string? from = request.Query["from"].FirstOrDefault();
            bool html = string.Equals(request.Query["textType"].FirstOrDefault(), "html", StringComparison.OrdinalIgnoreCase);
            string? echo = _options.EchoRequestHeaders
                ? string.Join("; ", request.Headers.Select(h => $"{h.Key}: {h.Value}"))
                : null;
            if (_options.ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.ResponseDelay, context.RequestAborted);
            }

            (LoopbackBadAnswer Kind, string? Language)? bad = null;
            lock (_lock)
            {
                if (_badAnswers.TryDequeue(out (LoopbackBadAnswer Kind, string? Language) next))
                {
                    bad = next;
                }
            }

            await TranslatorWire.WriteJsonAsync(context.Response, writer => WriteTranslations(writer, texts!, outcome.Targets, from, html, echo, bad));
        }
        else
        {
            await TranslatorWire.WriteErrorAsync(context.Response, outcome.Status, outcome.Code, outcome.Message, outcome.RetryAfter);
        }
    }

    private Outcome Decide(HttpRequest request, List<string>? texts)
    {
        lock (_lock)
        {
            if (_faults.TryDequeue(out TranslatorFault? fault))
            {
                return Outcome.Error(fault.Status, fault.Code, "Injected fault.", fault.RetryAfter);
            }
        }

        string path = request.Path.Value ?? string.Empty;
        if (!path.Equals("/translate", StringComparison.OrdinalIgnoreCase)
            && !path.Equals("/translator/text/v3.0/translate", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Error(404, TranslatorErrorCodes.NotFound, "The requested resource was not found.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return Outcome.Error(405, TranslatorErrorCodes.MethodNotAllowed, "The request method is not supported for the requested resource.");
        }

        if (!string.Equals(request.Headers["Ocp-Apim-Subscription-Key"], Key, StringComparison.Ordinal)
            || (_options.Region is { } region
                && !string.Equals(request.Headers["Ocp-Apim-Subscription-Region"], region, StringComparison.OrdinalIgnoreCase)))
        {
            return Outcome.Error(401, TranslatorErrorCodes.Unauthorized,
                "The request is not authorized because credentials are missing or invalid.");
        }

        if (request.Query["api-version"] is not { Count: 1 } version || version[0] != "3.0")
        {
            return Outcome.Error(400, TranslatorErrorCodes.InvalidApiVersion, "The API version parameter is missing or invalid.");
        }

        List<string> targets = [.. request.Query["to"].Select(t => t ?? string.Empty)];
        if (targets.Count == 0 || targets.Exists(t => !_options.SupportedLanguages.Contains(t)))
        {
            return Outcome.Error(400, TranslatorErrorCodes.InvalidTargetLanguage, "The target language is not valid.");
        }

        if (request.Query["from"] is { Count: > 0 } from && (from.Count > 1 || !_options.SupportedLanguages.Contains(from[0] ?? string.Empty)))
        {
            return Outcome.Error(400, TranslatorErrorCodes.InvalidSourceLanguage, "The source language is not valid.");
        }

        if (request.Query["textType"] is { Count: > 0 } textType
            && (textType.Count > 1
                || !(string.Equals(textType[0], "plain", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(textType[0], "html", StringComparison.OrdinalIgnoreCase))))
        {
            return Outcome.Error(400, TranslatorErrorCodes.InvalidTextType, "The translation text type is not valid.");
        }

        if (texts is null)
        {
            return Outcome.Error(400, TranslatorErrorCodes.InvalidJson, "The body of the request is not valid JSON.");
        }

        if (texts.Count > _options.MaxElements)
        {
            return Outcome.Error(400, TranslatorErrorCodes.TooManyElements, "The maximum number of array elements has been exceeded.");
        }

        long characters = texts.Sum(t => (long)t.Length);
        if (texts.Exists(t => t.Length > _options.MaxCharacters) || characters * targets.Count > _options.MaxCharacters)
        {
            return Outcome.Error(400, TranslatorErrorCodes.TextTooLong, "The input text is too long.");
        }

        long metered = characters * targets.Count;
        lock (_lock)
        {
            if (_options.CharactersPerMinute is { } budget)
            {
                // A sliding minute, as the service meters its hourly quota ("consumed evenly throughout the hour").
                DateTimeOffset now = _options.TimeProvider.GetUtcNow();
                while (_window.TryPeek(out (DateTimeOffset At, long Characters) oldest) && now - oldest.At >= TimeSpan.FromMinutes(1))
                {
                    _window.Dequeue();
                    _windowCharacters -= oldest.Characters;
                }

                if (_windowCharacters + metered > budget)
                {
                    return Outcome.Error(429, TranslatorErrorCodes.TooManyRequests,
                        "The server rejected the request because the client has exceeded request limits.",
                        RetryAfter(now, _windowCharacters + metered - budget));
                }

                _window.Enqueue((now, metered));
                _windowCharacters += metered;
            }

            BilledCharacters += metered;
        }

        return new Outcome(200, 0, string.Empty, null, targets, metered);
    }

    /// <summary>How long until enough of the window has expired to free <paramref name="excess"/> characters (at least a
    /// second; a request over the whole budget gets the time until the window is empty, and is refused again then).</summary>
    private TimeSpan RetryAfter(DateTimeOffset now, long excess)
    {
        long freed = 0;
        DateTimeOffset until = now + TimeSpan.FromMinutes(1);
        foreach ((DateTimeOffset at, long characters) in _window)
        {
            freed += characters;
            until = at + TimeSpan.FromMinutes(1);
            if (freed >= excess)
            {
                break;
            }
        }

        TimeSpan wait = until - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private void WriteTranslations(
        System.Text.Json.Utf8JsonWriter writer,
        List<string> texts,
        List<string> targets,
        string? from,
        bool html,
        string? echo,
        (LoopbackBadAnswer Kind, string? Language)? bad)
    {
        writer.WriteStartArray();
        foreach (string text in texts)
        {
            writer.WriteStartObject();
            if (string.IsNullOrEmpty(from))
            {
                writer.WriteStartObject("detectedLanguage");
                writer.WriteString("language", _options.DetectedLanguage);
                writer.WriteNumber("score", 1.0);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("translations");
            foreach (string target in targets)
            {
                writer.WriteStartObject();
                // Like the service: text it detects as already in the target language comes back unchanged.
                string good = string.IsNullOrEmpty(from) && string.Equals(target, _options.DetectedLanguage, StringComparison.OrdinalIgnoreCase)
                    ? text
                    : _options.ScriptedTranslations
                        ? LoopbackTranslation.Scripted(text, target, html, _options.UpperCaseTranslations)
                        : LoopbackTranslation.Translate(text, target, html, _options.UpperCaseTranslations);
                if (bad is { } wrong && (wrong.Language is null || string.Equals(wrong.Language, target, StringComparison.OrdinalIgnoreCase)))
                {
                    good = Spoil(wrong.Kind, text, good, target, html);
                }

                writer.WriteString("text", echo ?? good);
                writer.WriteString("to", target);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Spoil(LoopbackBadAnswer kind, string source, string good, string target, bool html)
    {
        switch (kind)
        {
            case LoopbackBadAnswer.WrongScript:
                string other = target.ToUpperInvariant() is "UK" or "RU" or "TH" ? "ro" : "uk";
                return LoopbackTranslation.Walk(source, html, c => LoopbackTranslation.ToScript(c, other));
            case LoopbackBadAnswer.Truncated:
                int cut = good.LastIndexOf(' ', Math.Max(0, (good.Length / 4) - 1));
                string head = good[..Math.Max(cut, Math.Min(good.Length, 8))];
                int open = head.LastIndexOf('<');
                if (open > head.LastIndexOf('>'))
                {
                    head = head[..open];
                }

                return head.TrimEnd(' ', '.', '!', '?', '…', ',', ';', ':');
            case LoopbackBadAnswer.Untranslated:
                return source;
            default:
                return NotTranslateSpan().Replace(good, string.Empty);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("<span[^>]*notranslate[^>]*>.*?</span>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NotTranslateSpan();

    private sealed record Outcome(int Status, int Code, string Message, TimeSpan? RetryAfter, List<string> Targets, long Metered)
    {
        public static Outcome Error(int status, int code, string message, TimeSpan? retryAfter = null) =>
            new(status, code, message, retryAfter, [], 0);
    }
}
