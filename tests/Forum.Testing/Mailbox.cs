using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Forum.Testing;

/// <summary>A message the fixture's mail server received, as its inbox API shows it.</summary>
public sealed record ReceivedMail(string Id, DateTimeOffset ReceivedAt, string From, IReadOnlyList<string> To, string Subject, string? Text, string? Html)
{
    /// <summary>The first link in the text that goes to <paramref name="path"/>, as path and query (to follow on any gateway).</summary>
    public string LinkTo(string path)
    {
        var match = Regex.Match(Text ?? "", $@"https?://[^/\s]+({Regex.Escape(path)}[^\s]*)");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No link to {path} in the mail:\n{Text}");
    }
}

/// <summary>The inbox of the fixture's mail catcher: the real messages its SMTP server received.</summary>
public sealed class Mailbox(Uri catcher) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = catcher, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<IReadOnlyList<ReceivedMail>> ToAsync(string address) =>
        await _client.GetFromJsonAsync<List<ReceivedMail>>($"/api/messages?to={Uri.EscapeDataString(address)}", JsonSerializerOptions.Web) ?? [];

    /// <summary>Waits for the <paramref name="count"/>-th message to an address (mail goes out within moments of the request).</summary>
    public async Task<ReceivedMail> WaitForAsync(string address, int count = 1, string? subjectContains = null)
    {
        var received = await Eventually.ValueAsync(() => ToAsync(address),
            mails => mails.Count(m => subjectContains is null || m.Subject.Contains(subjectContains, StringComparison.Ordinal)) >= count,
            what: $"{count} mail(s) to {address}");
        return received.Where(m => subjectContains is null || m.Subject.Contains(subjectContains, StringComparison.Ordinal)).OrderBy(m => m.Id, StringComparer.Ordinal).ElementAt(count - 1);
    }

    public void Dispose() => _client.Dispose();
}
