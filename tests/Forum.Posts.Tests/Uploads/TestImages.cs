using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace Forum.Posts.Tests.Uploads;

/// <summary>Images made in memory for tests, with the same library the service decodes with.</summary>
internal static class TestImages
{
    /// <summary>An RGB picture with a gradient, so encoders have something to encode.</summary>
    public static Image Picture(int width, int height)
    {
        using var xy = Image.Xyz(width, height);
        using var red = xy[0] * (255.0 / width);
        using var green = xy[1] * (255.0 / height);
        using var blue = (xy[0] + xy[1]) % 256;
        using var joined = red.Bandjoin(green, blue);
        return joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static byte[] Encode(Image image, string format) => format switch
    {
        "png" => image.PngsaveBuffer(),
        "jpeg" => image.JpegsaveBuffer(q: 90),
        "gif" => image.GifsaveBuffer(),
        "webp" => image.WebpsaveBuffer(q: 90),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static byte[] Picture(int width, int height, string format)
    {
        using var image = Picture(width, height);
        return Encode(image, format);
    }

    /// <summary>
    /// A PNG of one colour whose header announces <paramref name="width"/> × <paramref name="height"/>
    /// pixels, built by hand: 1-bit grey, so 20,000 × 20,000 compresses to about 50 KB but would take
    /// 400 MB (1.6 GB as RGBA) to decode. <paramref name="keepPixelBytes"/> cuts the compressed pixel
    /// data short, to show that the refusal never looked at it.
    /// </summary>
    public static byte[] PngBomb(int width, int height, int? keepPixelBytes = null)
    {
        var rowBytes = 1 + (width + 7) / 8; // the filter byte, then one bit a pixel
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }
        var pixels = compressed.ToArray();
        if (keepPixelBytes is { } keep)
        {
            pixels = pixels[..keep];
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", pixels);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>An EXIF block (as libvips keeps it: "Exif\0\0" and a TIFF structure) with a GPS position.</summary>
    public static byte[] ExifWithGpsPosition()
    {
        // Little-endian TIFF: header, IFD0 with one entry pointing at the GPS IFD, the GPS IFD
        // with latitude (N 21° 1' 42") and longitude (E 105° 51' 15"): Hà Nội.
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(long v) => tiff.AddRange(BitConverter.GetBytes((uint)v));

        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        const int ifd0 = 8, gpsIfd = ifd0 + 2 + 12 + 4, gpsEntries = 4, rationals = gpsIfd + 2 + gpsEntries * 12 + 4;
        U16(1);
        U16(0x8825); U16(4); U32(1); U32(gpsIfd); // GPSInfo → the GPS IFD
        U32(0);
        U16(gpsEntries);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray()); // GPSLatitudeRef
        U16(0x0002); U16(5); U32(3); U32(rationals); // GPSLatitude
        U16(0x0003); U16(2); U32(2); tiff.AddRange("E\0\0\0"u8.ToArray()); // GPSLongitudeRef
        U16(0x0004); U16(5); U32(3); U32(rationals + 24); // GPSLongitude
        U32(0);
        foreach (var value in new[] { 21, 1, 42, 105, 51, 15 })
        {
            U32(value); U32(1);
        }
        return [.. "Exif\0\0"u8, .. tiff];
    }

    /// <summary>The PNG with a text chunk (keyword, NUL, text) added before its end.</summary>
    public static byte[] WithPngText(byte[] png, string keyword, string text)
    {
        using var result = new MemoryStream();
        result.Write(png, 0, png.Length - 12); // IEND is the last 12 bytes
        WriteChunk(result, "tEXt", Encoding.Latin1.GetBytes(keyword + "\0" + text));
        result.Write(png, png.Length - 12, 12);
        return result.ToArray();
    }

    /// <summary>The JPEG with a comment segment (COM) right after its start marker.</summary>
    public static byte[] WithJpegComment(byte[] jpeg, string comment)
    {
        var text = Encoding.Latin1.GetBytes(comment);
        var length = text.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. text, .. jpeg[2..]];
    }

    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
