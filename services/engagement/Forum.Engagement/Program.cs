using Forum.Engagement;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(EngagementExtensions.ServiceName);
builder.AddEngagementServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapEngagementApi();

app.Run();

/// <summary>The engagement service's entry point; public so tests can host it.</summary>
public partial class Program;
