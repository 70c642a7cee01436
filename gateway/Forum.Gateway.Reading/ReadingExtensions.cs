using Forum.EventSourcing.PersonalData;

namespace Forum.Gateway.Reading;

/// <summary>Members' reading positions and unread marks, added once by the gateway's host.</summary>
public static class ReadingExtensions
{
    public static IServiceCollection AddReading(this IServiceCollection services)
    {
        services.AddOptions<ReadingOptions>().BindConfiguration("Forum:Reading");
        services.AddHostedService<ReadingSchema>();
        services.AddSingleton<ReadPositions>();
        services.AddSingleton<UnreadMarks>();
        services.AddHostedService<ReadPositionWriter>();
        services.AddSingleton<IForgetsMembers, ReadingForgetting>();
        return services;
    }

    public static IEndpointRouteBuilder MapReading(this IEndpointRouteBuilder app) => app.MapReadingApi();
}
