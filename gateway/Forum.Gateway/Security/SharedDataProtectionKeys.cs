using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Forum.Gateway.Security;

/// <summary>One data-protection key as stored in the gateway's database.</summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <summary>
/// Session cookies and antiforgery tokens are protected with data-protection keys. Kept in each
/// process, a cookie made by one gateway replica would be refused by the next; kept in the
/// gateway's database, every replica (and a restarted one) reads the same key ring.
/// </summary>
public sealed class SharedDataProtectionKeys(IDocumentStore store) : IXmlRepository
{
    public const string ApplicationName = "forum-gateway";

    public static IServiceCollection AddSharedDataProtectionKeys(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new SharedDataProtectionKeys(provider.GetRequiredService<IDocumentStore>())));
        return services;
    }

    // The key ring is read once at start-up and when a key nears its expiry, so synchronous calls
    // (the interface is synchronous) cost nothing that a request waits for.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        return session.Query<DataProtectionKey>().ToList().Select(key => XElement.Parse(key.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        // Marten writes only asynchronously; the interface is synchronous and called rarely, off the request path.
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
