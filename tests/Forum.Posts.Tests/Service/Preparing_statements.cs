using Forum.EventSourcing;
using Npgsql;

namespace Forum.Posts.Tests.Service;

/// <summary>
/// Every store's connections prepare the statements they run again and again, so that a pooled
/// connection is not reset with DISCARD ALL, which drops the plans cached inside Marten's append
/// function; an operator's own number in the connection string is kept.
/// </summary>
public sealed class Preparing_statements
{
    [Fact]
    public void A_connection_string_without_a_number_prepares_up_to_64_statements_a_connection()
    {
        var prepared = new NpgsqlConnectionStringBuilder(EventStoreExtensions.PreparingStatements("Host=127.0.0.1;Database=bài_viết;Username=forum"));

        Assert.Equal(64, prepared.MaxAutoPrepare);
        Assert.Equal("bài_viết", prepared.Database);
    }

    [Fact]
    public void A_number_in_the_connection_string_is_kept()
    {
        var prepared = new NpgsqlConnectionStringBuilder(EventStoreExtensions.PreparingStatements("Host=127.0.0.1;Max Auto Prepare=10"));

        Assert.Equal(10, prepared.MaxAutoPrepare);
    }
}
