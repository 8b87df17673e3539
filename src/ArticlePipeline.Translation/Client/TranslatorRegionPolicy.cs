using Azure.Core;
using Azure.Core.Pipeline;

namespace ArticlePipeline.Translation.Client;

/// <summary>Adds the <c>Ocp-Apim-Subscription-Region</c> header that regional Translator resources require.</summary>
internal sealed class TranslatorRegionPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _region;

    /// <summary>Creates the policy.</summary>
    /// <param name="region">The Azure region of the resource, e.g. <c>westeurope</c>.</param>
    public TranslatorRegionPolicy(string region)
    {
        _region = region;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(TranslatorHeaders.SubscriptionRegion, _region);
    }
}
