using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ArticlePipeline.Worker.Http;

/// <summary>
/// What every response of <c>run --http</c> goes through before any endpoint: security headers, read-only methods and
/// the access token.
/// </summary>
/// <remarks>
/// The headers are set before the endpoint runs, so a page cannot forget them: a Content-Security-Policy that allows
/// no script at all (crawled titles and bodies are hostile text; if escaping ever failed, an injected script still
/// would not run), <c>nosniff</c>, no framing and no referrer. Only GET and HEAD reach an endpoint (405 otherwise),
/// except the browser's POST of a CSP violation report to <see cref="CspReportPath"/>. With an access token
/// configured, every path but <see cref="HealthPath"/> needs it (401 otherwise); the comparison takes the same time
/// whatever the token sent.
/// </remarks>
public sealed class OperatorSecurity
{
    /// <summary>The liveness path, open without the token (a supervisor's probe carries no secret).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Where browsers send Content-Security-Policy violation reports.</summary>
    public const string CspReportPath = "/csp-report";

    /// <summary>The cookie that may carry the access token instead of the Authorization header.</summary>
    public const string TokenCookie = "ArticlePipeline.Token";

    /// <summary>The Content-Security-Policy of every response: no script, styles and images from this origin only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        + "report-uri " + CspReportPath + "; report-to csp";

    private readonly RequestDelegate _next;
    private readonly byte[]? _tokenHash;

    /// <summary>Creates the middleware.</summary>
    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="accessToken">The token requests must carry, or <see langword="null"/> when none is required.</param>
    public OperatorSecurity(RequestDelegate next, string? accessToken)
    {
        _next = next;
        _tokenHash = string.IsNullOrEmpty(accessToken) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(accessToken));
    }

    /// <summary>Handles one request.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task.</returns>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Reporting-Endpoints"] = "csp=\"" + CspReportPath + "\"";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";

        HttpRequest request = context.Request;
        bool read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        bool report = HttpMethods.IsPost(request.Method) && request.Path.Equals(CspReportPath, StringComparison.Ordinal);
        if (!read && !report)
        {
            headers.Allow = "GET, HEAD";
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (_tokenHash is not null && !request.Path.Equals(HealthPath, StringComparison.Ordinal) && !report && !Authorized(request))
        {
            headers.WWWAuthenticate = "Bearer";
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return _next(context);
    }

    private bool Authorized(HttpRequest request)
    {
        string? presented = null;
        StringValues authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = value["Bearer ".Length..].Trim();
        }
        else if (request.Cookies.TryGetValue(TokenCookie, out string? cookie))
        {
            presented = cookie;
        }

        // Hashes of equal length, compared in constant time: the answer's timing says nothing about the token.
        return presented is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _tokenHash);
    }
}
