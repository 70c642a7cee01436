// The runtime images have no shell, curl or wget (fewer tools, less to attack), so the image's
// HEALTHCHECK runs this instead: `dotnet /probe/Forum.HealthProbe.dll [url]`.
// Exit code 0 = healthy (a 2xx answer), 1 = unhealthy (any other answer, no answer, or a timeout).
var url = args.Length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready";
using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
try
{
    using var response = await client.GetAsync(url);
    if (response.IsSuccessStatusCode)
    {
        return 0;
    }
    Console.Error.WriteLine($"{url} answered {(int)response.StatusCode}");
    return 1;
}
catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
{
    Console.Error.WriteLine($"{url} did not answer: {exception.Message}");
    return 1;
}
