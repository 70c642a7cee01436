using Forum.EventSourcing.MemberStanding;
using Forum.EventSourcing.PersonalData;
using Forum.EventSourcing.Health;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core;

namespace Forum.EventSourcing;

/// <summary>Marten on the service's own PostgreSQL database, the same way in every service.</summary>
public static class EventStoreExtensions
{
    /// <summary>
    /// A Marten document store on <c>ConnectionStrings:{connectionName}</c>: the database is created
    /// if missing, schema objects are applied at start-up, and the database is part of readiness.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddForumDocumentStore(
        this IHostApplicationBuilder builder, string connectionName, Action<StoreOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set: the service needs its PostgreSQL database.");

        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(PreparingStatements(connectionString)).Build());
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("database", tags: [ServiceDefaultsExtensions.ReadyTag]);
        // A database or broker that is away is a 503 the caller may retry, not a 500.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler, DependencyUnavailableExceptionHandler>());
        // Every process with a store checks tokens against the suspended members it records
        // (its bus adds StandingRecorder and StandingRelay).
        builder.Services.AddMemberStanding();
        // Members' personal data in events and documents is sealed with a key of their own.
        var memberKeys = new MemberKeyRing(PreparingStatements(connectionString));
        builder.Services.AddSingleton(memberKeys);

        return builder.Services.AddMarten(options =>
            {
                options.UseForumConventions(connectionString, memberKeys: memberKeys);
                // A fresh PostgreSQL server is enough: the service's database is created if missing.
                options.CreateDatabasesForTenants(databases => databases
                    .MaintenanceDatabase(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString)
                    .ForTenant()
                    .CheckAgainstPgDatabase());
                MemberStandingExtensions.RegisterDocuments(options);
                configure?.Invoke(options);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
    }

    /// <summary>
    /// Statements a connection runs again and again (Marten's appends, loads and upserts, the
    /// daemon's polls) are prepared on it, 64 at most, unless the connection string names another
    /// number. Without prepared statements Npgsql resets a pooled connection with
    /// <c>DISCARD ALL</c> each time it is taken again, which also drops the plans PostgreSQL
    /// cached inside Marten's functions: every append planned its statements afresh, more than
    /// half of its time (bench/HISTORY.md).
    /// </summary>
    public static string PreparingStatements(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }
        return settings.ConnectionString;
    }

    /// <summary>
    /// How every forum store talks to PostgreSQL: its connection, the <c>forum</c> schema, schema
    /// objects created or updated as needed, and camel-case JSON with enums as strings. A second
    /// store over the same documents (a read-model rebuild's) uses this too, so it writes the same JSON.
    /// <see cref="PersonalText"/> is stored sealed with its member's key from <paramref name="memberKeys"/>
    /// (the database's own ring when none is given).
    /// </summary>
    public static StoreOptions UseForumConventions(this StoreOptions options, string connectionString, string schemaName = "forum", MemberKeyRing? memberKeys = null)
    {
        options.Connection(PreparingStatements(connectionString));
        options.DatabaseSchemaName = schemaName;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        var keys = memberKeys ?? new MemberKeyRing(PreparingStatements(connectionString));
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json => json.Converters.Add(new PersonalTextJsonConverter(keys)));
        options.DisableNpgsqlLogging = true;
        return options;
    }

    /// <summary>
    /// The service's event store: streams keyed by GUID, the trace context stored with every
    /// event, and the forwarder that publishes committed events to the broker (DESIGN §4).
    /// </summary>
    public static IHostApplicationBuilder AddForumEventStore<TMapper>(
        this IHostApplicationBuilder builder, string serviceName, string connectionName, Action<StoreOptions>? configure = null)
        where TMapper : class, IIntegrationEventMapper
    {
        builder.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        builder.Services.AddSingleton<ForwarderLag>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ForwarderLag>());
        builder.Services.AddHostedService<StoppedForwarderRestarter>();
        builder.Services.AddHealthChecks().AddCheck<ForwarderLag>("forwarder", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddHealthChecks()
            .AddCheck<DeadLetterHealthCheck>("dead-letters", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.AddForumDocumentStore(connectionName, options =>
            {
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                // The forwarder polls for new events, often, rather than being woken by LISTEN/NOTIFY:
                // after a PostgreSQL restart the woken daemon stopped seeing new events for good (found
                // by the fault suite; docs/decisions/2026-11-28-the-forwarder-polls.md). Marten waits
                // the slow time, not the fast one, both when it has caught up and when a write still in
                // flight holds the mark back, which under a steady load is most polls: 50 ms, not 250.
                options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(25);
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(50);
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Listeners.Add(new TraceContextListener());
                // A hole in the event sequence is an append still in flight or one rolled back; Marten
                // skips it after 3 s unless it finds a live transaction that could still fill it. 15 s
                // stalled forwarding behind every optimistic-concurrency rollback (two replicas liking
                // one post) far too long, so the default stays.
                configure?.Invoke(options);
            })
            // One replica forwards at a time (an advisory lock elects it); the others stand by.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<EventForwarder>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Name = EventForwarder.SubscriptionName;
                subscription.Options.BatchSize = 500;
            });
        return builder;
    }
}
