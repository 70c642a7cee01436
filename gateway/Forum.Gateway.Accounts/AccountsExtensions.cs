using Forum.Gateway.Accounts.Leaving;
using Forum.Gateway.Accounts.Announcing;
using Forum.Gateway.Accounts.Mail;
using Forum.Gateway.Accounts.Profiles;
using Forum.Gateway.Accounts.Recovery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Forum.Gateway.Edge;
using Forum.Gateway.Accounts.SigningIn;
using Forum.Gateway.Accounts.Tokens;
using Microsoft.AspNetCore.Identity;

namespace Forum.Gateway.Accounts;

/// <summary>The forum's identity provider: accounts and roles, signing in, and the tokens services check.</summary>
public static class AccountsExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NewMemberOptions>(configuration.GetSection("Forum:NewMembers"));
        services.AddSingleton<NewMembers>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ServiceTokens>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignIn>();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<MemberAnnouncer>();
        services.AddHostedService(provider => provider.GetRequiredService<MemberAnnouncer>());
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<MailDelivery>();
        services.AddHostedService(provider => provider.GetRequiredService<MailDelivery>());
        services.Configure<RecoveryOptions>(configuration.GetSection(RecoveryOptions.Section));
        services.AddSingleton<AccountRecovery>();
        services.AddSingleton<ISessionCheck, SessionCheck>();
        services.AddSingleton<Avatars>();
        services.AddHostedService(provider => provider.GetRequiredService<Avatars>());
        services.AddSingleton<MemberProfiles>();
        services.AddScoped<AccountClosing>();
        services.TryAddSingleton<Forum.Content.MarkdownRenderer>();
        services.AddHttpClient(UploadedImages.Client, client => client.BaseAddress = new Uri("http://posts")).AddServiceDiscovery();
        services.AddSingleton<UploadedImages>();
        return services;
    }

    /// <summary>The account documents, in the gateway's document store.</summary>
    public static void RegisterDocuments(Marten.StoreOptions options)
    {
        options.Schema.For<Account>().UniqueIndex(account => account.NormalizedUserName).UniqueIndex(account => account.NameSkeleton!);
        options.Schema.For<FoundingAdmin>();
        options.Schema.For<MemberAnnouncement>();
        options.Schema.For<EarlierMembersQueued>();
        options.Schema.For<StandingAnnouncement>();
        options.Schema.For<ForgottenAnnouncement>();
        options.Events.AddEventTypes([typeof(MemberRoleChanged)]);
        options.Schema.For<OutgoingMail>().UseOptimisticConcurrency(true);
        options.Schema.For<AccountLink>().UseOptimisticConcurrency(true).Index(link => link.AccountId);
    }

    /// <summary>Registering, tokens and roles (<c>/api/accounts</c>), and the public key at <c>/.well-known/jwks.json</c>.</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapJwks();
        app.MapAccountsApi();
        app.MapRecoveryApi();
        app.MapProfilesApi();
        app.MapLeavingApi();
        return app;
    }
}
