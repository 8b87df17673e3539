using System.Collections.Immutable;
using System.Globalization;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Translation.Batching;
using ArticlePipeline.Translation.Client;
using Azure;

namespace ArticlePipeline.Translation;

/// <summary>
/// Translates articles with Azure AI Translator: title, lead and every block go as separate array elements, all target
/// languages in the same requests, in as few requests as the service limits allow.
/// </summary>
/// <remarks>
/// A block longer than one request allows is cut at sentence boundaries and its translated pieces are joined with a single
/// space; blocks are never merged, so every language keeps the source's block count, order and kinds. Retries happen inside
/// <see cref="TranslatorClient"/> (Azure.Core); what still fails becomes a <see cref="TranslationFailedException"/> whose
/// message never contains the key.
/// </remarks>
public sealed class AzureTranslationProvider : ITranslationProvider
{
    /// <summary>The provider's name, as recorded in provenance and chosen in configuration.</summary>
    public const string ProviderName = "azure";

    private readonly TranslatorClient _client;
    private readonly TranslationLimits _limits;

    /// <summary>Creates the provider.</summary>
    /// <param name="client">The Translator client, with its retry options.</param>
    public AzureTranslationProvider(TranslatorClient client)
        : this(client, TranslationLimits.Azure)
    {
    }

    /// <summary>Creates the provider with other request limits (tests use smaller ones).</summary>
    /// <param name="client">The Translator client.</param>
    /// <param name="limits">The per-request limits to plan batches with.</param>
    internal AzureTranslationProvider(TranslatorClient client, TranslationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(limits);
        _client = client;
        _limits = limits;
    }

    /// <inheritdoc />
    public string Name => ProviderName;

    /// <inheritdoc />
    public async Task<TranslationResult> TranslateAsync(
        LanguageContent source,
        string sourceLanguage,
        IReadOnlyList<string> targetLanguages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceLanguage);
        ArgumentNullException.ThrowIfNull(targetLanguages);
        if (targetLanguages.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Target language codes may not be blank.", nameof(targetLanguages));
        }

        List<string> targets = [.. targetLanguages.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (targets.Count == 0)
        {
            return new TranslationResult(ImmutableDictionary<string, LanguageContent>.Empty, [], 0);
        }

        ImmutableArray<ContentBlock> blocks = source.Blocks.IsDefault ? [] : source.Blocks;
        List<string?> texts = [source.Title, source.Lead, .. blocks.Select(static b => b.Text)];
        TranslationPlan plan = TranslationBatcher.Plan(texts, targets.Count, _limits);

        // translated[target][text][piece]
        string[][][] translated = [.. targets.Select(_ => plan.PieceCounts.Select(static n => new string[n]).ToArray())];
        var requestIds = ImmutableArray.CreateBuilder<string>(plan.Batches.Length);
        long billed = 0;

        foreach (ImmutableArray<TextPiece> batch in plan.Batches)
        {
            Response<IReadOnlyList<TranslatedTextItem>> response =
                await SendAsync(batch, sourceLanguage, targets, cancellationToken).ConfigureAwait(false);
            Response raw = response.GetRawResponse();
            billed += raw.GetMeteredUsage() ?? 0;
            if (raw.GetRequestId() is { } requestId)
            {
                requestIds.Add(requestId);
            }

            Distribute(batch, response.Value, targets, translated);
        }

        var languages = ImmutableDictionary.CreateBuilder<string, LanguageContent>(StringComparer.Ordinal);
        for (int t = 0; t < targets.Count; t++)
        {
            string[][] pieces = translated[t];
            string Text(int index) => plan.PieceCounts[index] == 0 ? texts[index] ?? string.Empty : string.Join(' ', pieces[index]);
            languages[targets[t]] = new LanguageContent(
                Text(0),
                source.Lead is null ? null : Text(1),
                [.. blocks.Select((block, k) => new ContentBlock(block.Kind, Text(k + 2)))]);
        }

        return new TranslationResult(languages.ToImmutable(), requestIds.ToImmutable(), billed);
    }

    private async Task<Response<IReadOnlyList<TranslatedTextItem>>> SendAsync(
        ImmutableArray<TextPiece> batch, string sourceLanguage, List<string> targets, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.TranslateAsync(
                targets, batch.Select(static p => p.Text), sourceLanguage, TextType.Plain, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw Map(ex);
        }
        catch (AggregateException ex)
        {
            // Azure.Core's retry policy aggregates the exceptions when every attempt failed without a response.
            throw new TranslationFailedException(
                _client.RedactKey("translator unreachable after retries: " + ex.InnerExceptions[^1].Message), ex)
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

    private static void Distribute(
        ImmutableArray<TextPiece> batch, IReadOnlyList<TranslatedTextItem> items, List<string> targets, string[][][] translated)
    {
        if (items.Count != batch.Length)
        {
            throw new TranslationFailedException(
                $"translator returned {items.Count} items for {batch.Length} texts");
        }

        for (int j = 0; j < batch.Length; j++)
        {
            IReadOnlyList<TranslationText> translations = items[j].Translations;
            if (translations.Count != targets.Count)
            {
                throw new TranslationFailedException(
                    $"translator returned {translations.Count} translations for {targets.Count} target languages");
            }

            TextPiece piece = batch[j];
            for (int t = 0; t < targets.Count; t++)
            {
                // The service answers in request order but may normalize a code (zh-cn -> zh-Hans): match by code when it can.
                TranslationText match = translations.FirstOrDefault(x => string.Equals(x.To, targets[t], StringComparison.OrdinalIgnoreCase))
                    ?? translations[t];
                translated[t][piece.SourceIndex][piece.PieceIndex] = match.Text;
            }
        }
    }

    private TranslationFailedException Map(RequestFailedException ex)
    {
        Response? response = ex.GetRawResponse();
        TranslatorErrorParser.TryRead(response, out string? parsedCode, out string? serviceMessage);
        int status = ex.Status;
        string code = parsedCode ?? ex.ErrorCode ?? status.ToString(CultureInfo.InvariantCulture);
        string detail = serviceMessage ?? response?.ReasonPhrase ?? ex.Message;

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
