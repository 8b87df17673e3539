using System.Collections.Immutable;
using System.Globalization;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Translation.Batching;
using ArticlePipeline.Translation.Checks;
using ArticlePipeline.Translation.Client;
using ArticlePipeline.Translation.Glossary;
using ArticlePipeline.Translation.Protection;
using Azure;

namespace ArticlePipeline.Translation;

/// <summary>
/// Translates articles with Azure AI Translator: title, lead and every block go as separate array elements, all target
/// languages in the same requests, in as few requests as the service limits allow.
/// </summary>
/// <remarks>
/// <para>A block longer than one request allows is cut at sentence boundaries and its translated pieces are joined with a single
/// space; blocks are never merged, so every language keeps the source's block count, order and kinds. Retries and pacing happen
/// inside <see cref="TranslatorClient"/>; what still fails becomes a <see cref="TranslationFailedException"/> whose message
/// never contains the key.</para>
/// <para>Every answer, per text piece and language, goes through <see cref="AnswerChecks"/> (script, length ratio, protected
/// spans, untranslated, truncated). A piece that fails is not kept; after the batch, the failing pieces are sent once more,
/// for the failing languages only, and a piece that fails again fails its article's language with the check's reason
/// (<see cref="TranslationResult.Refused"/>; recorded as <c>failed</c>). The texts that passed are kept and reported as
/// usual, so a translation memory never holds a failing answer.</para>
/// <para>URLs, e-mail addresses and the numbers of quantities are protected (<see cref="TextProtector"/>): a text holding any
/// goes as HTML with <c>notranslate</c> spans and comes back as plain text. Billing on a first translation is therefore the
/// source characters × target languages exactly for texts with nothing to protect, plus 31 characters of markup per protected
/// span (and 4 per <c>&amp;</c>, 3 per <c>&lt;</c> or <c>&gt;</c>) for texts with something to protect. A text with nothing to
/// protect but with <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> or line breaks goes as plain text in a request of its own type, so an
/// article mixing such a text with protected ones takes two requests instead of one.</para>
/// </remarks>
public sealed class AzureTranslationProvider : IIncrementalTranslationProvider
{
    /// <summary>The provider's name, as recorded in provenance and chosen in configuration.</summary>
    public const string ProviderName = "azure";

