using System.Globalization;
using System.Text;


namespace ArticlePipeline.Testing;

/// <summary>A newspaper of N articles made from the offline sample's first page, with one RSS feed listing them all.</summary>
public static class GeneratedSite
{
    private const string TemplateSlug = "nong-dan-tan-hau-thu-hoach-lua-he-thu-som-a1001";

    /// <summary>Writes the site into <paramref name="folder"/> and returns the article file names.</summary>
    public static string[] Write(string folder, int articles, string prefix = "bai-viet")
    {
        string template = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "samples", "site", "tin-tuc", TemplateSlug + ".html"));
        Directory.CreateDirectory(Path.Combine(folder, "tin-tuc"));
        var rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>");
        var names = new string[articles];
        for (int i = 0; i < articles; i++)
        {
            string slug = string.Create(CultureInfo.InvariantCulture, $"{prefix}-so-{i}-a{5000 + i}");
            names[i] = slug + ".html";
            string page = template
                .Replace(TemplateSlug, slug, StringComparison.Ordinal)
                .Replace("Nông dân Tân Hậu thu hoạch lúa hè thu sớm", $"Bài {prefix} số {i}: nông dân Tân Hậu thu hoạch lúa hè thu sớm", StringComparison.Ordinal)
                .Replace("Theo Phòng Nông nghiệp", $"Theo số liệu {i} ({prefix}) của Phòng Nông nghiệp", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "tin-tuc", names[i]), page);
            rss.Append(CultureInfo.InvariantCulture, $"<item><title>{i}</title><link>tin-tuc/{names[i]}</link></item>");
        }

        File.WriteAllText(Path.Combine(folder, "rss.xml"), rss.Append("</channel></rss>").ToString());
        File.WriteAllText(Path.Combine(folder, "index.html"), "<html><head><title>home</title></head><body></body></html>");
        return names;
    }
}
