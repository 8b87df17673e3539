namespace ArticlePipeline.Worker.Http;

/// <summary>
/// Configuration section <c>Console</c>: who may use the HTTP endpoints of <c>run --http</c> (the operator console,
/// <c>/readyz</c>, <c>/metrics</c>).
/// </summary>
public sealed class ConsoleAccessOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Console";

    /// <summary>
    /// The access token every request but <c>/healthz</c> must carry, as <c>Authorization: Bearer TOKEN</c> or as the
    /// cookie <see cref="OperatorSecurity.TokenCookie"/>. Required when <c>--http</c> binds an address other than
    /// loopback; when set, it is required on loopback too. Keep it out of files under version control
    /// (<c>ARTICLEPIPELINE__Console__AccessToken</c>).
    /// </summary>
    /// <value>Empty: loopback only, no token.</value>
    public string? AccessToken { get; set; }
}
