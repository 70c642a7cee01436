using Forum.ServiceDefaults.Http;
using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one call each forum service makes to get telemetry, health and problem details.</summary>
public static class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>Adds what every forum service has: telemetry, health checks and problem details.</summary>
    /// <param name="serviceName">The short name of the service (posts, comments, engagement, gateway).</param>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(new ForumService(serviceName));
        builder.ConfigureOpenTelemetry(serviceName);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        builder.Services.AddForumProblemDetails();
        builder.AddForumAuthentication();
        // No answer says which server software runs the forum: it only helps someone looking for a known flaw.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services.ConfigureHttpJsonOptions(options =>
            // Vietnamese and Korean stay readable in API answers instead of \u-escaped; the
            // answers are JSON documents, never embedded in HTML, so relaxed escaping is safe.
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return builder;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Every log line carries the trace it belongs to: over OTLP always, and on the console as
        // JSON (one object a line, with the trace and span ids) where Forum:Logging:Json is set,
        // as in containers, whose logs are collected and searched rather than read.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (string.Equals(builder.Configuration["Forum:Logging:Json"], "true", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ForumTelemetry.Name, "MassTransit", "Marten", "Npgsql")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                // Head sampling: the first service a request reaches decides (HeadSampler), and every span
                // after it follows the decision its trace context carries, so a trace is kept whole or
                // not at all. Metrics and logs see every request regardless.
                .SetSampler(HeadSampler.From(builder.Configuration))
                .AddSource(ForumTelemetry.Name, "MassTransit", "Marten")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes and scrapes would drown the traces people look for.
                    options.Filter = context => !IsOperationalPath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql"));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>Maps health at /health/live and /health/ready, and the Prometheus scrape at /metrics.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // First, so that everything after sees the client's address (a no-op unless proxies are trusted: Forum:TrustedProxies at the gateway).
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNulInQueryRefusal();
        app.UseAuthentication();
        app.UseAuthorization();

        // Probes and scrapes only read; other methods are not routed to them.
        var readOnly = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") })
            .WithMetadata(readOnly);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains("live"),
            ResponseWriter = Forum.ServiceDefaults.Health.HealthReportWriter.WriteAsync,
        }).WithMetadata(readOnly);
        // Metrics tell a stranger how the forum is built and how busy it is: only operators scrape them.
        var managementPort = app.Configuration.GetValue<int?>(MetricsScraping.ManagementPortSetting);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics") && !MetricsScraping.Allows(context, managementPort),
            refused => refused.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(readOnly);
        return app;
    }

    private static bool IsOperationalPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

/// <summary>Who this process is: its service name, used in queue names, headers and telemetry.</summary>
public sealed record ForumService(string Name);
