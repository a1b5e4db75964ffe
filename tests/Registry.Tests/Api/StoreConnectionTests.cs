using Marten;
using Npgsql;
using Platform.BuildingBlocks.EventStore;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>
/// The Npgsql settings every service's store connects with (<see cref="EventStoreSetup.ConfigureStore"/>), against a real
/// PostgreSQL: a statement Marten sends repeatedly ends up prepared on the server, so PostgreSQL stops parsing and planning
/// it for every command; a connection string that sets the preparation itself is left alone.
/// </summary>
public class StoreConnectionTests(TestServers servers)
{
    private sealed record Note(Guid Id, string Text);

    [Fact]
    public async Task Statements_the_store_repeats_are_prepared_on_the_server()
    {
        // One pooled connection, so every load below runs on the connection inspected afterwards.
        var created = await servers.CreateDatabaseAsync("prepare");
        try
        {
            await LoadsArePreparedAsync(new NpgsqlConnectionStringBuilder(created) { MaxPoolSize = 1 }.ConnectionString);
        }
        finally
        {
            await servers.DropDatabaseAsync(created);
        }
    }

    private static async Task LoadsArePreparedAsync(string database)
    {
        await using var store = DocumentStore.For(opts => EventStoreSetup.ConfigureStore(opts, database, "prepare"));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var session = store.LightweightSession())
        {
            session.Store(new Note(Guid.NewGuid(), "ghi chú"));
            await session.SaveChangesAsync(ct);
        }
        for (var i = 0; i < 3; i++)
        {
            await using var query = store.QuerySession();
            await query.LoadAsync<Note>(Guid.NewGuid(), ct);
        }

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select statement from pg_prepared_statements", connection);
        var prepared = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) prepared.Add(reader.GetString(0));
        Assert.Contains(prepared, s => s.StartsWith("select", StringComparison.OrdinalIgnoreCase) && s.Contains("mt_doc_", StringComparison.Ordinal)
            && s.Contains("note", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Database=registrydb;Max Auto Prepare=0;No Reset On Close=false;Maximum Pool Size=50", 0, 5, false, 50)]
    [InlineData("Host=db;Database=registrydb;MaxAutoPrepare=20;Auto Prepare Min Usages=3;MaxPoolSize=3", 20, 3, true, 3)]
    [InlineData("Host=db;Database=registrydb", EventStoreSetup.AutoPreparedStatements, 2, true, EventStoreSetup.PooledConnections)]
    public void The_store_prepares_skips_the_reset_and_keeps_a_small_pool_unless_the_connection_string_says_otherwise(
        string connectionString, int prepared, int afterUses, bool noReset, int pool)
    {
        var settings = new NpgsqlConnectionStringBuilder(EventStoreSetup.StoreConnectionString(connectionString));
        Assert.Equal(prepared, settings.MaxAutoPrepare);
        Assert.Equal(afterUses, settings.AutoPrepareMinUsages);
        Assert.Equal(noReset, settings.NoResetOnClose);
        Assert.Equal(pool, settings.MaxPoolSize);
        Assert.Equal("registrydb", settings.Database);
    }
}
