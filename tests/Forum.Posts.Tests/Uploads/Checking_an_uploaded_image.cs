using System.Security.Cryptography;
using System.Text;
using Forum.Posts.Uploads;
using NetVips;

namespace Forum.Posts.Tests.Uploads;

/// <summary>Given the bytes of an upload, then a WebP without metadata, or a refusal saying why.</summary>
public sealed class Checking_an_uploaded_image
{
    private const string Payload = "<html><script>alert(document.cookie)</script></html>";

    private static AcceptedImage Accepted(byte[] bytes)
    {
        var decision = ImageUploadRules.Decide(bytes);
        Assert.True(decision.IsAccepted, $"refused: {decision.Refusal} {decision.Message}");
        return decision.Image!;
    }

    private static UploadRefusal Refused(byte[] bytes)
    {
        var decision = ImageUploadRules.Decide(bytes);
        Assert.False(decision.IsAccepted, "the image was accepted");
        Assert.False(string.IsNullOrWhiteSpace(decision.Message));
        return decision.Refusal!.Value;
    }

    [Theory]
    [InlineData("png", ImageFormat.Png)]
    [InlineData("jpeg", ImageFormat.Jpeg)]
    [InlineData("gif", ImageFormat.Gif)]
    [InlineData("webp", ImageFormat.WebP)]
    public void PNG_JPEG_GIF_and_WebP_come_out_as_a_WebP_of_the_same_size_addressed_by_its_hash(string format, ImageFormat expected)
    {
        var image = Accepted(TestImages.Picture(320, 200, format));

        Assert.Equal(expected, image.SourceFormat);
        Assert.Equal(ImageFormat.WebP, ImageUploadRules.Sniff(image.WebP));
        using var decoded = Image.WebploadBuffer(image.WebP);
        Assert.Equal((320, 200), (decoded.Width, decoded.Height));
        Assert.Equal((320, 200), (image.Width, image.Height));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(image.WebP)), image.Hash);
        Assert.Equal($"/upload/{image.Hash}.webp", image.Url);
    }

    [Fact]
    public void The_same_image_always_gives_the_same_bytes_and_so_the_same_address()
    {
        var bytes = TestImages.Picture(300, 300, "jpeg");

        Assert.Equal(Accepted(bytes).Hash, Accepted(bytes.ToArray()).Hash);
    }

    [Fact]
    public void Transparency_is_kept()
    {
        using var picture = TestImages.Picture(64, 64);
        using var alpha = Image.Black(64, 64) + 128;
        using var withAlpha = picture.Bandjoin(alpha.Cast(Enums.BandFormat.Uchar));

        var image = Accepted(withAlpha.PngsaveBuffer());

        using var decoded = Image.WebploadBuffer(image.WebP);
        Assert.True(decoded.HasAlpha());
    }

    [Fact]
    public void A_CMYK_JPEG_comes_out_in_RGB_colours()
    {
        using var ink = Image.Black(64, 64, bands: 4) + new[] { 0.0, 200.0, 200.0, 0.0 }; // magenta and yellow: red
        using var cmyk = ink.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Cmyk);
        var jpeg = cmyk.JpegsaveBuffer();
        using (var uploaded = Image.JpegloadBuffer(jpeg))
        {
            Assert.Equal(Enums.Interpretation.Cmyk, uploaded.Interpretation);
        }

        var image = Accepted(jpeg);

        using var decoded = Image.WebploadBuffer(image.WebP);
        Assert.Equal(3, decoded.Bands);
        var pixel = decoded.Getpoint(32, 32);
        Assert.True(pixel[0] > 150 && pixel[1] < 120 && pixel[2] < 120, $"expected a red, got {string.Join(",", pixel)}");
    }

    [Fact]
    public void An_animated_GIF_becomes_a_still_image_of_its_first_frame()
    {
        using var frame1 = TestImages.Picture(100, 80);
        using var frame2 = frame1.Invert();
        using var frames = frame1.Join(frame2, Enums.Direction.Vertical);
        using var animation = frames.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", 80);
            m.Set(GValue.ArrayIntType, "delay", new[] { 100, 100 });
        });
        var gif = animation.GifsaveBuffer();
        using (var loaded = Image.GifloadBuffer(gif, n: -1))
        {
            Assert.Equal(2, (int)loaded.Get("n-pages"));
        }

        var image = Accepted(gif);

        Assert.Equal((100, 80), (image.Width, image.Height));
        using var decoded = Image.WebploadBuffer(image.WebP);
        Assert.False(decoded.Contains("n-pages") && (int)decoded.Get("n-pages") > 1);
    }

    [Fact]
    public void A_text_file_renamed_to_png_is_refused_as_not_an_image()
    {
        var text = Encoding.UTF8.GetBytes("Xin chào! This is a shopping list, saved as list.png.\n");

        Assert.Equal(UploadRefusal.NotAnImage, Refused(text));
    }

    [Fact]
    public void Random_bytes_are_refused_as_not_an_image()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);

        Assert.Equal(UploadRefusal.NotAnImage, Refused(garbage));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void A_file_with_an_image_signature_followed_by_garbage_is_refused_as_undecodable(string format)
    {
        var signature = TestImages.Picture(16, 16, format)[..12];
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        Assert.Equal(UploadRefusal.Undecodable, Refused([.. signature, .. garbage]));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void A_truncated_image_is_refused_as_undecodable(string format)
    {
        var whole = TestImages.Picture(400, 300, format);

        Assert.Equal(UploadRefusal.Undecodable, Refused(whole[..(whole.Length / 2)]));
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal(UploadRefusal.Empty, Refused([]));
    }

    [Fact]
    public void A_file_over_5_MiB_is_refused_without_being_decoded()
    {
        var big = new byte[ImageUploadRules.MaxBytes + 1];
        TestImages.Picture(16, 16, "png").CopyTo(big, 0);

        Assert.Equal(UploadRefusal.TooLarge, Refused(big));
    }

    [Fact]
    public void A_small_PNG_announcing_20000_by_20000_pixels_is_refused_as_a_decompression_bomb()
    {
        var bomb = TestImages.PngBomb(20_000, 20_000);
        Assert.True(bomb.Length < 100 * 1024, $"the bomb is {bomb.Length} bytes");
        using (var header = Image.PngloadBuffer(bomb))
        {
            Assert.Equal((20_000, 20_000), (header.Width, header.Height));
        }

        Assert.Equal(UploadRefusal.TooManyPixels, Refused(bomb));
    }

    [Fact]
    public void The_bomb_is_refused_from_its_header_before_any_pixel_is_decoded()
    {
        // The same header with the compressed pixels cut off after 64 bytes: had the pixels been
        // decoded, this would be refused as undecodable; it is refused for its size instead.
        var headerOnly = TestImages.PngBomb(20_000, 20_000, keepPixelBytes: 64);

        Assert.Equal(UploadRefusal.TooManyPixels, Refused(headerOnly));
        Assert.Equal(UploadRefusal.Undecodable, Refused(TestImages.PngBomb(2_000, 2_000, keepPixelBytes: 64)));
    }

    [Theory]
    [InlineData(10_001, 1)]
    [InlineData(1, 10_001)]
    [InlineData(7_000, 6_000)]
    public void More_than_10000_pixels_a_side_or_40_megapixels_in_all_is_refused(int width, int height)
    {
        Assert.Equal(UploadRefusal.TooManyPixels, Refused(TestImages.PngBomb(width, height)));
    }

    [Theory]
    [InlineData(10_000, 1)]
    [InlineData(10_000, 4_000)]
    public void Up_to_10000_pixels_a_side_and_40_megapixels_passes_the_header_check(int width, int height)
    {
        Assert.Null(ImageUploadRules.CheckHeader(TestImages.PngBomb(width, height), out var header));
        Assert.Equal((width, height), (header!.Width, header.Height));
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public void A_polyglot_with_a_script_after_the_image_is_served_without_it(string format)
    {
        var polyglot = (byte[])[.. TestImages.Picture(120, 90, format), .. Encoding.ASCII.GetBytes(Payload)];

        var image = Accepted(polyglot);

        Assert.False(TestImages.Contains(image.WebP, "<script"));
        Assert.False(TestImages.Contains(image.WebP, "alert("));
        Assert.False(TestImages.Contains(image.WebP, "<html"));
        using var decoded = Image.WebploadBuffer(image.WebP);
        Assert.Equal((120, 90), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void A_script_hidden_in_a_PNG_text_chunk_or_a_JPEG_comment_is_not_served_either()
    {
        using var picture = TestImages.Picture(120, 90);
        var png = TestImages.WithPngText(picture.PngsaveBuffer(), "Comment", Payload);
        var jpeg = TestImages.WithJpegComment(picture.JpegsaveBuffer(), Payload);
        Assert.True(TestImages.Contains(png, "<script"), "the PNG carries the script");
        Assert.True(TestImages.Contains(jpeg, "<script"), "the JPEG carries the script");

        Assert.False(TestImages.Contains(Accepted(png).WebP, "<script"));
        Assert.False(TestImages.Contains(Accepted(jpeg).WebP, "<script"));
    }

    [Fact]
    public void EXIF_with_a_GPS_position_is_stripped()
    {
        using var picture = TestImages.Picture(200, 150);
        using var withExif = picture.Mutate(m => m.Set(GValue.BlobType, "exif-data", TestImages.ExifWithGpsPosition()));
        var jpeg = withExif.JpegsaveBuffer(keep: Enums.ForeignKeep.All);
        using (var uploaded = Image.JpegloadBuffer(jpeg))
        {
            Assert.Contains(uploaded.GetFields(), field => field.StartsWith("exif-ifd3-GPSLatitude", StringComparison.Ordinal));
        }

        var image = Accepted(jpeg);

        using var served = Image.WebploadBuffer(image.WebP);
        var fields = served.GetFields();
        Assert.DoesNotContain(fields, field => field.StartsWith("exif", StringComparison.Ordinal));
        Assert.DoesNotContain("xmp-data", fields);
        Assert.DoesNotContain("iptc-data", fields);
        Assert.DoesNotContain("icc-profile-data", fields);
        Assert.False(TestImages.Contains(image.WebP, "EXIF"));
        Assert.False(TestImages.Contains(image.WebP, "Exif"));
    }

    [Fact]
    public void A_photo_taken_sideways_is_turned_upright_before_its_EXIF_orientation_is_dropped()
    {
        // Big enough that turning it cannot be done strip by strip as the file is read.
        using var picture = TestImages.Picture(2400, 1200);
        using var rotated = picture.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        var jpeg = rotated.JpegsaveBuffer(keep: Enums.ForeignKeep.All);

        var image = Accepted(jpeg);

        Assert.Equal((1200, 2400), (image.Width, image.Height));
    }
}
