using Forum.Notifications;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(NotificationsExtensions.ServiceName);
builder.AddNotificationsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotificationsApi();

app.Run();

/// <summary>The notifications service's entry point; public so tests can host it.</summary>
public partial class Program;
