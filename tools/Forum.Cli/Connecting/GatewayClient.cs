using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Forum.Cli.Connecting;

/// <summary>
/// HTTP to the gateway with the caller's token. Refusals become <see cref="CliException"/>s that
/// quote the problem details the gateway sent, so the user reads why, not a status code.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    private GatewayClient(HttpClient http) => _http = http;

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>A client for the gateway named by the options or the environment, signed in if asked.</summary>
    public static async Task<GatewayClient> ConnectAsync(
        GatewaySettings settings, CliEnvironment environment, bool needsToken, CancellationToken cancellationToken)
    {
        var address = settings.Gateway ?? environment.Variable("FORUM_GATEWAY") ?? GatewaySettings.DefaultGateway;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var gateway) || (gateway.Scheme != Uri.UriSchemeHttp && gateway.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--gateway must be an http(s) URL, not '{address}'.", ExitCodes.Usage);
        }
        var http = new HttpClient(environment.HttpHandler(), disposeHandler: true)
        {
            BaseAddress = gateway,
            // Exports stream for as long as the history is; each page is its own request.
            Timeout = TimeSpan.FromMinutes(10),
        };
        var client = new GatewayClient(http);
        try
        {
            var token = settings.Token ?? await client.SignInAsync(settings, environment, cancellationToken) ?? environment.Variable("FORUM_TOKEN");
            if (token is null && needsToken)
            {
                throw new CliException("This command needs an admin's token: pass --token (or set FORUM_TOKEN), or --user and --password.", ExitCodes.Usage);
            }
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<string?> SignInAsync(GatewaySettings settings, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (settings.User is null)
        {
            return null;
        }
        var password = settings.Password ?? environment.Variable("FORUM_PASSWORD")
            ?? throw new CliException("--user needs --password (or FORUM_PASSWORD).", ExitCodes.Usage);
        using var response = await _http.PostAsJsonAsync("/api/accounts/token", new { userName = settings.User, password }, cancellationToken);
        await EnsureSuccessAsync(response, $"signing in as {settings.User}", cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("accessToken").GetString();
    }

    /// <summary>
    /// Sends a request and reads only its headers, so a long body can be streamed. A refusal
    /// throws, unless its status is one the caller handles itself.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, string doing, CancellationToken cancellationToken, params HttpStatusCode[] handled)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (!handled.Contains(response.StatusCode))
            {
                await EnsureSuccessAsync(response, doing, cancellationToken);
            }
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<T> GetJsonAsync<T>(string path, string doing, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), doing, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json.Options, cancellationToken)
            ?? throw new CliException($"The gateway answered {doing} with nothing.");
    }

    /// <summary>Turns a refusal into a message naming what was being done and why it was refused.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var reason = await ProblemText(response, cancellationToken);
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " Pass an admin's --token, or --user and --password.",
            HttpStatusCode.Forbidden => " The token is not an admin's.",
            _ => "",
        };
        throw new CliException($"The gateway refused {doing}: {(int)response.StatusCode} {reason}{hint}".TrimEnd(),
            response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound ? ExitCodes.Usage : ExitCodes.Failed);
    }

    private static async Task<string> ProblemText(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            var parts = new List<string>();
            if (root.TryGetProperty("title", out var title))
            {
                parts.Add(title.GetString() ?? "");
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(m => $"{field.Name}: {m.GetString()}")));
            }
            else if (root.TryGetProperty("detail", out var detail))
            {
                parts.Add(detail.GetString() ?? "");
            }
            return string.Join(" ", parts.Where(p => p.Length > 0));
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    public void Dispose() => _http.Dispose();
}
