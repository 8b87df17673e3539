using ArticlePipeline.Testing;

namespace ArticlePipeline.Crawling.Tests;

/// <summary>Network options for tests: loopback allowed, no politeness delay, quick retries and timeouts.</summary>
internal static class TestNetwork
{
    public static NetworkOptions Options(Action<NetworkOptions>? change = null)
    {
        var options = new NetworkOptions { AllowPrivateAddresses = true, DelaySeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 5 };
        change?.Invoke(options);
        return CheckedOptions.Valid(options);
    }
}
