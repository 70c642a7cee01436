using Forum.EventSourcing.PersonalData;

namespace Forum.Gateway.Drafts;

/// <summary>Drafts, added once by the gateway's host.</summary>
public static class DraftsExtensions
{
    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services.AddScoped<Drafts>();
        services.AddSingleton<IForgetsMembers, DraftsForgetting>();
        return services;
    }

    /// <summary>One table; a member's drafts are counted and read newest first.</summary>
    public static void RegisterDocuments(Marten.StoreOptions options) =>
        options.Schema.For<Draft>()
            .Index([draft => draft.MemberId, draft => draft.UpdatedAt]);

    public static IEndpointRouteBuilder MapDrafts(this IEndpointRouteBuilder app) => app.MapDraftsApi();
}
