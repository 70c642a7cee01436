using Forum.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = LocalSettings.From(builder.Configuration);

var postgres = builder.AddLocalServer("postgres", "postgres.sh", settings.PostgresPort, settings.PostgresEnvironment);
var rabbitmq = builder.AddLocalServer("rabbitmq", "rabbitmq.sh", settings.RabbitMqPort, settings.RabbitMqEnvironment);

var posts = builder.AddProject<Projects.Forum_Posts>("posts")
    .WithHttpEndpoint()
    .WithForumInfrastructure("posts-db", settings, postgres, rabbitmq)
    .WithReplicas(settings.Replicas("posts"));
var comments = builder.AddProject<Projects.Forum_Comments>("comments")
    .WithHttpEndpoint()
    .WithForumInfrastructure("comments-db", settings, postgres, rabbitmq)
    .WithReplicas(settings.Replicas("comments"));
var engagement = builder.AddProject<Projects.Forum_Engagement>("engagement")
    .WithHttpEndpoint()
    .WithForumInfrastructure("engagement-db", settings, postgres, rabbitmq)
    .WithReplicas(settings.Replicas("engagement"));

var gateway = builder.AddProject<Projects.Forum_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http")
    .WithHttpHealthCheck("/health/ready")
    .WithForumInfrastructure("gateway-db", settings, postgres, rabbitmq)
    .WithReference(posts).WithReference(comments).WithReference(engagement)
    .WithReplicas(settings.Replicas("gateway"));

builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (_, _) =>
{
    Console.WriteLine($"The forum is ready at http://127.0.0.1:{settings.GatewayPort}/");
    return Task.CompletedTask;
});

builder.Build().Run();
