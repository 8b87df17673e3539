using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Benchmarks;

/// <summary>The pages a benchmark extracts, read into memory once so the timing sees no disk.</summary>
internal static class CorpusPages
{
    /// <summary>Reads every page the list file names (one path per line).</summary>
    public static List<PageContent> Load(string listFile)
    {
        var pages = new List<PageContent>();
        foreach (string line in File.ReadAllLines(listFile))
        {
            string path = line.Trim();
            if (path.Length == 0)
            {
                continue;
            }

            pages.Add(new PageContent(new Uri(Path.GetFullPath(path)), File.ReadAllBytes(path), "text/html"));
        }

        return pages;
    }
}
