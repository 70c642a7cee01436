using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forum.Posts.Tests.Uploads;
using Forum.Posts.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NetVips;
using Npgsql;

namespace Forum.Posts.Tests.Service;

/// <summary>Uploading and fetching images through the posts service host, stored in its real PostgreSQL database.</summary>
public sealed class Uploading_images_to_the_posts_service(PostsServiceFixture service) : IClassFixture<PostsServiceFixture>
{
    private static MultipartFormDataContent Form(byte[] bytes, string fileName = "anh.png", string contentType = "image/png", string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    private Task<HttpResponseMessage> Upload(byte[] bytes, string fileName = "anh.png", string contentType = "image/png") =>
        service.Client.PostAsync("/api/uploads", Form(bytes, fileName, contentType));

    private async Task<long> CountStoredAsync()
    {
        await using var command = service.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("select count(*) from forum.uploads");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> FileErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), "the problem names the field");
        return errors.GetProperty("file").Clone();
    }

    [Fact]
    public async Task An_uploaded_image_is_answered_201_with_its_address_and_size_and_served_as_an_immutable_WebP()
    {
        var response = await Upload(TestImages.Picture(640, 480, "jpeg"), "ảnh-chụp.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<UploadImageResponse>();
        Assert.Matches("^/upload/[0-9a-f]{64}\\.webp$", created!.Url);
        Assert.Equal((640, 480), (created.Width, created.Height));
        Assert.Equal(created.Url, response.Headers.Location!.OriginalString);

        var served = await service.Anonymous.GetAsync(created.Url);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl!.ToString());
        Assert.NotNull(served.Headers.ETag);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        using var decoded = Image.WebploadBuffer(bytes);
        Assert.Equal((640, 480), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task A_client_that_has_the_image_gets_304_and_HEAD_answers_without_a_body()
    {
        var created = await (await Upload(TestImages.Picture(50, 40, "png"))).Content.ReadFromJsonAsync<UploadImageResponse>();
        var first = await service.Anonymous.GetAsync(created!.Url);

        using var again = new HttpRequestMessage(HttpMethod.Get, created.Url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await service.Anonymous.SendAsync(again);
        var head = await service.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, created.Url));

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("image/webp", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_same_image_uploaded_twice_has_one_address_and_is_stored_once()
    {
        var image = TestImages.Picture(300, 200, "gif");
        var before = await CountStoredAsync();

        var first = await (await Upload(image, "one.gif", "image/gif")).Content.ReadFromJsonAsync<UploadImageResponse>();
        var second = await Upload(image, "two.gif", "image/gif");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first!.Url, (await second.Content.ReadFromJsonAsync<UploadImageResponse>())!.Url);
        Assert.Equal(before + 1, await CountStoredAsync());
    }

    [Fact]
    public async Task The_uploader_is_the_signed_in_member()
    {
        var created = await (await Upload(TestImages.Picture(33, 33, "webp"), "x.webp", "image/webp")).Content.ReadFromJsonAsync<UploadImageResponse>();
        var hash = created!.Url["/upload/".Length..^".webp".Length];

        await using var command = service.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select uploaded_by, width, height from forum.uploads where hash = $1");
        command.Parameters.AddWithValue(hash);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((PostsServiceFixture.Member, 33, 33), (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
    }

    [Fact]
    public async Task Without_a_token_nothing_is_uploaded()
    {
        var before = await CountStoredAsync();

        var response = await service.Anonymous.PostAsync("/api/uploads", Form(TestImages.Picture(20, 20, "png")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await CountStoredAsync());
    }

    public static TheoryData<string, byte[]> BadFiles => new()
    {
        { "a text file renamed .png", Encoding.UTF8.GetBytes("Danh sách mua sắm: gạo, nước mắm, kimchi") },
        { "a truncated PNG", TestImages.Picture(300, 300, "png")[..2000] },
        { "random bytes", Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251)).ToArray() },
        { "a 20000 x 20000 PNG bomb", TestImages.PngBomb(20_000, 20_000) },
        { "an empty file", [] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_an_acceptable_image_is_refused_with_a_400_problem_naming_the_file_and_nothing_is_stored(string what, byte[] bytes)
    {
        var before = await CountStoredAsync();

        var response = await Upload(bytes);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        var errors = await FileErrorsOf(response);
        Assert.False(string.IsNullOrWhiteSpace(errors[0].GetString()));
        Assert.Equal(before, await CountStoredAsync());
    }

    [Fact]
    public async Task A_request_without_the_file_field_or_not_multipart_is_refused_naming_the_file()
    {
        var wrongField = await service.Client.PostAsync("/api/uploads", Form(TestImages.Picture(10, 10, "png"), field: "image"));
        var json = await service.Client.PostAsJsonAsync("/api/uploads", new { file = "iVBORw0KGgo=" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        await FileErrorsOf(wrongField);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        await FileErrorsOf(json);
    }

    [Theory]
    [InlineData(ImageUploadRules.MaxBytes + 1)]
    [InlineData(8 * 1024 * 1024)]
    public async Task A_file_over_5_MiB_is_refused_with_a_problem_naming_the_file_and_nothing_is_stored(int size)
    {
        var before = await CountStoredAsync();
        var big = new byte[size];
        TestImages.Picture(64, 64, "png").CopyTo(big, 0);

        var response = await Upload(big);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode}");
        await FileErrorsOf(response);
        Assert.Equal(before, await CountStoredAsync());
    }

    [Fact]
    public async Task On_a_real_server_a_body_over_the_limit_is_cut_off_with_a_413_problem_naming_the_file()
    {
        // The test host does not enforce request size limits; Kestrel does, as in production.
        var database = await service.CreateDatabaseAsync("kestrel");
        await using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("ConnectionStrings:posts-db", database)
            .UseSetting("ConnectionStrings:rabbitmq", service.RabbitMq.ToString())
            .UseSetting("Forum:Auth:PublicKey", service.SigningKey.PublicKeyPem));
        factory.UseKestrel(0);
        factory.StartServer();
        // The client waits for the server's word before sending the body however slow the machine:
        // after the default second it would send anyway and meet the connection the refusal closed.
        using var created = factory.CreateClient();
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = created.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.SigningKey.Token(PostsServiceFixture.Member));
        var big = new byte[8 * 1024 * 1024];
        TestImages.Picture(64, 64, "png").CopyTo(big, 0);

        // Sent as curl sends large bodies (Expect: 100-continue), the refusal comes before the body is
        // sent at all; without it the server answers just the same, but closes the connection while
        // the client is still sending, and a client may see only the reset.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = Form(big) };
        request.Headers.ExpectContinue = true;
        var tooBig = await client.SendAsync(request);
        var fine = await client.PostAsync("/api/uploads", Form(TestImages.Picture(64, 64, "png")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        await FileErrorsOf(tooBig);
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }

    [Fact]
    public async Task What_is_served_of_a_polyglot_carries_nothing_of_the_script_appended_to_it()
    {
        var polyglot = (byte[])[.. TestImages.Picture(80, 60, "gif"), .. "<html><body><script>alert(document.cookie)</script></body></html>"u8];

        var response = await Upload(polyglot, "meme.gif", "image/gif");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<UploadImageResponse>();
        var served = await service.Anonymous.GetByteArrayAsync(created!.Url);
        Assert.False(TestImages.Contains(served, "<script"));
        Assert.False(TestImages.Contains(served, "<html"));
        Assert.False(TestImages.Contains(served, "alert("));
    }

    [Theory]
    [InlineData("/upload/0000000000000000000000000000000000000000000000000000000000000000.webp")]
    [InlineData("/upload/ABCDEF0000000000000000000000000000000000000000000000000000000000.webp")]
    [InlineData("/upload/abc.webp")]
    [InlineData("/upload/..%2F..%2F..%2Fetc%2Fpasswd.webp")]
    [InlineData("/upload/%2e%2e%2fappsettings.json.webp")]
    [InlineData("/upload/x")]
    [InlineData("/upload/")]
    public async Task An_unknown_or_malformed_address_is_a_404_problem(string path)
    {
        var response = await service.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Accepted_and_refused_uploads_are_counted_by_reason()
    {
        var counted = new List<(string Instrument, long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "forum.uploads.accepted" or "forum.uploads.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reason = tag.Value as string;
                }
            }
            lock (counted)
            {
                counted.Add((instrument.Name, value, reason));
            }
        });
        listener.Start();

        await Upload(TestImages.Picture(21, 21, "png"));
        await Upload(Encoding.UTF8.GetBytes("not an image"));
        await Upload(TestImages.PngBomb(20_000, 20_000));

        lock (counted)
        {
            Assert.Contains(("forum.uploads.accepted", 1L, (string?)null), counted);
            Assert.Contains(("forum.uploads.refused", 1L, (string?)"not_an_image"), counted);
            Assert.Contains(("forum.uploads.refused", 1L, (string?)"too_many_pixels"), counted);
        }
    }
}
