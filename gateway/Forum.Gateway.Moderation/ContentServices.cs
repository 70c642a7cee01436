using System.Net.Http.Headers;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Tokens;
using Forum.Gateway.Moderation.Log;
using Marten;
using Forum.ServiceDefaults.Security;

namespace Forum.Gateway.Moderation;

/// <summary>
/// Moderation acts on posts and comments by asking the service that owns them, as the moderator
/// who decided (so the service judges and records them), or as the gateway itself when nobody
/// decided: content hidden on the members' reports.
/// </summary>
public sealed class ContentServices(AccountDirectory accounts, TokenIssuer tokens, ServiceTokens gateway, IHttpClientFactory clients, IDocumentStore store, TimeProvider clock)
{
    public const string PostsClient = "moderation-posts";
    public const string CommentsClient = "moderation-comments";

    public static void Register(IServiceCollection services)
    {
        services.AddHttpClient(PostsClient, client => client.BaseAddress = new Uri("http://posts")).AddServiceDiscovery();
        services.AddHttpClient(CommentsClient, client => client.BaseAddress = new Uri("http://comments")).AddServiceDiscovery();
        services.AddSingleton<ContentServices>();
    }

    /// <summary>The client and path prefix of a post's or a comment's own calls.</summary>
    public static (string Client, string Path) Of(string kind, Guid id) =>
        kind == "post" ? (PostsClient, $"/api/posts/{id}") : (CommentsClient, $"/api/comments/{id}");

    /// <summary>
    /// Asks the owning service, as <paramref name="moderator"/> or (null) as the gateway; null when
    /// it did it, or it was already done, else what it said.
    /// </summary>
    public async Task<string?> AskAsync(Actor? moderator, string client, string path, HttpMethod method, CancellationToken cancellationToken)
    {
        string token;
        if (moderator is null)
        {
            token = gateway.Current();
        }
        else if (await accounts.FindAsync(moderator.Id, cancellationToken) is { } account)
        {
            token = tokens.Issue(account).AccessToken;
            // The decision that asks this is logged as itself; the act the service records is not logged again.
            await using var session = store.LightweightSession();
            session.Store(new DecisionRequest(DecisionRequest.KeyOf(method, path), account.UserName, clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
        }
        else
        {
            return "The moderator's account no longer exists.";
        }
        using var http = clients.CreateClient(client);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await http.SendAsync(request, cancellationToken);
        // Already deleted is as good as deleted.
        return answer.IsSuccessStatusCode || answer.StatusCode == System.Net.HttpStatusCode.NotFound
            ? null
            : $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}";
    }
}
