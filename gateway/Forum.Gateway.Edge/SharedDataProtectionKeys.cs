using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Forum.Gateway.Edge;

/// <summary>
/// Session cookies and antiforgery tokens are protected with data-protection keys. Kept in each
/// process, a cookie made by one gateway replica would be refused by the next; kept in the
/// gateway's database, every replica (and a restarted one) reads the same key ring. The
/// interface is synchronous and called rarely (at start and when a key nears expiry), so it uses
/// Npgsql's synchronous calls on a small table of its own rather than Marten, which is async only.
/// </summary>
public sealed class SharedDataProtectionKeys(NpgsqlDataSource database) : IXmlRepository
{
    public const string ApplicationName = "forum-gateway";

    private const string Table = """
        create schema if not exists forum;
        create table if not exists forum.data_protection_keys (friendly_name text primary key, xml text not null);
        """;

    public static IServiceCollection AddSharedDataProtectionKeys(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new SharedDataProtectionKeys(provider.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenConnection();
        using (var create = new NpgsqlCommand(Table, connection))
        {
            create.ExecuteNonQuery();
        }
        using var select = new NpgsqlCommand("select xml from forum.data_protection_keys", connection);
        using var reader = select.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenConnection();
        using (var create = new NpgsqlCommand(Table, connection))
        {
            create.ExecuteNonQuery();
        }
        using var insert = new NpgsqlCommand(
            "insert into forum.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do update set xml = excluded.xml", connection);
        insert.Parameters.AddWithValue(friendlyName);
        insert.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        insert.ExecuteNonQuery();
    }
}
