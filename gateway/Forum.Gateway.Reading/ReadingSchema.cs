using Npgsql;

namespace Forum.Gateway.Reading;

/// <summary>
/// The two tables of member reading state, beside the read models in the gateway's database:
/// a position per member and post (everything written up to <c>seen_until</c> is read), and a
/// mark per member and board (everything published or commented before <c>read_at</c> is read).
/// Not read models: a rebuild neither drops nor fills them. Idempotent, run at start-up.
/// </summary>
public sealed class ReadingSchema(NpgsqlDataSource database) : IHostedService
{
    private const string Ddl = """
        select pg_advisory_xact_lock(hashtext('forum.read_positions'));
        create schema if not exists forum;
        create table if not exists forum.read_positions (
            member_id uuid not null,
            post_id uuid not null,
            seen_until timestamptz not null,
            primary key (member_id, post_id));
        create table if not exists forum.board_read_marks (
            member_id uuid not null,
            board text not null,
            read_at timestamptz not null,
            primary key (member_id, board));
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
