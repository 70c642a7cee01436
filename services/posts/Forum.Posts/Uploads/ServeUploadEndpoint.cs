using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Forum.Posts.Uploads;

/// <summary><c>GET /upload/{hash}.webp</c>: an uploaded image, to anyone, cached for good (its address is its content).</summary>
public static partial class ServeUploadEndpoint
{
    public const string CacheForever = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapServeUpload(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/upload/{hash}.webp", [HttpMethods.Get, HttpMethods.Head], Handle).WithName("ServeUpload");
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        string hash, UploadStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        // Only a SHA-256 in lower-case hex names an image; anything else is not looked up at all.
        if (!Sha256Hex().IsMatch(hash) || await store.FindAsync(hash, cancellationToken) is not { } upload)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such image.",
                detail: "Images are addressed as /upload/<sha-256 of the image, 64 lower-case hex digits>.webp.");
        }

        response.Headers.CacheControl = CacheForever;
        // Should the image ever be opened as a document, nothing in it may run.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(upload.Content, "image/webp", entityTag: new EntityTagHeaderValue($"\"{upload.Hash}\""));
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}
