namespace Forum.Gateway.Accounts.Tokens;

/// <summary>Publishes the public key, so anyone can verify a forum token and no one can make one.</summary>
public static class JwksEndpoint
{
    public static IEndpointRouteBuilder MapJwks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", (TokenIssuer issuer) => TypedResults.Json(new
        {
            keys = new[]
            {
                new { kty = issuer.PublicKey.Kty, crv = issuer.PublicKey.Crv, x = issuer.PublicKey.X, y = issuer.PublicKey.Y, kid = issuer.PublicKey.KeyId, use = issuer.PublicKey.Use, alg = issuer.PublicKey.Alg },
            },
        })).WithName("Jwks");
        return app;
    }
}
