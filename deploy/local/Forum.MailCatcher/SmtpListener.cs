using System.Buffers;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Forum.MailCatcher;

/// <summary>Listens for SMTP on loopback and hands every message it accepts to the inbox.</summary>
public sealed class SmtpListener(IOptions<CatcherOptions> options, Inbox inbox, ILogger<SmtpListener> logger) : BackgroundService
{
    private static volatile bool _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = options.Value.SmtpPort;
        var smtp = new SmtpServerOptionsBuilder()
            .ServerName("forum-mail-catcher")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(inbox, logger));
        var server = new SmtpServer.SmtpServer(smtp, services);
        var running = server.StartAsync(stoppingToken);
        _listening = true;
        logger.LogInformation("Catching mail on smtp://127.0.0.1:{Port}, kept in {Directory}", port, inbox.Directory);
        await running;
    }

    /// <summary>Ready once the SMTP port listens.</summary>
    public sealed class Listening : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(_listening ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The SMTP port is not listening yet."));
    }

    private sealed class Store(Inbox inbox, ILogger logger) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var id = await inbox.KeepAsync(buffer.ToArray(), cancellationToken);
            logger.LogInformation("Caught message {Id} for {Recipients}", id, string.Join(", ", transaction.To.Select(to => $"{to.User}@{to.Host}")));
            return SmtpResponse.Ok;
        }
    }
}
