using Forum.ServiceDefaults.Security;
using Forum.ServiceDefaults.Telemetry;

namespace Forum.Gateway.Edge.Allowances;

/// <summary>Endpoint metadata: the writes to this endpoint draw on the named allowance.</summary>
public sealed record RateLimitedBy(string Policy);

/// <summary>
/// Holds the writes of endpoints marked <see cref="RateLimitedBy"/> to their allowance, in this
/// order: who is calling is decided first (a members-only write with no valid identity is a 401
/// and uses up nothing, so a client with an expired token is told to sign in again, not to back
/// off); then a share is taken (429 with <c>Retry-After</c> when none is left); then the share is
/// given back unless the answer <see cref="Counts"/>.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, SharedAllowances allowances, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedBy>() is not { } limited
            || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }
        var policy = allowances.Policy(limited.Policy);
        if (policy.MembersOnly && context.User.Identity?.IsAuthenticated != true)
        {
            if (AuthenticationExtensions.SuspensionOf(context) is { } suspension)
            {
                await AuthenticationExtensions.WriteSuspendedAsync(context, suspension);
                return;
            }
            AllowanceMetrics.Unauthenticated.Add(1, new KeyValuePair<string, object?>("policy", policy.Name));
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Sign in first.", Detail = "This needs a valid access token or a signed-in session; get a new token and try again." },
            });
            return;
        }

        var allowance = await allowances.TakeAsync(policy.Name, context);
        if (!allowance.Taken)
        {
            await RefuseAsync(context, problems, allowance.RetryAfter);
            return;
        }
        var keep = false;
        try
        {
            await next(context);
            keep = Counts(policy, context.Response.StatusCode);
        }
        finally
        {
            if (!keep)
            {
                await allowances.GiveBackAsync(allowance);
            }
        }
    }

    /// <summary>
    /// Whether the answer uses up the share: an accepted request always does; where every attempt
    /// counts (signing in), so does any attempt that was judged, but not a request too malformed
    /// to be one (400, 415).
    /// </summary>
    public static bool Counts(RateLimitPolicy policy, int status) =>
        status is >= 200 and < 300 || (policy.EveryAttemptCounts && status is not (StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType));

    /// <summary>A 429 problem with <c>Retry-After</c> in whole seconds.</summary>
    public static async Task RefuseAsync(HttpContext context, IProblemDetailsService problems, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Slow down and try again after the time in Retry-After." },
        });
    }

    /// <summary>Whole seconds, rounded up, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Adding the shared allowances and marking endpoints with their policy.</summary>
public static class RateLimitExtensions
{
    public static IServiceCollection AddForumRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("Forum:RateLimits"));
        services.AddSingleton<SharedAllowances>();
        services.AddHostedService<EndedWindowsCleaner>();
        return services;
    }

    /// <summary>Writes to this endpoint draw on the named allowance.</summary>
    public static TBuilder RequireAllowance<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedBy(policy));

    /// <summary>After authentication (so the member is known) and before the endpoint runs.</summary>
    public static IApplicationBuilder UseForumRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}

/// <summary>Now and then removes allowance rows whose windows ended long ago.</summary>
internal sealed class EndedWindowsCleaner(SharedAllowances allowances, ILogger<EndedWindowsCleaner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10));
        do
        {
            try
            {
                using var activity = ForumTelemetry.Source.StartActivity("forget ended allowance windows");
                await allowances.ForgetEndedWindowsAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Ended allowance windows could not be removed; trying again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
