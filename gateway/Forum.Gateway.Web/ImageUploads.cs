using System.Net.Http.Headers;

namespace Forum.Gateway.Web;

/// <summary>A form's chosen image, passed on to the posts service's upload API (which re-encodes it and keeps its rules).</summary>
public static class ImageUploads
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, IFormFile image, CancellationToken cancellationToken)
    {
        await using var stream = image.OpenReadStream();
        var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(image.ContentType) ? "application/octet-stream" : image.ContentType);
        using var form = new MultipartFormDataContent { { file, "file", Path.GetFileName(image.FileName) } };
        return await client.PostAsync("/api/uploads", form, cancellationToken);
    }
}
