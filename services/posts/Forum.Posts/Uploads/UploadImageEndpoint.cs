using System.Security.Claims;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Posts.Uploads;

/// <summary>The answer to an upload: where the image is served, and its size in pixels.</summary>
public sealed record UploadImageResponse(string Url, int Width, int Height);

public static class UploadImageEndpoint
{
    public const string Field = "file";

    /// <summary>
    /// The most a request may carry: the largest image plus room for the multipart envelope.
    /// A bigger body is cut off by the server (413) before it is read to the end.
    /// </summary>
    public const long MaxRequestBytes = ImageUploadRules.MaxBytes + 64 * 1024;

    public static IEndpointRouteBuilder MapUploadImage(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/uploads", Handle)
            .WithName("UploadImage")
            .RequireAuthorization(ForumPolicies.Member)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes);
        return app;
    }

    internal static async Task<Results<Created<UploadImageResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request, ClaimsPrincipal user, ImageReencoder reencoder, UploadStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Refuse(UploadRefusal.Missing, "Send the image as multipart/form-data in the field 'file'.");
        }

        IFormFile? file;
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var files = form.Files.GetFiles(Field);
            if (files.Count > 1)
            {
                return Refuse(UploadRefusal.Missing, "Send one image at a time.");
            }
            file = files.Count == 1 ? files[0] : null;
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            UploadMetrics.RecordRefused(UploadRefusal.TooLarge);
            return TypedResults.Problem(new HttpValidationProblemDetails(FileError(TooLargeMessage))
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The image cannot be accepted.",
            });
        }
        // A multipart body cut short (no closing boundary, or a boundary that never comes) ends in an IOException.
        catch (Exception malformed) when (malformed is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Refuse(UploadRefusal.Missing, "The multipart form could not be read: " + malformed.Message);
        }

        if (file is null)
        {
            return Refuse(UploadRefusal.Missing, "An image is required in the field 'file'.");
        }
        if (file.Length > ImageUploadRules.MaxBytes)
        {
            return Refuse(UploadRefusal.TooLarge, TooLargeMessage);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var decision = await reencoder.DecideAsync(bytes, cancellationToken);
        if (decision.Image is not { } image)
        {
            return Refuse(decision.Refusal!.Value, decision.Message!);
        }

        var stored = await store.SaveAsync(image, user.UserNameOf(), clock.GetUtcNow(), cancellationToken);
        UploadMetrics.RecordAccepted(bytes.Length, image.WebP.Length, alreadyStored: !stored);
        return TypedResults.Created(image.Url, new UploadImageResponse(image.Url, image.Width, image.Height));
    }

    private static string TooLargeMessage => $"An image may be at most {ImageUploadRules.MaxBytes / (1024 * 1024)} MiB.";

    private static Dictionary<string, string[]> FileError(string message) => new() { [Field] = [message] };

    private static ValidationProblem Refuse(UploadRefusal refusal, string message)
    {
        UploadMetrics.RecordRefused(refusal);
        return TypedResults.ValidationProblem(FileError(message), title: "The image cannot be accepted.");
    }
}
