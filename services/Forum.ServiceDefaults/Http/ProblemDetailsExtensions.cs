using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.ServiceDefaults.Http;

/// <summary>Every error a forum service answers is an RFC 9457 problem detail.</summary>
public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddForumProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString();
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }
}

/// <summary>
/// Turns malformed requests (bad JSON, wrong types, unreadable bodies) into 400 problem details:
/// the client made the mistake, so it must never look like a server fault.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => $"The request body is not valid JSON: {json.Message}",
            BadHttpRequestException bad => bad.Message,
            JsonException json => $"The request body is not valid JSON: {json.Message}",
            _ => null,
        };
        if (detail is null)
        {
            return false;
        }

        var status = exception is BadHttpRequestException { StatusCode: >= 400 and < 500 } b ? b.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = "The request is malformed.", Detail = detail },
        });
    }
}
