using Forum.Comments;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(CommentsExtensions.ServiceName);
builder.AddCommentsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCommentsApi();

app.Run();

/// <summary>The comments service's entry point; public so tests can host it.</summary>
public partial class Program;