    private readonly TranslatorClient _client;
    private readonly TranslationLimits _limits;
    private readonly SecretScreen _secrets;
    private readonly bool _checkAnswers;
    private readonly TermGlossary _glossary;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Term, string Target), string> _machineTerms = new();

    /// <summary>Creates the provider.</summary>
    /// <param name="client">The Translator client, with its retry options.</param>
    public AzureTranslationProvider(TranslatorClient client)
        : this(client, TranslationLimits.Azure, checkAnswers: true)
    {
    }

    /// <summary>Creates the provider with a screen of configured secrets.</summary>
    /// <param name="client">The Translator client, with its retry options.</param>
    /// <param name="secrets">Secrets no answer may contain (the client's key is always screened): a language whose answer
    /// holds one is refused (<see cref="TranslationResult.Refused"/>).</param>
    public AzureTranslationProvider(TranslatorClient client, SecretScreen secrets)
        : this(client, TranslationLimits.Azure, secrets, checkAnswers: true)
    {
    }

    /// <summary>Creates the provider with a screen of configured secrets and a glossary.</summary>
    /// <param name="client">The Translator client, with its retry options.</param>
    /// <param name="secrets">Secrets no answer may contain (the client's key is always screened).</param>
    /// <param name="glossary">Terms (official bodies, provinces, names) sent protected and put back as each target
    /// language's rendering (<see cref="TermGlossary"/>).</param>
    public AzureTranslationProvider(TranslatorClient client, SecretScreen secrets, TermGlossary glossary)
        : this(client, TranslationLimits.Azure, secrets, checkAnswers: true, glossary)
    {
    }

    /// <summary>Creates the provider with other request limits (tests use smaller ones).</summary>
    /// <param name="client">The Translator client.</param>
    /// <param name="limits">The per-request limits to plan batches with.</param>
    /// <param name="secrets">Secrets no answer may contain besides the client's key.</param>
    /// <param name="checkAnswers">Whether answers go through <see cref="AnswerChecks"/> (the public constructors always
    /// check; tests of batching and billing against the loopback's Latin-script "translations" do not).</param>
    /// <param name="glossary">Terms sent protected and put back as each language's rendering; none when <see langword="null"/>.</param>
    internal AzureTranslationProvider(
        TranslatorClient client, TranslationLimits limits, SecretScreen? secrets = null, bool checkAnswers = false, TermGlossary? glossary = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(limits);
        _client = client;
        _limits = limits;
        _secrets = secrets ?? SecretScreen.None;
        _checkAnswers = checkAnswers;
        _glossary = glossary ?? TermGlossary.Empty;
    }

    /// <inheritdoc />
    public string Name => ProviderName;

    /// <inheritdoc />
    public Task<TranslationResult> TranslateAsync(
        LanguageContent source,
        string sourceLanguage,
        IReadOnlyList<string> targetLanguages,
        CancellationToken cancellationToken = default) =>
        this.TranslateOneAsync(new TranslationJob(source, sourceLanguage, targetLanguages), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Articles with the same source and target languages share requests: each article that fits one request (12,500
    /// characters for four targets) travels in exactly one, together with as many other articles as fit. Requests go one at
    /// a time, paced by the client's character budget. Each article is billed its share of the <c>X-Metered-Usage</c> of
    /// the requests it travelled in, in proportion to its characters there.
    /// </remarks>
    public Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        CancellationToken cancellationToken = default) =>
        TranslateManyAsync(jobs, static (_, _) => Task.CompletedTask, cancellationToken);

    /// <inheritdoc />
    async Task<IReadOnlyList<TranslationResult>> IIncrementalTranslationProvider.TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        Func<IReadOnlyList<CompletedText>, CancellationToken, Task> completed,
        CancellationToken cancellationToken) =>
        await TranslateManyAsync(jobs, completed, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<TranslationResult>> TranslateManyAsync(
        IReadOnlyList<TranslationJob> jobs,
        Func<IReadOnlyList<CompletedText>, CancellationToken, Task> completed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArticleTranslation[] articles = [.. jobs.Select(static (job, index) => new ArticleTranslation(job, index))];

        // One group per source language and set of targets: a request has one "from" and one list of "to".
        foreach (IGrouping<string, ArticleTranslation> group in articles
            .Where(static a => a.Targets.Count > 0)
            .GroupBy(static a => a.GroupKey, StringComparer.Ordinal))
        {
            ArticleTranslation[] members = [.. group];
            List<string> targets = members[0].Targets;
            string sourceLanguage = members[0].SourceLanguage;
            List<PlannedText> texts = [];
            for (int a = 0; a < members.Length; a++)
            {
                texts.AddRange(members[a].PlannedTexts(a, _glossary));
            }

            RequestPlan plan = TranslationBatcher.PlanRequests(
                texts, targets.Count, _limits, (a, text) => TextProtector.ToHtml(text, _glossary, targets, members[a].Names));
            await TranslateTermsAsync(texts, sourceLanguage, targets, members, cancellationToken).ConfigureAwait(false);
            for (int a = 0; a < members.Length; a++)
            {
                members[a].Prepare(plan.PieceCounts, a);
            }

            var failures = new List<Failure>();
            foreach (PlannedRequest request in plan.Requests)
            {
                await SendAndKeepAsync(request, sourceLanguage, targets, members, accept: null, failures.Add, completed, cancellationToken).ConfigureAwait(false);
            }

            if (failures.Count > 0)
            {
                await RetryAsync(failures, sourceLanguage, targets, members, completed, cancellationToken).ConfigureAwait(false);
            }
        }

        return [.. articles.Select(static a => a.ToResult())];
    }

    /// <summary>Sends one request, keeps the answers that pass the checks, bills it, and reports the texts it completed.</summary>
    private async Task SendAndKeepAsync(
        PlannedRequest request,
        string sourceLanguage,
        List<string> targets,
        ArticleTranslation[] members,
        Func<TextPiece, string, bool>? accept,
        Action<Failure> failed,
        Func<IReadOnlyList<CompletedText>, CancellationToken, Task> completed,
        CancellationToken cancellationToken)
    {
        Response<IReadOnlyList<TranslatedTextItem>> response =
            await SendAsync(request, sourceLanguage, targets, cancellationToken).ConfigureAwait(false);
        Distribute(request, response.Value, targets, members, accept, f =>
        {
            members[f.Piece.Article].FailedCheck(f.Target);
            failed(f);
        });
        Bill(request, response.GetRawResponse(), members, targets);

        // Kept before the next request goes out: a run killed later re-sends nothing of this one.
        List<CompletedText> done = [.. request.Elements.Select(static p => p.Article).Distinct().SelectMany(a => members[a].TakeCompleted())];
        if (done.Count > 0)
        {
            await completed(done, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends every piece whose answer failed the checks once more, for the languages it failed in only; a piece failing
    /// again fails its language of its article (<see cref="TranslationResult.Refused"/>), with the check's reason.
    /// </summary>
    private async Task RetryAsync(
        List<Failure> failures,
        string sourceLanguage,
        List<string> targets,
        ArticleTranslation[] members,
        Func<IReadOnlyList<CompletedText>, CancellationToken, Task> completed,
        CancellationToken cancellationToken)
    {
        var pending = failures.Select(static f => (f.Piece, f.Target)).ToHashSet();
        List<string> retryTargets = [.. targets.Where(t => failures.Exists(f => f.Target == t))];
        foreach (IGrouping<TextType, Failure> type in failures.GroupBy(static f => f.TextType))
        {
            TextPiece[] pieces = [.. type.Select(static f => f.Piece).Distinct()];
            var chunk = new List<TextPiece>();
            long characters = 0;
            foreach (TextPiece? piece in pieces.Cast<TextPiece?>().Append(null))
            {
                bool full = piece is null
                    || chunk.Count >= _limits.MaxElements
                    || (characters + piece.Text.Length) * retryTargets.Count > _limits.MaxCharacters;
                if (full && chunk.Count > 0)
                {
                    var request = new PlannedRequest(type.Key, [.. chunk]);
                    await SendAndKeepAsync(
                        request,
                        sourceLanguage,
                        retryTargets,
                        members,
                        (p, t) => pending.Contains((p, t)),
                        f => members[f.Piece.Article].Refuse(
                            f.Target, $"translation failed the answer checks after one retry ({SegmentName(f.Piece.SourceIndex)}): {f.Reason}"),
                        completed,
                        cancellationToken).ConfigureAwait(false);
                    chunk.Clear();
                    characters = 0;
                }

                if (piece is not null)
                {
                    chunk.Add(piece);
                    characters += piece.Text.Length;
                }
            }
        }
    }

    private static string SegmentName(int index) => index switch
    {
        0 => "title",
        1 => "lead",
        _ => "block " + (index - ContentSegments.FirstBlock + 1).ToString(CultureInfo.InvariantCulture),
    };

    private async Task<Response<IReadOnlyList<TranslatedTextItem>>> SendAsync(
        PlannedRequest request, string sourceLanguage, List<string> targets, CancellationToken cancellationToken)
    {
        try
        {
            // An undetermined source language is not sent, nor Chinese (the service names zh-Hans and zh-Hant, which the
            // script alone does not tell apart): the service then identifies it itself.
            return await _client.TranslateAsync(
                targets,
                request.Elements.Select(static p => p.Text),
                sourceLanguage is Languages.Undetermined or Languages.Chinese ? null : sourceLanguage,
                request.TextType,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw Map(ex);
        }
        catch (AggregateException ex)
        {
            // The retry policy aggregates the exceptions when every attempt failed without a response.
            throw new TranslationFailedException(
                _client.RedactKey("translator unreachable after retries: " + UntrustedText.Clean(ex.InnerExceptions[^1].Message)), ex)
            {
                IsTransient = true,
            };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not our cancellation: the network timeout of the last attempt.
            throw new TranslationFailedException("translator timed out after retries", ex) { IsTransient = true };
        }
    }

    private void Distribute(
        PlannedRequest request,
        IReadOnlyList<TranslatedTextItem> items,
        List<string> targets,
        ArticleTranslation[] members,
        Func<TextPiece, string, bool>? accept,
        Action<Failure> failed)
    {
        if (items.Count != request.Elements.Length)
        {
            throw new TranslationFailedException(
                $"translator returned {items.Count} items for {request.Elements.Length} texts");
        }

        for (int j = 0; j < request.Elements.Length; j++)
        {
            IReadOnlyList<TranslationText> translations = items[j].Translations;
            if (translations.Count != targets.Count)
            {
                throw new TranslationFailedException(
                    $"translator returned {translations.Count} translations for {targets.Count} target languages");
            }

            TextPiece piece = request.Elements[j];
            for (int t = 0; t < targets.Count; t++)
            {
                // The service answers in request order but may normalize a code (zh-cn -> zh-Hans): match by code when it can.
                TranslationText match = translations.FirstOrDefault(x => string.Equals(x.To, targets[t], StringComparison.OrdinalIgnoreCase))
                    ?? translations[t];
                string text = request.TextType == TextType.Html ? TextProtector.FromHtml(match.Text) : match.Text;
                if ((_client.HoldsKey(text) ? $"{TranslatorOptions.SectionName}:Key" : _secrets.Find(text)) is { } secret)
                {
                    // A service echoing our headers: the text never reaches a record or the memory.
                    members[piece.Article].Refuse(targets[t], SecretScreen.Reason(secret));
                    continue;
                }

                if (accept is not null && !accept(piece, targets[t]))
                {
                    continue;
                }

                // A source sent without its language (und, zh) that the service finds already in this target comes back
                // as it was: that is the right answer, not an untranslated one to pay for again on every run.
                bool alreadyInTarget = items[j].DetectedLanguage?.Language is { } detected && string.Equals(detected, targets[t], StringComparison.OrdinalIgnoreCase);
                if (_checkAnswers && !alreadyInTarget && Check(request.TextType, piece.Text, text, targets[t]) is { } problem)
                {
                    // Not stored: the piece goes once more, and its language fails if the second answer fails too.
                    failed(new Failure(request.TextType, piece, targets[t], problem));
                    continue;
                }

                members[piece.Article].Store(piece, targets[t], request.TextType == TextType.Html ? Render(piece.Text, text, targets[t]) : text);
            }
        }
    }

    /// <summary>
    /// Translates, by machine and once per process, the glossary terms of <paramref name="texts"/> that lack a rendering in
    /// some of <paramref name="targets"/>: one plain request with each such term as an element, for the languages lacking
    /// one. Its cost is billed to the articles holding the terms.
    /// </summary>
    private async Task TranslateTermsAsync(
        List<PlannedText> texts, string sourceLanguage, List<string> targets, ArticleTranslation[] members, CancellationToken cancellationToken)
    {
        if (_glossary.Count == 0)
        {
            return;
        }

        var needed = new Dictionary<string, int>(StringComparer.Ordinal);
        var languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (PlannedText text in texts.Where(static t => t.Kind == SegmentKind.Protected))
        {
            foreach ((int start, int end) in _glossary.Find(text.Text, targets))
            {
                string term = _glossary.Canonical(text.Text[start..end])!;
                foreach (string target in targets.Where(t => _glossary.Rendering(term, t) is null && !_machineTerms.ContainsKey((term, t.ToUpperInvariant()))))
                {
                    needed.TryAdd(term, text.Article);
                    languages.Add(target);
                }
            }
        }

        if (needed.Count == 0)
        {
            return;
        }

        List<string> to = [.. targets.Where(languages.Contains)];
        var request = new PlannedRequest(TextType.Plain, [.. needed.Select(static (p, k) => new TextPiece(-1, k, p.Key, p.Value))]);
        Response<IReadOnlyList<TranslatedTextItem>> response = await SendAsync(request, sourceLanguage, to, cancellationToken).ConfigureAwait(false);
        if (response.Value.Count != request.Elements.Length)
        {
            throw new TranslationFailedException($"translator returned {response.Value.Count} items for {request.Elements.Length} texts");
        }

        for (int k = 0; k < request.Elements.Length; k++)
        {
            foreach (TranslationText translation in response.Value[k].Translations)
            {
                string target = to.FirstOrDefault(t => string.Equals(t, translation.To, StringComparison.OrdinalIgnoreCase)) ?? translation.To;
                if (_secrets.Find(translation.Text) is null && !_client.HoldsKey(translation.Text))
                {
                    _machineTerms[(request.Elements[k].Text, target.ToUpperInvariant())] = translation.Text;
                }
            }
        }

        Bill(request, response.GetRawResponse(), members, to);
    }

    /// <summary>Puts each glossary term the piece protected back as the target's rendering, or as the machine's translation
    /// of the term alone where the glossary has no rendering for the target.</summary>
    private string Render(string sent, string answer, string target)
    {
        if (_glossary.Count == 0)
        {
            return answer;
        }

        foreach (string span in TextProtector.ProtectedTexts(sent).Distinct(StringComparer.Ordinal).OrderByDescending(static s => s.Length))
        {
            string? rendering = _glossary.Rendering(span, target)
                ?? (_glossary.Canonical(span) is { } term && _machineTerms.TryGetValue((term, target.ToUpperInvariant()), out string? machine) ? machine : null);
            if (rendering is not null)
            {
                answer = answer.Replace(span, rendering, StringComparison.Ordinal);
            }
        }

        return answer;
    }

    private static string? Check(TextType type, string sent, string answer, string target)
    {
        if (type != TextType.Html)
        {
            return AnswerChecks.Check(sent, answer, target, []);
        }

        return AnswerChecks.Check(TextProtector.FromHtml(sent), answer, target, TextProtector.ProtectedTexts(sent));
    }

    private static void Bill(PlannedRequest request, Response raw, ArticleTranslation[] members, List<string> targets)
    {
        long metered = raw.GetMeteredUsage() ?? 0;
        string? requestId = raw.GetRequestId();

        // Each article pays for its own characters in the request; the remainder of the division goes to the last one.
        (int Article, long Characters)[] shares = [.. request.Elements
            .GroupBy(static p => p.Article)
            .Select(static g => (g.Key, g.Sum(static p => (long)p.Text.Length)))];
        long total = shares.Sum(static s => s.Characters);
        long assigned = 0;
        for (int i = 0; i < shares.Length; i++)
        {
            long share = i == shares.Length - 1 ? metered - assigned : total == 0 ? 0 : metered * shares[i].Characters / total;
            assigned += share;
            members[shares[i].Article].AddBilling(share, requestId, targets);
        }
    }

    /// <summary>An answer that failed the checks.</summary>
    /// <param name="TextType">The type of the request it came in.</param>
    /// <param name="Piece">The piece, as sent.</param>
    /// <param name="Target">The language.</param>
    /// <param name="Reason">The check's reason.</param>
    private sealed record Failure(TextType TextType, TextPiece Piece, string Target, string Reason);

    private TranslationFailedException Map(RequestFailedException ex)
    {
        Response? response = ex.GetRawResponse();
        TranslatorErrorParser.TryRead(response, out string? parsedCode, out string? serviceMessage);
        int status = ex.Status;
        string code = parsedCode ?? ex.ErrorCode ?? status.ToString(CultureInfo.InvariantCulture);
        string detail = UntrustedText.Clean(serviceMessage ?? response?.ReasonPhrase ?? ex.Message);

        (string message, bool transient) = status switch
        {
            401 => ($"translator key rejected ({code}): {detail}", false),
            _ when code.StartsWith("401", StringComparison.Ordinal) => ($"translator key rejected ({code}): {detail}", false),
            403 => ($"translator quota exceeded ({code}): {detail}", false),
            429 => ($"translator throttled ({code}) after retries: {detail}", true),
            408 or >= 500 => ($"translator unavailable ({code}) after retries: {detail}", true),
            0 => ($"translator unreachable after retries: {detail}", true),
            _ => ($"translator rejected the request ({code}): {detail}", false),
        };

        return new TranslationFailedException(_client.RedactKey(message), ex) { IsTransient = transient };
    }
}
