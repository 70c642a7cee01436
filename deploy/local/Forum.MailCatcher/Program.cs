using Forum.MailCatcher;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<CatcherOptions>(builder.Configuration.GetSection(CatcherOptions.Section));
builder.Services.AddSingleton<Inbox>();
builder.Services.AddHostedService<SmtpListener>();
builder.Services.AddHealthChecks().AddCheck<SmtpListener.Listening>("smtp");

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");
app.MapInbox();
app.Run();
