using System.Net;
using System.Text;

namespace Forum.MailCatcher;

/// <summary>The inbox for a developer (<c>/</c>, <c>/messages/{id}</c>) and for tests (<c>/api/messages?to=</c>); clearing it is deleting the files.</summary>
public static class InboxPages
{
    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/messages", async (string? to, Inbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.ListAsync(to, ct)));
        app.MapGet("/", async (Inbox inbox, CancellationToken ct) => Html("Mail caught", List(await inbox.ListAsync(null, ct))));
        app.MapGet("/messages/{id}", async (string id, Inbox inbox, CancellationToken ct) =>
            await inbox.FindAsync(id, ct) is { } message ? Html(message.Subject, One(message)) : Results.NotFound());
        return app;
    }

    private static string List(IReadOnlyList<CaughtMessage> messages)
    {
        var html = new StringBuilder($"<h1>Mail caught ({messages.Count})</h1><table><tr><th>received</th><th>to</th><th>subject</th></tr>");
        foreach (var m in messages)
        {
            html.Append($"<tr><td>{m.ReceivedAt:yyyy-MM-dd HH:mm:ss}</td><td>{E(string.Join(", ", m.To))}</td><td><a href=\"/messages/{m.Id}\">{E(m.Subject)}</a></td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    // The HTML part is shown in a sandboxed frame: a message's markup never runs as this page.
    private static string One(CaughtMessage m) =>
        $"<p><a href=\"/\">← all mail</a></p><h1>{E(m.Subject)}</h1><p>From {E(m.From)} to {E(string.Join(", ", m.To))}, {m.ReceivedAt:yyyy-MM-dd HH:mm:ss} UTC</p>"
        + (m.Html is { } body ? $"<iframe sandbox=\"\" srcdoc=\"{E(body)}\" style=\"width:100%;height:24rem;border:1px solid #ccc\"></iframe>" : "")
        + (m.Text is { } text ? $"<pre style=\"white-space:pre-wrap\">{E(text)}</pre>" : "")
        + $"<p><a href=\"/api/messages\">as JSON</a></p>";

    private static IResult Html(string title, string body) =>
        Results.Content($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{E(title)}</title></head><body style=\"font-family:sans-serif;max-width:60rem;margin:1rem auto\">{body}</body></html>", "text/html; charset=utf-8");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
