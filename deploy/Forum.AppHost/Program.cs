using Microsoft.Extensions.DependencyInjection;
using Forum.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
builder.Services.AddHostedService<ResourceStateLog>();
var settings = LocalSettings.From(builder.Configuration);
var (signingKey, publicKey) = LocalServers.LocalSigningKey(settings.LocalDirectory(builder.AppHostDirectory));
var viewSecret = LocalServers.LocalViewSecret(settings.LocalDirectory(builder.AppHostDirectory));

var postgres = builder.AddLocalServer("postgres", "postgres.sh", settings.PostgresPort, settings.PostgresEnvironment);
var rabbitmq = builder.AddLocalServer("rabbitmq", "rabbitmq.sh", settings.RabbitMqPort, settings.RabbitMqEnvironment);

// A real SMTP server that keeps what the forum mails; its inbox is a page of its own (the dashboard links it).
var mail = builder.AddProject<Projects.Forum_MailCatcher>("mail", launchProfileName: null)
    .WithHttpEndpoint(port: settings.MailInboxPort, name: "http")
    .WithHttpHealthCheck("/health/ready")
    .WithEnvironment("MailCatcher__SmtpPort", settings.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
    .WithEnvironment("MailCatcher__Directory", Path.Combine(settings.LocalDirectory(builder.AppHostDirectory), "mail"));

var posts = builder.AddService<Projects.Forum_Posts>("posts", settings, postgres, rabbitmq, publicKey);
var comments = builder.AddService<Projects.Forum_Comments>("comments", settings, postgres, rabbitmq, publicKey);
var engagement = builder.AddService<Projects.Forum_Engagement>("engagement", settings, postgres, rabbitmq, publicKey);
var notifications = builder.AddService<Projects.Forum_Notifications>("notifications", settings, postgres, rabbitmq, publicKey);

var gateway = builder.AddProject<Projects.Forum_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http")
    .WithHttpHealthCheck("/health/ready")
    .WithForumInfrastructure("gateway-db", settings, postgres, rabbitmq)
    .WithEnvironment("Forum__Auth__SigningKey", signingKey)
    .WithEnvironment("Forum__Views__Secret", viewSecret)
    .WithEnvironment("Forum__Smtp__Host", "127.0.0.1")
    .WithEnvironment("Forum__Smtp__Port", settings.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
    .WithEnvironment("Forum__Smtp__Security", "None")
    .WithEnvironment("Forum__SiteName", "Kim chi nha")
    .WithEnvironment("Forum__PublicUrl", "http://127.0.0.1:" + settings.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
    .WaitFor(mail)
    .WithReference(posts).WithReference(comments).WithReference(engagement).WithReference(notifications)
    .WithReplicas(settings.Replicas("gateway"));

// Consumers first: on a fresh broker a service's queues exist only once it has started, and an
// event published before then would miss them. Posts publishes its default boards at once.
posts.WaitFor(gateway).WaitFor(comments).WaitFor(engagement).WaitFor(notifications);
comments.WaitFor(gateway);
engagement.WaitFor(gateway);
notifications.WaitFor(gateway);

// The line a person waits for: printed once every part, every replica included, is healthy.
builder.Services.AddSingleton(new ReadinessAnnouncement.Expected(
    $"The forum is ready at http://127.0.0.1:{settings.GatewayPort}/",
    [(postgres.Resource, 1), (rabbitmq.Resource, 1), (mail.Resource, 1),
     (posts.Resource, settings.Replicas("posts")), (comments.Resource, settings.Replicas("comments")),
     (engagement.Resource, settings.Replicas("engagement")), (notifications.Resource, settings.Replicas("notifications")),
     (gateway.Resource, settings.Replicas("gateway"))]));
builder.Services.AddHostedService<ReadinessAnnouncement>();

var app = builder.Build();
app.StopLocalServersWhenStopped(builder.AppHostDirectory, ("rabbitmq.sh", settings.RabbitMqEnvironment), ("postgres.sh", settings.PostgresEnvironment));
app.Run();
