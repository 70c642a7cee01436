using System.Net.Http.Headers;
using System.Net.Http.Json;
using Forum.Gateway.Accounts;
using Forum.Gateway.Accounts.Recovery;
using Forum.Gateway.Accounts.Tokens;
using Forum.Gateway.Edge;

namespace Forum.Gateway.Web;

/// <summary>
/// Pages that change something (a comment form, the composer) call the owning service as the
/// signed-in user, with a bearer token made for this call, exactly as the API would.
/// </summary>
public sealed class ServiceCalls(IHttpClientFactory clients, AccountDirectory accounts, TokenIssuer tokens)
{
    public const string Posts = "posts";
    public const string Comments = "comments";
    public const string Engagement = "engagement";
    public const string Notifications = "notifications";

    // One of these serves one request (it is scoped): a page that calls several services (the
    // bell, a watch button, a form) loads the account and signs a token once, not once per call.
    private Task<Account?>? _account;
    private string? _token;

    public static void Register(IServiceCollection services)
    {
        foreach (var service in new[] { Posts, Comments, Engagement, Notifications })
        {
            services.AddHttpClient(service, client => client.BaseAddress = new Uri($"http://{service}")).AddServiceDiscovery();
        }
        services.AddScoped<ServiceCalls>();
    }

    /// <summary>A client for the service acting as the session's user; null if there is no such account.</summary>
    public async Task<HttpClient?> AsSessionUserAsync(string service, HttpContext context)
    {
        if (await SessionAccountAsync(context) is not { } account)
        {
            return null;
        }
        var client = clients.CreateClient(service);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token ??= tokens.Issue(account).AccessToken);
        return client;
    }

    /// <summary>An edit of what is at <paramref name="path"/>, made only if it is still at <paramref name="version"/> (<c>If-Match</c>): else the service answers 412.</summary>
    public static async Task<HttpResponseMessage> EditAtVersionAsync(HttpClient client, string path, object body, long version, CancellationToken cancellationToken)
    {
        using var edit = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        edit.Headers.IfMatch.Add(new EntityTagHeaderValue(Forum.EventSourcing.EntityTags.ForVersion(version)));
        return await client.SendAsync(edit, cancellationToken);
    }

    /// <summary>A client for the service as the session's user when there is one, else as an anonymous reader.</summary>
    public async Task<HttpClient> AsReaderAsync(string service, HttpContext context) =>
        await AsSessionUserAsync(service, context) ?? clients.CreateClient(service);

    /// <summary>The account behind the session, with its current roles (read once per request: the session's check already read it).</summary>
    public Task<Account?> SessionAccountAsync(HttpContext context) => _account ??= ReadSessionAccountAsync(context);

    private Task<Account?> ReadSessionAccountAsync(HttpContext context)
    {
        if (SessionAuthentication.SessionAccountId(context) is not { } id)
        {
            return Task.FromResult<Account?>(null);
        }
        return SessionCheck.TryGetSessionAccount(context, out var read) && read?.Id == id
            ? Task.FromResult<Account?>(read)
            : accounts.FindAsync(id, context.RequestAborted);
    }
}
