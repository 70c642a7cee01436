using System.Net;
using Forum.Testing;

namespace Forum.System.Tests.Security;

/// <summary>
/// The metrics (830 KB naming every service's address and load) are for operators: a member of the
/// public, reaching the gateway through its proxy, gets 404; the operator on the machine reads them.
/// </summary>
[Collection(SharedForum.Name)]
public sealed class Keeping_operational_data_private(ForumSystem forum)
{
    [Fact]
    public async Task The_public_gets_404_for_the_metrics_and_no_answer_names_the_server_while_the_operator_reads_them()
    {
        using var fromThePublic = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        fromThePublic.Headers.Add("X-Forwarded-For", "198.51.100.77");
        var refused = await forum.Client.SendAsync(fromThePublic);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("forum_", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.Contains("Server"));

        var operatorView = await forum.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, operatorView.StatusCode);
        Assert.Contains("forum_", await operatorView.Content.ReadAsStringAsync());
    }
}
