namespace Forum.Gateway.QueryApi;

/// <summary>A 200 whose JSON body was serialized beforehand (and is shared by many responses).</summary>
public sealed class JsonBytesResult(byte[] utf8Json) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = utf8Json.Length;
        return httpContext.Response.Body.WriteAsync(utf8Json).AsTask();
    }
}
