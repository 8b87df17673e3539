using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Core.Work;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The one redirect loop, shared by pages, feeds, sitemaps, listings and robots.txt: the address policy and the
/// caller's own check (robots.txt, except for robots.txt itself) before every hop, the request under the host's
/// pipeline, every expected fault turned into a reason, and the next hop taken from <see cref="RedirectTarget"/>.
/// </summary>
/// <param name="guard">The address policy, checked before every hop.</param>
/// <param name="sender">Sends each hop's request.</param>
/// <param name="options">Network options, for the messages that name a timeout or a break.</param>
/// <param name="logger">Where redirects that are not followed are logged.</param>
internal sealed class RedirectFollower(AddressGuard guard, AttemptSender sender, NetworkOptions options, ILogger logger)
{
    /// <summary>Follows <paramref name="start"/> through at most <paramref name="maxRedirects"/> redirects.</summary>
    /// <param name="start">The URL asked for.</param>
    /// <param name="validators">Conditional-GET validators, sent with the first hop only.</param>
    /// <param name="kind">What is fetched.</param>
    /// <param name="maxRedirects">The most redirects followed.</param>
    /// <param name="beforeHop">The caller's check before every hop, if any.</param>
    /// <param name="cancellationToken">Cancels the chain; the only way out that is not a <see cref="HopResult"/>.</param>
    /// <returns>How the chain ended.</returns>
    public async Task<HopResult> FollowAsync(
        Uri start,
        FetchValidators? validators,
        RequestKind kind,
        int maxRedirects,
        HopCheck? beforeHop,
        CancellationToken cancellationToken = default)
    {
        Uri current = start;
        for (int hop = 0; hop <= maxRedirects; hop++)
        {
            if (await guard.CheckAsync(current, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return hop == 0
                    ? HopResult.Refusal(current, hop, "address-policy", refusal)
                    : Stopped(HopResult.Refusal(current, hop, "redirect-refused", refusal));
            }

            if (beforeHop is not null && await beforeHop(current, hop, cancellationToken).ConfigureAwait(false) is { } stopped)
            {
                // Checked before every hop: a redirect into a disallowed path is not followed either.
                return stopped;
            }

            HttpAttempt attempt;
            try
            {
                attempt = await sender.SendAsync(current, hop == 0 ? validators : null, kind, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokenCircuitException)
            {
                return HopResult.Failure(current, hop, FetchReasons.CircuitOpen, $"{current}: circuit open for {current.Authority} after repeated failures; its requests fail at once for {options.BreakerBreakSeconds} s");
            }
            catch (HostBusyException ex)
            {
                return HopResult.Failure(current, hop, FetchReasons.HostBusy, ex.Message);
            }
            catch (HttpRequestException ex) when (AddressGuard.FindRefusal(ex) is { } refused)
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
                string which = ex.Timeout == TimeSpan.FromSeconds(options.TimeoutSeconds) ? "per attempt" : "in all";
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

            if (attempt is { FailureReason: AttemptSender.BadRedirect, FailureDetail: { } problem })
            {
                FetchLog.RedirectStopped(logger, current, AttemptSender.BadRedirect, problem);
            }

            if (attempt.Location is not { } next)
            {
                return HopResult.Answered(current, hop, attempt);
            }

            current = next;
        }

        return Stopped(HopResult.Failure(current, maxRedirects, "too-many-redirects", $"{start}: more than {maxRedirects} redirects"));
    }

    private HopResult Stopped(HopResult result)
    {
        FetchLog.RedirectStopped(logger, result.Url, result.Reason!, result.Detail!);
        return result;
    }
}
