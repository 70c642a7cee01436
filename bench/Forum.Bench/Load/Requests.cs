using System.Net;
using System.Text;

namespace Forum.Bench.Load;

/// <summary>HTTP/1.1 requests as bytes, made once (or per request where they vary) and sent as they are.</summary>
public static class Requests
{
    public const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    public static byte[] Get(IPEndPoint target, string pathAndQuery, string userAgent = BrowserAgent, string accept = "application/json", string? cookie = null) =>
        Encoding.UTF8.GetBytes(
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: {target}\r\nUser-Agent: {userAgent}\r\nAccept: {accept}\r\n" + (cookie is null ? "" : $"Cookie: {cookie}\r\n") + "\r\n");

    public static byte[] PostJson(IPEndPoint target, string path, string json, string? bearerToken)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.UTF8.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {target}\r\nUser-Agent: {BrowserAgent}\r\nAccept: application/json\r\n"
            + (bearerToken is null ? "" : $"Authorization: Bearer {bearerToken}\r\n")
            + $"Content-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }
}
