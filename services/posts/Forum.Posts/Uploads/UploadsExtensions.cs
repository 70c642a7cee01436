using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Forum.Posts.Uploads;

/// <summary>Image uploads: <c>POST /api/uploads</c> and <c>GET /upload/{hash}.webp</c>.</summary>
public static class UploadsExtensions
{
    public static IHostApplicationBuilder AddUploads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImageReencoder>();
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Adds <c>forum.uploads</c> to the schema objects Marten creates at start-up; call it inside the store's configuration.</summary>
    public static void ConfigureUploadStorage(StoreOptions options) =>
        options.Storage.ExtendedSchemaObjects.Add(UploadStore.Table(options.DatabaseSchemaName));

    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder app)
    {
        app.MapUploadImage();
        app.MapServeUpload();
        return app;
    }
}
