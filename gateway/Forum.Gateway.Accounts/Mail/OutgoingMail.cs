namespace Forum.Gateway.Accounts.Mail;

/// <summary>
/// A message waiting to be sent, saved in the same transaction as what it tells of (a reset
/// link and its token), so an answered request never loses its mail; deleted once the SMTP server took it.
/// </summary>
public sealed record OutgoingMail
{
    public Guid Id { get; init; }

    /// <summary>What it is (<c>verify-email</c>, <c>reset-password</c>, <c>password-changed</c>), for metrics and traces.</summary>
    public string Kind { get; init; } = "";

    public string To { get; init; } = "";

    public string Subject { get; init; } = "";

    public string Text { get; init; } = "";

    public string Html { get; init; } = "";

    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>When a sender may next take it: a replica that takes it pushes this forward first, so two replicas do not both send it.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    public int Attempts { get; init; }
}
