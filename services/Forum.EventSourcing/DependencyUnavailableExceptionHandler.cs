using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Forum.EventSourcing;

/// <summary>
/// A request that fails because the service's database or broker is away (restarting, failing
/// over) gets 503 with <c>Retry-After</c>, as the gateway answers for a service that is away: the
/// client did nothing wrong and may try again, so it must not look like a bug (500).
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Unavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service cannot reach its database or broker.",
                Detail = $"Try again in {RetryAfterSeconds} seconds. A create sent with an Idempotency-Key, a like and a view are safe to send again.",
            },
        });
    }

    /// <summary>A connection that failed or was cut, or a server shutting down or refusing connections; not a bad query.</summary>
    private static bool Unavailable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    // Class 08: connection exceptions; class 57: operator intervention (shutdown, cannot connect now).
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case MassTransit.ConnectionException:
                    return true;
            }
        }
        return false;
    }
}
