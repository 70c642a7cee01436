using System.Diagnostics;
using System.Diagnostics.Metrics;
using Forum.ServiceDefaults.Telemetry;
using JasperFx;
using MailKit.Net.Smtp;
using Marten;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Forum.Gateway.Accounts.Mail;

/// <summary>
/// Sends the outbox over SMTP (MailKit), woken when mail is queued and every few seconds. A
/// replica takes a message by pushing its next attempt forward under optimistic concurrency, so
/// one replica sends it; it is deleted once the server took it. A crash between the two sends it
/// again later: mail is delivered at least once. A failure is retried with growing pauses until
/// <see cref="MailOptions.GiveUpAfter"/>.
/// </summary>
public sealed class MailDelivery(IDocumentStore store, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDelivery> logger) : OutboxWorker(logger)
{
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    private static readonly Counter<long> Sent = ForumTelemetry.Meter.CreateCounter<long>("forum.mail.sent", "{message}",
        "Mail handed to the SMTP server, by kind and outcome (sent, failed: tried again later, given_up).");

    private bool _saidUnconfigured;

    protected override string FailureMessage => "Sending mail failed; it stays queued and goes out at the next try.";

    protected override async Task SendWaitingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Host))
        {
            if (!_saidUnconfigured)
            {
                logger.LogWarning("No SMTP server is configured (Forum__Smtp__Host): mail waits in the outbox.");
                _saidUnconfigured = true;
            }
            return;
        }
        var now = clock.GetUtcNow();
        IReadOnlyList<OutgoingMail> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<OutgoingMail>().Where(m => m.NextAttemptAt <= now).OrderBy(m => m.QueuedAt).Take(50).ToListAsync(cancellationToken);
        }
        if (due.Count == 0)
        {
            return;
        }
        using var smtp = new SmtpClient();
        foreach (var mail in due)
        {
            if (!await TakeAsync(mail, now, cancellationToken))
            {
                continue; // another replica took it
            }
            await SendAsync(smtp, mail, settings, cancellationToken);
        }
        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }
    }

    /// <summary>
    /// Takes a message for this replica: read and written back in one session, so the store
    /// checks the version read (optimistic concurrency) and only one replica's write succeeds.
    /// </summary>
    private async Task<bool> TakeAsync(OutgoingMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<OutgoingMail>(mail.Id, cancellationToken) is not { } fresh || fresh.NextAttemptAt > now)
            {
                return false;
            }
            session.Store(fresh with { NextAttemptAt = now + Claim });
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false;
        }
    }

    private async Task SendAsync(SmtpClient smtp, OutgoingMail mail, MailOptions settings, CancellationToken cancellationToken)
    {
        using var activity = ForumTelemetry.Source.StartActivity("send mail");
        activity?.SetTag("forum.mail.kind", mail.Kind);
        var kind = new KeyValuePair<string, object?>("kind", mail.Kind);
        try
        {
            if (!smtp.IsConnected)
            {
                await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await smtp.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
                }
            }
            await smtp.SendAsync(Message(mail, settings), cancellationToken);
            await using var session = store.LightweightSession();
            session.Delete<OutgoingMail>(mail.Id);
            await session.SaveChangesAsync(cancellationToken);
            Sent.Add(1, kind, new("outcome", "sent"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var now = clock.GetUtcNow();
            await using var session = store.LightweightSession();
            mail = await session.LoadAsync<OutgoingMail>(mail.Id, cancellationToken) ?? mail;
            if (now - mail.QueuedAt > settings.GiveUpAfter)
            {
                session.Delete<OutgoingMail>(mail.Id);
                Sent.Add(1, kind, new("outcome", "given_up"));
                logger.LogError(e, "Gave up sending {Kind} mail {Id} after {Attempts} attempts", mail.Kind, mail.Id, mail.Attempts + 1);
            }
            else
            {
                // The pause grows with each attempt, up to a quarter of an hour.
                var pause = TimeSpan.FromSeconds(Math.Min(900, 5 * Math.Pow(2, mail.Attempts)));
                session.Store(mail with { NextAttemptAt = now + pause, Attempts = mail.Attempts + 1 });
                Sent.Add(1, kind, new("outcome", "failed"));
                logger.LogWarning(e, "Sending {Kind} mail {Id} failed; trying again in {Pause}", mail.Kind, mail.Id, pause);
            }
            // Stored over the claimed version: this replica holds the claim.
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
            }
            if (smtp.IsConnected)
            {
                await smtp.DisconnectAsync(quit: false, CancellationToken.None);
            }
        }
    }

    private static MimeMessage Message(OutgoingMail mail, MailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.MessageId = $"{mail.Id:N}@forum";
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }
}
