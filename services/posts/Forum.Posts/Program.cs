using Forum.Posts;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(PostsExtensions.ServiceName);
builder.AddPostsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPostsApi();

app.Run();

/// <summary>The posts service's entry point; public so tests can host it.</summary>
public partial class Program;
