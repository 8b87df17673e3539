using System.Security.Cryptography;
using System.Text;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Stable record ids and content hashes. Pure functions; ids never depend on page content.</summary>
public static class ArticleIds
{
    /// <summary>The record id of an article: 20 hex digits of the SHA-256 of its canonical URL.</summary>
    /// <param name="canonicalUrl">The canonical URL.</param>
    /// <returns>A lowercase hex id, safe as a file name.</returns>
    public static string FromUrl(Uri canonicalUrl)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl.AbsoluteUri));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>A <c>sha256:</c> hash of text, used for content hashes.</summary>
    /// <param name="text">The text.</param>
    /// <returns><c>sha256:</c> followed by 64 hex digits.</returns>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
