using Microsoft.Extensions.Options;
using MimeKit;

namespace Forum.MailCatcher;

/// <summary>A caught message as the inbox shows it.</summary>
public sealed record CaughtMessage(string Id, DateTimeOffset ReceivedAt, string From, IReadOnlyList<string> To, string Subject, string? Text, string? Html);

/// <summary>
/// The caught messages: one .eml file each, named so that names sort by arrival, written whole
/// before they appear (a reader never sees half a message), readable by any mail program.
/// </summary>
public sealed class Inbox(IOptions<CatcherOptions> options)
{
    public string Directory { get; } = System.IO.Directory.CreateDirectory(Path.GetFullPath(options.Value.Directory)).FullName;

    public async Task<string> KeepAsync(byte[] message, CancellationToken cancellationToken)
    {
        var id = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff}-{Guid.NewGuid():N}";
        var partial = Path.Combine(Directory, id + ".partial");
        await File.WriteAllBytesAsync(partial, message, cancellationToken);
        File.Move(partial, Path.Combine(Directory, id + ".eml"));
        return id;
    }

    /// <summary>The messages, newest first, those to <paramref name="to"/> alone when given.</summary>
    public async Task<IReadOnlyList<CaughtMessage>> ListAsync(string? to, CancellationToken cancellationToken)
    {
        var messages = new List<CaughtMessage>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.eml").OrderDescending(StringComparer.Ordinal))
        {
            var message = await ReadAsync(path, cancellationToken);
            if (to is null || message.To.Any(address => string.Equals(address, to, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add(message);
            }
        }
        return messages;
    }

    public async Task<CaughtMessage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, id + ".eml");
        return IsId(id) && File.Exists(path) ? await ReadAsync(path, cancellationToken) : null;
    }

    private static bool IsId(string id) => id.Length is > 0 and < 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static async Task<CaughtMessage> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var message = await MimeMessage.LoadAsync(path, cancellationToken);
        return new CaughtMessage(
            Path.GetFileNameWithoutExtension(path),
            File.GetLastWriteTimeUtc(path),
            message.From.ToString(),
            [.. message.To.Mailboxes.Select(mailbox => mailbox.Address)],
            message.Subject ?? "",
            message.TextBody,
            message.HtmlBody);
    }
}
