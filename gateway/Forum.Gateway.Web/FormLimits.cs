using Forum.Gateway.Edge.Allowances;

namespace Forum.Gateway.Web;

/// <summary>
/// The web forms draw on the same allowances as the API (a form is no way around a limit), but
/// answer a refusal on the page, in the reader's language, instead of with a problem document.
/// </summary>
public static class FormLimits
{
    /// <summary>Takes a share for this form's request; when none is left, sets 429 and <c>Retry-After</c> and returns null.</summary>
    public static async Task<Allowance?> TakeForFormAsync(this SharedAllowances allowances, string policy, HttpContext context)
    {
        var allowance = await allowances.TakeAsync(policy, context);
        if (allowance.Taken)
        {
            return allowance;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RateLimitMiddleware.RetryAfterSeconds(allowance.RetryAfter);
        return null;
    }

    /// <summary>Gives the share back unless what it was taken for was accepted (every attempt counts for some policies).</summary>
    public static Task SettleAsync(this SharedAllowances allowances, Allowance allowance, bool accepted) =>
        accepted || allowance.Policy.EveryAttemptCounts ? Task.CompletedTask : allowances.GiveBackAsync(allowance);
}
