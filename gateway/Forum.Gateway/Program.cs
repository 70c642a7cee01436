using Forum.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(GatewayExtensions.ServiceName);
builder.AddGatewayServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGatewayEndpoints();

app.Run();

/// <summary>The gateway's entry point; public so tests can host it.</summary>
public partial class Program;
