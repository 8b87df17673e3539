using ArticlePipeline.Crawling;

namespace ArticlePipeline.Testing;

/// <summary>
/// Options that tests build by hand instead of binding a section, checked by the same function the host's start-up
/// validation reports from, so that a test cannot run the stages with settings no host would start with.
/// </summary>
public static class CheckedOptions
{
    /// <summary>Returns <paramref name="options"/> when <see cref="NetworkOptions.Validate"/> finds no problem.</summary>
    /// <param name="options">The network options.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentException">The options have problems; the message lists them.</exception>
    public static NetworkOptions Valid(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        return problems.Count == 0
            ? options
            : throw new ArgumentException("invalid network options: " + string.Join("; ", problems), nameof(options));
    }
}
