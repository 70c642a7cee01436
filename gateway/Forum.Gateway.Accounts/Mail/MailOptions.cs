using MailKit.Security;

namespace Forum.Gateway.Accounts.Mail;

/// <summary>
/// Where the forum's mail goes (<c>Forum__Smtp__*</c>) and the address its links point at
/// (<c>Forum__PublicUrl</c>): links are built from configuration, never from a request's Host
/// header, so nobody can have a reset link sent that points at their own site.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Forum:Smtp";

    /// <summary>The SMTP server; empty: mail waits in the outbox (and the log says so) until one is configured.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "forum@localhost";

    public string FromName { get; set; } = "Forum";

    /// <summary>How long an undeliverable message is tried before it is given up (and counted).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);
}
