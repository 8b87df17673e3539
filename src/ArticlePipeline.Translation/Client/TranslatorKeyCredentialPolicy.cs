using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ArticlePipeline.Translation.Client;

/// <summary>
/// Sends the resource key as <c>Ocp-Apim-Subscription-Key</c>, read from the <see cref="AzureKeyCredential"/> on every attempt
/// so that <c>AzureKeyCredential.Update</c> rotates it without a new client.
/// </summary>
/// <remarks>Azure.Core's own <c>AzureKeyCredentialPolicy</c> is internal to Azure.Core 1.64, so this is its small equivalent.</remarks>
internal sealed class TranslatorKeyCredentialPolicy : HttpPipelineSynchronousPolicy
{
    private readonly AzureKeyCredential _credential;

    /// <summary>Creates the policy.</summary>
    /// <param name="credential">The resource key.</param>
    public TranslatorKeyCredentialPolicy(AzureKeyCredential credential)
    {
        _credential = credential;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(TranslatorHeaders.SubscriptionKey, _credential.Key);
    }
}
