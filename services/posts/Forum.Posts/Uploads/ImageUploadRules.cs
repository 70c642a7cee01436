using System.Security.Cryptography;
using NetVips;

namespace Forum.Posts.Uploads;

/// <summary>The image formats the forum takes, recognised by their first bytes (never by name or declared type).</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Gif,
    WebP,
}

/// <summary>Why an upload was refused. <see cref="ImageUploadRules.Tag"/> gives the metric's <c>reason</c> tag.</summary>
public enum UploadRefusal
{
    /// <summary>No file in the request, or not a multipart form.</summary>
    Missing,
    Empty,
    TooLarge,
    /// <summary>The first bytes are not those of a PNG, JPEG, GIF or WebP.</summary>
    NotAnImage,
    /// <summary>It claims to be an image but does not decode: truncated, corrupt, garbage.</summary>
    Undecodable,
    /// <summary>Its header announces more pixels than the forum decodes (a decompression bomb, or just too big).</summary>
    TooManyPixels,
}

/// <summary>An accepted image: the WebP the forum serves, its size, and its address (the SHA-256 of the WebP).</summary>
public sealed record AcceptedImage(byte[] WebP, int Width, int Height, string Hash, ImageFormat SourceFormat)
{
    public string Url => ImageUploadRules.UrlOf(Hash);
}

/// <summary>What the header of an image says, read without decoding its pixels.</summary>
/// <param name="Orientation">The EXIF orientation, 1 (upright) to 8; 2 to 8 mean the pixels are stored turned or mirrored.</param>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, int Orientation);

/// <summary>Either the re-encoded image, or why the upload is refused (a message for the client, by the field <c>file</c>).</summary>
public sealed record ImageDecision(AcceptedImage? Image, UploadRefusal? Refusal, string? Message)
{
    public bool IsAccepted => Image is not null;

    public static ImageDecision Accepted(AcceptedImage image) => new(image, null, null);

    public static ImageDecision Refused(UploadRefusal refusal, string message) => new(null, refusal, message);
}

