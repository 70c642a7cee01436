using Microsoft.Extensions.DependencyInjection;
using Forum.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
builder.Services.AddHostedService<ResourceStateLog>();
var settings = LocalSettings.From(builder.Configuration);
var (signingKey, publicKey) = LocalServers.LocalSigningKey(settings.LocalDirectory(builder.AppHostDirectory));
var viewSecret = LocalServers.LocalViewSecret(settings.LocalDirectory(builder.AppHostDirectory));

var postgres = builder.AddLocalServer("postgres", "postgres.sh", settings.PostgresPort, settings.PostgresEnvironment);
var rabbitmq = builder.AddLocalServer("rabbitmq", "rabbitmq.sh", settings.RabbitMqPort, settings.RabbitMqEnvironment);

var posts = builder.AddProject<Projects.Forum_Posts>("posts")
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health/ready")
    .WithForumInfrastructure("posts-db", settings, postgres, rabbitmq)
    .WithEnvironment("Forum__Auth__PublicKey", publicKey)
    .WithReplicas(settings.Replicas("posts"));
var comments = builder.AddProject<Projects.Forum_Comments>("comments")
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health/ready")
    .WithForumInfrastructure("comments-db", settings, postgres, rabbitmq)
    .WithEnvironment("Forum__Auth__PublicKey", publicKey)
    .WithReplicas(settings.Replicas("comments"));
var engagement = builder.AddProject<Projects.Forum_Engagement>("engagement")
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health/ready")
    .WithForumInfrastructure("engagement-db", settings, postgres, rabbitmq)
    .WithEnvironment("Forum__Auth__PublicKey", publicKey)
    .WithReplicas(settings.Replicas("engagement"));

var gateway = builder.AddProject<Projects.Forum_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http")
    .WithHttpHealthCheck("/health/ready")
    .WithForumInfrastructure("gateway-db", settings, postgres, rabbitmq)
    .WithEnvironment("Forum__Auth__SigningKey", signingKey)
    .WithEnvironment("Forum__Views__Secret", viewSecret)
    .WithReference(posts).WithReference(comments).WithReference(engagement)
    .WithReplicas(settings.Replicas("gateway"));

// Consumers first: on a fresh broker a service's queues exist only once it has started, and an
// event published before then would miss them. Posts publishes its default boards at once.
posts.WaitFor(gateway).WaitFor(comments).WaitFor(engagement);
comments.WaitFor(gateway);
engagement.WaitFor(gateway);

builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (_, _) =>
{
    Console.WriteLine($"The forum is ready at http://127.0.0.1:{settings.GatewayPort}/");
    return Task.CompletedTask;
});

var app = builder.Build();
app.StopLocalServersWhenStopped(builder.AppHostDirectory, ("rabbitmq.sh", settings.RabbitMqEnvironment), ("postgres.sh", settings.PostgresEnvironment));
app.Run();
