using System.Net;
using ArticlePipeline.Worker.Http;

namespace ArticlePipeline.Worker.Tests.Http;

/// <summary>Issue 16: what <c>--http ADDRESS:PORT</c> accepts, and which addresses count as this machine only.</summary>
[TestFixture]
public sealed class HttpBindingTests
{
    [TestCase("127.0.0.1:9464", "127.0.0.1", 9464, true)]
    [TestCase("127.0.0.2:80", "127.0.0.2", 80, true)]
    [TestCase("localhost:0", "127.0.0.1", 0, true)]
    [TestCase("[::1]:9464", "::1", 9464, true)]
    [TestCase("0.0.0.0:9464", "0.0.0.0", 9464, false)]
    [TestCase("[::]:9464", "::", 9464, false)]
    [TestCase("192.0.2.10:9464", "192.0.2.10", 9464, false)]
    public void TryParse_AddressAndPort_ParsesAndTellsLoopback(string text, string address, int port, bool loopback)
    {
        bool parsed = HttpBinding.TryParse(text, out HttpBinding? binding, out string? problem);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.True, problem);
            Assert.That(binding!.EndPoint, Is.EqualTo(new IPEndPoint(IPAddress.Parse(address), port)));
            Assert.That(binding.IsLoopback, Is.EqualTo(loopback));
        }
    }

    [TestCase("9464", "ADDRESS:PORT")]
    [TestCase("127.0.0.1:", "ADDRESS:PORT")]
    [TestCase("127.0.0.1:65536", "port")]
    [TestCase("127.0.0.1:-1", "port")]
    [TestCase("::1:9464", "brackets")]
    [TestCase("example.org:9464", "not an IP address")]
    public void TryParse_Malformed_SaysWhy(string text, string why)
    {
        bool parsed = HttpBinding.TryParse(text, out HttpBinding? binding, out string? problem);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed, Is.False);
            Assert.That(binding, Is.Null);
            Assert.That(problem, Does.Contain(why).And.Contain(text));
        }
    }
}
