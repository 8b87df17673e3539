namespace ArticlePipeline.Translation;

/// <summary>
/// The configured secrets (the Translator key, the database password...) that must never be stored: a translation
/// whose text contains one (a service that echoes request headers as "text") is refused, never written to a record or
/// the translation memory. Matching ignores case, as a translation may change it.
/// </summary>
public sealed class SecretScreen
{
    /// <summary>Secrets shorter than this are not screened: matching them would refuse ordinary words.</summary>
    public const int MinimumLength = 8;

    private readonly (string Name, string Value)[] _secrets;

    /// <summary>Creates the screen.</summary>
    /// <param name="secrets">Each secret by the name of its setting (e.g. <c>Translator:Key</c>); empty and short values
    /// are left out.</param>
    public SecretScreen(IEnumerable<KeyValuePair<string, string?>> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets
            .Where(static s => s.Value is { } value && value.Trim().Length >= MinimumLength)
            .Select(static s => (s.Key, s.Value!.Trim()))];
    }

    /// <summary>A screen with no secrets.</summary>
    public static SecretScreen None { get; } = new([]);

    /// <summary>The name of the setting whose secret <paramref name="text"/> contains, or <see langword="null"/>.</summary>
    /// <param name="text">A text about to be stored.</param>
    /// <returns>The setting's name (never the secret), or <see langword="null"/> when the text holds none.</returns>
    public string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach ((string name, string value) in _secrets)
        {
            if (text.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The reason stored for a language refused because its answer held the secret of <paramref name="setting"/>.</summary>
    /// <param name="setting">The setting's name.</param>
    /// <returns>A reason that names the setting, not the secret.</returns>
    public static string Reason(string setting) =>
        $"translation refused: the translator's answer contained a configured secret ({setting}); nothing of it was stored";
}
