using Forum.EventSourcing;
using MimeKit;

namespace Forum.Gateway.Accounts.Recovery;

/// <summary>What makes an e-mail address acceptable: one plain address (an international one too), no name, no list.</summary>
public static class EmailRules
{
    public const int MaxLength = 254;

    /// <summary>The address as kept (domain in lower case), or null with an error added.</summary>
    public static string? Check(string? email, FieldErrors errors)
    {
        var text = email?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !MailboxAddress.TryParse(text, out var mailbox) || mailbox.Address != text || !string.IsNullOrEmpty(mailbox.Name))
        {
            errors.Add("email", "An e-mail address looks like ten@ví-dụ.vn: one address, no spaces, no name.");
            return null;
        }
        var at = text.LastIndexOf('@');
        var domain = text[(at + 1)..];
        if (at < 1 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains(".."))
        {
            errors.Add("email", "An e-mail address looks like ten@ví-dụ.vn: one address, no spaces, no name.");
            return null;
        }
        return text[..(at + 1)] + domain.ToLowerInvariant();
    }
}