/// <summary>
/// The rules for an uploaded image, as a function from bytes to a WebP or a refusal. The bytes
/// served are always made by the encoder from decoded pixels, so nothing the uploader put in the
/// file besides its pixels (metadata, GPS position, a script appended after the image's end)
/// reaches a reader (docs/decisions: uploads are re-encoded, not inspected for trailing data).
/// </summary>
public static class ImageUploadRules
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 10_000;
    public const long MaxPixels = 40_000_000;
    public const int WebPQuality = 80;

    static ImageUploadRules()
    {
        // Only the four loaders below are called, but nothing else untrusted (ImageMagick, PDF,
        // SVG, matrix and CSV loaders...) may ever run on uploaded bytes either.
        NetVips.NetVips.BlockUntrusted = true;
        // The operation cache would keep uploads' buffers and pixels alive between requests.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
    }

    public static string UrlOf(string hash) => $"/upload/{hash}.webp";

    /// <summary>The format the first bytes announce, or null for anything else.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }
        return null;
    }

    /// <summary>
    /// Reads the header of an image and checks its dimensions, without decoding its pixels:
    /// a 50 KB PNG can announce 20,000 × 20,000 pixels (1.6 GB decoded); it is refused here.
    /// </summary>
    public static ImageDecision? CheckHeader(byte[] bytes, out ImageHeader? header)
    {
        header = null;
        if (bytes.Length == 0)
        {
            return ImageDecision.Refused(UploadRefusal.Empty, "The file is empty.");
        }
        if (bytes.Length > MaxBytes)
        {
            return ImageDecision.Refused(UploadRefusal.TooLarge, $"An image may be at most {MaxBytes / (1024 * 1024)} MiB.");
        }
        if (Sniff(bytes) is not { } format)
        {
            return ImageDecision.Refused(UploadRefusal.NotAnImage, "The file is not a PNG, JPEG, GIF or WebP image.");
        }

        try
        {
            using var image = Open(bytes, format, Enums.Access.Sequential);
            var orientation = image.Contains("orientation") && image.Get("orientation") is int value ? value : 1;
            header = new ImageHeader(format, image.Width, image.Height, orientation);
        }
        catch (VipsException)
        {
            return Undecodable(format);
        }
        return CheckDimensions(header);
    }

    /// <summary>Checks the image and re-encodes it to WebP without its metadata; or refuses it.</summary>
    public static ImageDecision Decide(byte[] bytes)
    {
        if (CheckHeader(bytes, out var header) is { } refused)
        {
            return refused;
        }

        var format = header!.Format;
        try
        {
            using var image = Open(bytes, format, header.Orientation > 1 ? Enums.Access.Random : Enums.Access.Sequential);
            // The orientation lives in EXIF, which is dropped: turn the pixels upright first.
            using var upright = image.Autorot();
            using var srgb = ToSrgb(upright);
            var webp = srgb.WebpsaveBuffer(q: WebPQuality, effort: 4, keep: Enums.ForeignKeep.None);
            var hash = Convert.ToHexStringLower(SHA256.HashData(webp));
            return ImageDecision.Accepted(new AcceptedImage(webp, srgb.Width, srgb.Height, hash, format));
        }
        catch (VipsException)
        {
            return Undecodable(format);
        }
    }

    /// <summary>The reason tag of the <c>forum.uploads.refused</c> metric.</summary>
    public static string Tag(UploadRefusal refusal) => refusal switch
    {
        UploadRefusal.Missing => "missing",
        UploadRefusal.Empty => "empty",
        UploadRefusal.TooLarge => "too_large",
        UploadRefusal.NotAnImage => "not_an_image",
        UploadRefusal.Undecodable => "undecodable",
        UploadRefusal.TooManyPixels => "too_many_pixels",
        _ => "other",
    };

    private static ImageDecision? CheckDimensions(ImageHeader header)
    {
        if (header.Width <= 0 || header.Height <= 0)
        {
            return Undecodable(header.Format);
        }
        if (header.Width > MaxSide || header.Height > MaxSide || (long)header.Width * header.Height > MaxPixels)
        {
            return ImageDecision.Refused(UploadRefusal.TooManyPixels,
                $"The image is {header.Width} × {header.Height} pixels; at most {MaxSide:N0} pixels a side and {MaxPixels / 1_000_000} megapixels are accepted.");
        }
        return null;
    }

    private static ImageDecision Undecodable(ImageFormat format) =>
        ImageDecision.Refused(UploadRefusal.Undecodable, $"The file starts like a {Name(format)} image but does not decode: it is damaged or incomplete.");

    private static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Png => "PNG",
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Gif => "GIF",
        _ => "WebP",
    };

    /// <summary>
    /// Opens the image with its own format's loader, lazily: only the header is read until pixels
    /// are asked for. Sequential access decodes top to bottom in strips as the encoder asks; an
    /// image to be turned needs random access (decoded whole first). Animated GIF and WebP open as
    /// their first frame. Any damage fails the decode (a truncated file would otherwise come out
    /// padded with grey).
    /// </summary>
    private static Image Open(byte[] bytes, ImageFormat format, Enums.Access access)
    {
        const Enums.FailOn failOn = Enums.FailOn.Error;
        return format switch
        {
            ImageFormat.Png => Image.PngloadBuffer(bytes, access: access, failOn: failOn),
            ImageFormat.Jpeg => Image.JpegloadBuffer(bytes, access: access, failOn: failOn),
            ImageFormat.Gif => Image.GifloadBuffer(bytes, n: 1, page: 0, access: access, failOn: failOn),
            _ => Image.WebploadBuffer(bytes, n: 1, page: 0, access: access, failOn: failOn),
        };
    }

    /// <summary>Colours as the uploader saw them: an embedded profile (or CMYK) is converted to sRGB, since the profile is dropped.</summary>
    private static Image ToSrgb(Image image)
    {
        if (image.Contains("icc-profile-data") || image.Interpretation == Enums.Interpretation.Cmyk)
        {
            try
            {
                return image.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual, depth: 8);
            }
            catch (VipsException)
            {
                // A profile that cannot be read: keep the pixels as they are rather than refuse the image.
            }
        }
        return image.Copy();
    }
}
