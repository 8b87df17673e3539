namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// A check made before each hop besides the address policy (robots.txt, for pages): <see langword="null"/> when the
/// hop may be asked for, else how following ends there.
/// </summary>
/// <param name="url">The hop's URL.</param>
/// <param name="hop">Its position in the chain (0 for the URL asked for).</param>
/// <param name="cancellationToken">Cancels the check.</param>
internal delegate Task<HopResult?> HopCheck(Uri url, int hop, CancellationToken cancellationToken);
