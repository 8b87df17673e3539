using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// The articles of one crawl pass sharing Translator requests: each article's job waits, at most
/// <see cref="CrawlOptions.TranslationWindowSeconds"/>, for others, and the waiting jobs go to
/// <see cref="ITranslationProvider.TranslateManyAsync"/> together (which packs them into as few requests as the
/// service's limits allow). Each article gets its own result as soon as its batch is back.
/// </summary>
/// <remarks>
/// A batch is sent when the window since its first job has passed, when <see cref="CrawlOptions.TranslationBatchArticles"/>
/// jobs wait, or when no source of the pass is fetching any more (<see cref="BeginFetching"/>, <see cref="EndFetching"/>):
/// with nothing left to share a request with, a job is sent at once. A failure of the batch is every one of its
/// articles' failure, as if each had been sent alone. Thread-safe.
/// </remarks>
internal sealed class PassTranslations : IDisposable
{
    private readonly ITranslationProvider _translator;
    private readonly TimeSpan _window;
    private readonly int _maxArticles;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private List<Waiting> _waiting = [];
    private ITimer? _timer;
    private int _fetching;

    public PassTranslations(ITranslationProvider translator, CrawlOptions options, TimeProvider time)
    {
        _translator = translator;
        _window = TimeSpan.FromSeconds(options.TranslationWindowSeconds);
        _maxArticles = options.TranslationBatchArticles;
        _time = time;
    }

    /// <summary>Translates one article's job with the others of its batch.</summary>
    /// <param name="job">The article's job.</param>
    /// <param name="cancellationToken">Stops this article's wait; the batch goes on for the others.</param>
    /// <returns>The article's result.</returns>
    public async Task<TranslationResult> TranslateAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        if (_window <= TimeSpan.Zero || _maxArticles <= 1 || Volatile.Read(ref _fetching) == 0)
        {
            return await _translator.TranslateOneAsync(job, cancellationToken).ConfigureAwait(false);
        }

        var waiting = new Waiting(job, new TaskCompletionSource<TranslationResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        List<Waiting>? full = null;
        lock (_lock)
        {
            _waiting.Add(waiting);
            if (_waiting.Count >= _maxArticles)
            {
                full = Take();
            }
            else if (_waiting.Count == 1)
            {
                _timer = _time.CreateTimer(static state => ((PassTranslations)state!).Flush(), this, _window, Timeout.InfiniteTimeSpan);
            }
        }

        if (full is not null)
        {
            _ = SendAsync(full);
        }

        return await waiting.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A source of the pass starts fetching: the jobs of its articles may wait for each other.</summary>
    public void BeginFetching() => Interlocked.Increment(ref _fetching);

    /// <summary>A source has fetched everything; when it was the last one, what waits is sent now.</summary>
    public void EndFetching()
    {
        if (Interlocked.Decrement(ref _fetching) == 0)
        {
            Flush();
        }
    }

    /// <summary>Sends what is waiting now, without waiting for the window to end.</summary>
    public void Flush()
    {
        List<Waiting> batch;
        lock (_lock)
        {
            batch = Take();
        }

        if (batch.Count > 0)
        {
            _ = SendAsync(batch);
        }
    }

    /// <summary>Stops the timer and cancels a batch still in flight (the pass is over or abandoned).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }

        _stop.Cancel();
        _stop.Dispose();
    }

    private List<Waiting> Take()
    {
        _timer?.Dispose();
        _timer = null;
        List<Waiting> batch = _waiting;
        _waiting = [];
        return batch;
    }

    private async Task SendAsync(List<Waiting> batch)
    {
        IReadOnlyList<TranslationResult> results;
        try
        {
            results = await _translator.TranslateManyAsync([.. batch.Select(w => w.Job)], _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            batch.ForEach(w => w.Result.TrySetCanceled());
            return;
        }
        catch (TranslationFailedException ex) when (!ex.IsTransient && batch.Count > 1)
        {
            // The service is up but refused the batch: it may be one article's fault, not its neighbours'.
            await SendAloneAsync(batch).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // The batch's failure is handed to each of its articles, which decide what it means.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            batch.ForEach(w => w.Result.TrySetException(ex));
            return;
        }

        if (results.Count != batch.Count)
        {
            var wrong = new TranslationFailedException($"the translator answered {results.Count} articles of {batch.Count}");
            batch.ForEach(w => w.Result.TrySetException(wrong));
            return;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Result.TrySetResult(results[i]);
        }
    }

    /// <summary>
    /// Sends each job of a refused batch on its own (what was already answered costs nothing more: the memory has it).
    /// When two articles in a row fail alone too, or one fails transiently, the failure is not one article's: the rest
    /// get it without more requests.
    /// </summary>
    private async Task SendAloneAsync(List<Waiting> batch)
    {
        int failedInARow = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            Waiting waiting = batch[i];
            try
            {
                waiting.Result.TrySetResult(await _translator.TranslateOneAsync(waiting.Job, _stop.Token).ConfigureAwait(false));
                failedInARow = 0;
            }
            catch (OperationCanceledException)
            {
                batch.Skip(i).ToList().ForEach(w => w.Result.TrySetCanceled());
                return;
            }
            catch (TranslationFailedException ex)
            {
                waiting.Result.TrySetException(ex);
                if (ex.IsTransient || ++failedInARow >= 2)
                {
                    batch.Skip(i + 1).ToList().ForEach(w => w.Result.TrySetException(ex));
                    return;
                }
            }
#pragma warning disable CA1031 // As in SendAsync: the failure is handed to the articles still waiting.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.Skip(i).ToList().ForEach(w => w.Result.TrySetException(ex));
                return;
            }
        }
    }

    private sealed record Waiting(TranslationJob Job, TaskCompletionSource<TranslationResult> Result);
}
