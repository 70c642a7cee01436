using System.Globalization;
using System.Threading.RateLimiting;
using Forum.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Forum.Gateway.Edge;

/// <summary>One limit: so many requests per window, per user (or per IP address when anonymous).</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary><c>Forum:RateLimits</c>: how often one user may act. Counted per gateway replica.</summary>
public sealed class RateLimitOptions
{
    public RateLimit Posting { get; set; } = new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) };
    public RateLimit Commenting { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromSeconds(10) };
    public RateLimit Liking { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    public RateLimit Uploading { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
    public RateLimit Registering { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) };
    public RateLimit SigningIn { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>
/// Rate limits at the gateway: each policy is named on the routes it guards (YARP routes name
/// theirs in configuration). A refusal is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Posting = "posting";
    public const string Commenting = "commenting";
    public const string Liking = "liking";
    public const string Uploading = "uploading";
    public const string Registering = "registering";
    public const string SigningIn = "signing-in";

    public static IServiceCollection AddForumRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Forum:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Slow down and try again after the time in Retry-After." },
                });
            };
            Add(limiter, Posting, options.Posting);
            Add(limiter, Commenting, options.Commenting);
            Add(limiter, Liking, options.Liking);
            Add(limiter, Uploading, options.Uploading);
            Add(limiter, Registering, options.Registering);
            Add(limiter, SigningIn, options.SigningIn);
        });
    }

    private static void Add(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions limiter, string name, RateLimit limit) =>
        limiter.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            PartitionKey(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));

    /// <summary>The signed-in user, else the caller's IP address.</summary>
    private static string PartitionKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.FindFirst(ForumClaims.UserId)?.Value
            : "ip:" + context.Connection.RemoteIpAddress;
}
