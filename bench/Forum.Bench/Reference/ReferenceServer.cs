namespace Forum.Bench.Reference;

/// <summary>
/// The ceiling for the gateway's reads: a bare Kestrel endpoint that answers with a body of the
/// same size and type as the page under test, and does nothing else. It runs as its own process
/// (`Forum.Bench reference --port N`), started like the services and sharing the same cores, so
/// the forum and its reference meet the same machine in the same run.
/// <c>PUT /body</c> sets the answer (the very bytes of the forum's page, with its content type);
/// <c>GET /page</c> serves it.
/// </summary>
public static class ReferenceServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();

        var page = new Page("application/json; charset=utf-8", "{}"u8.ToArray());
        app.MapPut("/body", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Volatile.Write(ref page, new Page(request.ContentType ?? "application/octet-stream", body.ToArray()));
            return Results.NoContent();
        });
        app.MapGet("/page", () =>
        {
            var current = Volatile.Read(ref page);
            return Results.Bytes(current.Body, current.ContentType);
        });
        app.MapGet("/health/ready", () => Results.Ok());
        await app.RunAsync();
    }

    private sealed record Page(string ContentType, byte[] Body);
}
