using System.Text;

namespace Forum.System.Tests.Reliability.BadInput;

/// <summary>Which process a request is sent to: the gateway, or a service directly (they are reachable by address).</summary>
public enum Target { Gateway, Posts, Comments, Engagement }

/// <summary>
/// One generated request, kept as plain data so that a failure prints exactly what was sent and
/// the same seed sends it again.
/// </summary>
/// <param name="Endpoint">The endpoint it aims at, as "METHOD /route", for the coverage count.</param>
/// <param name="PathAndQuery">Sent as written: no client-side normalisation of "..", "%2e" or "//".</param>
/// <param name="Defect">What is wrong with it, so that it must be refused (or is a read, which changes nothing).</param>
/// <param name="HttpServerMayRefuse">
/// Malformed at the HTTP level (a NUL in the path, headers beyond the server's limits): Kestrel
/// answers before any of the forum's code runs, with a bare status and no body to shape.
/// </param>
/// <param name="MayBeCutOff">So large that the server may answer and close the connection before the client has sent it all.</param>
/// <param name="MustBeRefused">Aimed at an endpoint that changes state: any answer but a refusal means it changed something.</param>
public sealed record MalformedRequest(
    string Endpoint,
    Target Target,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    string Defect,
    bool HttpServerMayRefuse = false,
    bool MayBeCutOff = false,
    bool MustBeRefused = false)
{
    public bool IsApi => PathAndQuery.StartsWith("/api/", StringComparison.Ordinal) || PathAndQuery.StartsWith("/internal/", StringComparison.Ordinal);

    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + EscapeOutsideAscii(PathAndQuery),
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return message;
    }

    /// <summary>Keeps the request line valid HTTP: spaces, controls and non-ASCII are percent-encoded, nothing else is touched.</summary>
    private static string EscapeOutsideAscii(string pathAndQuery)
    {
        var text = new StringBuilder(pathAndQuery.Length);
        foreach (var b in Encoding.UTF8.GetBytes(pathAndQuery))
        {
            text.Append(b is > 0x20 and < 0x7f ? ((char)b).ToString() : $"%{b:X2}");
        }
        return text.ToString();
    }

    /// <summary>The request as a reader needs it to reproduce a failure; long parts are shortened.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Shorten(PathAndQuery, 300)} → {Target} ({Endpoint}; defect: {Defect})");
        foreach (var (name, value) in Headers.Take(8))
        {
            text.Append($"\n  {name}: {Shorten(value, 200)}");
        }
        if (Headers.Count > 8)
        {
            text.Append($"\n  … and {Headers.Count - 8} more headers");
        }
        if (ContentType is not null)
        {
            text.Append($"\n  Content-Type: {Shorten(ContentType, 200)}");
        }
        if (Body is not null)
        {
            var shown = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400));
            text.Append($"\n  body ({Body.Length} bytes): {Escape(shown)}");
        }
        return text.ToString();
    }

    private static string Shorten(string value, int max) =>
        Escape(value.Length <= max ? value : $"{value[..max]}… ({value.Length} characters)");

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return text.ToString();
    }
}

