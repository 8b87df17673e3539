using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Crawling.Robots;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The one redirect loop, shared by pages, feeds, sitemaps, listings and robots.txt: the address policy and (except
/// for robots.txt itself) robots.txt before every hop, the request under the host's pipeline, every expected fault
/// turned into a reason, and the next hop taken from <see cref="RedirectTarget"/>.
/// </summary>
public sealed partial class HttpPageFetcher
{
    private async Task<HopResult> FollowAsync(
        Uri start,
        FetchValidators? validators,
        RequestKind kind,
        int maxRedirects,
        CancellationToken cancellationToken)
    {
        Uri current = start;
        for (int hop = 0; hop <= maxRedirects; hop++)
        {
            if (await CheckTargetAsync(current, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return HopResult.Refusal(current, hop, hop == 0 ? "address-policy" : "redirect-refused", refusal);
            }

            if (kind != RequestKind.Robots && await CheckRobotsAsync(current, hop, cancellationToken).ConfigureAwait(false) is { } disallowed)
            {
                // Checked before every hop: a redirect into a disallowed path is not followed either.
                return disallowed;
            }

            HttpAttempt attempt;
            try
            {
                attempt = await ExecuteAsync(current, hop == 0 ? validators : null, kind, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokenCircuitException)
            {
                return HopResult.Failure(current, hop, FetchReasons.CircuitOpen, $"{current}: circuit open for {current.Authority} after repeated failures; its requests fail at once for {_options.BreakerBreakSeconds} s");
            }
            catch (HttpRequestException ex) when (FindRefusal(ex) is { } refused)
            {
                return HopResult.Refusal(current, hop, "address-policy", refused.Message);
            }
            catch (HttpRequestException ex)
            {
                // .NET quotes a malformed header line in its message: server text.
                return HopResult.Failure(current, hop, "connection", $"{current}: {UntrustedText.Clean(ex.Message)}");
            }
            catch (TimeoutRejectedException ex)
            {
                string which = ex.Timeout == TimeSpan.FromSeconds(_options.TimeoutSeconds) ? "per attempt" : "in all";
                return HopResult.Failure(current, hop, "timeout", $"{current}: no complete response within {ex.Timeout.TotalSeconds:0.###} s ({which})");
            }
            catch (IOException ex)
            {
                return HopResult.Failure(current, hop, "truncated", $"{current}: the body was cut off: {UntrustedText.Clean(ex.Message)}");
            }
            catch (InvalidDataException ex)
            {
                return HopResult.Failure(current, hop, "corrupt", $"{current}: the body does not decompress: {UntrustedText.Clean(ex.Message)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HopResult.Failure(current, hop, "timeout", $"{current}: the connection timed out");
            }

            if (attempt.Location is not { } next)
            {
                return HopResult.Answered(current, hop, attempt);
            }

            current = next;
        }

        return HopResult.Failure(current, maxRedirects, "too-many-redirects", $"{start}: more than {maxRedirects} redirects");
    }

    /// <summary>robots.txt's verdict on <paramref name="url"/>: <see langword="null"/> when it may be fetched.</summary>
    private async Task<HopResult?> CheckRobotsAsync(Uri url, int hop, CancellationToken cancellationToken)
    {
        RobotsEntry robots = await _robots.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (robots.AddressRefusal is { } refused)
        {
            // robots.txt could not be asked because the host itself is refused: that is the URL's refusal too.
            return HopResult.Refusal(url, hop, "address-policy", refused);
        }

        RobotsVerdict verdict = robots.Rules.Evaluate(url.PathAndQuery);
        if (verdict.Allowed)
        {
            return null;
        }

        string rule = verdict.Rule is { } decisive && !robots.Unreachable ? $" ({UntrustedText.Clean(decisive.ToString(), 200)})" : string.Empty;
        return HopResult.Refusal(url, hop, "robots", $"{url}: disallowed by {robots.Description}{rule}");
    }
}
