using ArticlePipeline.Core.Pipeline;
using FsCheck;
using FsCheck.Fluent;

namespace ArticlePipeline.Core.Tests;

/// <summary>Canonicalization is idempotent: the canonical form of a canonical URL is itself, over generated URLs.</summary>
[TestFixture]
public sealed class UrlCanonicalizerPropertyTests
{
    private static readonly string[] Hosts =
        ["baosonghau.example.vn", "BaoSongHau.Example.VN", "báo.example.vn", "XN--BO-MIA.example.vn", "tinhnha.example.vn.", "127.0.0.1", "[::1]", "[FE80::1]"];

    private static readonly string[] Segments =
    [
        "tin-tuc", "Tin-Tuc", "a1001.html", "%7Etoa-soan", "%7etoa", "a%2fb", "a%2Fb", "%41", ".", "..", "", "tin tuc", "tệ", "t%e1%bb%87",
        "modules.php", "index.php", "x;jsessionid=1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D", "y;sid=1234", "z;SID=9f86d081884c7d659a2feaa0c55ad015",
        "a+b", "%25", "%2525", "~", "a;v=1",
    ];

    private static readonly string[] Parameters =
    [
        "sid=1234", "sid=9f86d081884c7d659a2feaa0c55ad015", "SID=nong-dan-thu-hoach", "id=5", "ID=5", "utm_source=rss", "UTM_Medium=x", "fbclid=IwAR0",
        "PHPSESSID=el4ukv0kqbvoirg7nkp4dncpk3", "PHPSESSID=abc", "ASPSESSIONIDQQGGGNCG=LKMACIDAHJPMJMPJBPBJDIGC", "q=a%2fb", "q=a+b", "q=%7e",
        "ref=home", "src_box=1", "page=2", "", "flag", "a=", "=b", "x=%26", "name=News", "q=tệ",
    ];

    private static readonly string[] Fragments = ["", "#", "#top", "#!/tin/1", "#!x%2fy", "#!", "#!A?b=c", "#binh-luan"];

    private static readonly char[] Noise = "aZ09-._~%/?#[]@!$&'()*+,;= ệĐ".ToCharArray();

    [Test]
    public void Canonicalize_GeneratedUrls_IsIdempotentUnderEveryRule()
    {
        Gen<string> noise = Gen.ArrayOf(Gen.Elements(Noise)).Select(c => new string(c));
        Gen<string> segment = Gen.Frequency((4, Gen.Elements(Segments)), (1, noise));
        Gen<string> url =
            from scheme in Gen.Elements("http", "https", "HTTP", "HtTpS")
            from user in Gen.Elements("", "", "", "user:secret@")
            from host in Gen.Elements(Hosts)
            from port in Gen.Elements("", ":80", ":443", ":8080")
            from path in Gen.ArrayOf(segment)
            from slash in Gen.Elements("", "/")
            from query in Gen.ArrayOf(Gen.Elements(Parameters))
            from question in Gen.Elements("", "?")
            from fragment in Gen.Elements(Fragments)
            select $"{scheme}://{user}{host}{port}/{string.Join('/', path)}{slash}{question}{(query.Length > 0 ? "?" + string.Join('&', query) : string.Empty)}{fragment}";
        Gen<IReadOnlyCollection<string>?> strip = Gen.Elements<IReadOnlyCollection<string>?>(null, ["ref"], ["src_*", "page"], ["id"]);
        Gen<TrailingSlashPolicy> policy = Gen.Elements(TrailingSlashPolicy.Keep, TrailingSlashPolicy.Strip);
        int tried = 0;

        Prop.ForAll(
                Arb.From(url),
                Arb.From(strip),
                Arb.From(policy),
                (string text, IReadOnlyCollection<string>? parameters, TrailingSlashPolicy slash) =>
                {
                    if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed))
                    {
                        return true.ToProperty();
                    }

                    tried++;
                    Uri once = UrlCanonicalizer.Canonicalize(parsed, slash, parameters);
                    Uri twice = UrlCanonicalizer.Canonicalize(once, slash, parameters);
                    Uri reparsed = UrlCanonicalizer.Canonicalize(new Uri(once.AbsoluteUri), slash, parameters);
                    return (twice.AbsoluteUri == once.AbsoluteUri && reparsed.AbsoluteUri == once.AbsoluteUri && !once.AbsoluteUri.Contains("secret", StringComparison.Ordinal))
                        .Label($"{text} -> {once.AbsoluteUri} -> {twice.AbsoluteUri}");
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true));

        Assert.That(tried, Is.GreaterThan(1500), "most generated URLs parse, so the property was really exercised");
    }
}
