using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Identity.Accounts;
using Platform.Identity.Server;
using Platform.Testing;
using Xunit;

namespace Identity.Tests;

/// <summary>The identity database's schema comes from EF Core migrations, applied at start.</summary>
public sealed class MigrationTests(TestServers servers)
{
    [Fact]
    public void The_model_has_no_change_without_its_migration()
    {
        using var db = new DesignTimeIdentityDb().CreateDbContext([]);
        // Fails when an entity changes and nobody ran `dotnet ef migrations add` (README, Identity).
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task A_fresh_database_gets_every_migration()
    {
        var connection = await servers.CreateDatabaseAsync("identitydb");
        try
        {
            await using var db = Open(connection);
            await DatabaseInitializer.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.SigningKeys.CountAsync());
        }
        finally
        {
            await servers.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task A_database_created_before_migrations_is_adopted_and_migrated()
    {
        var connection = await servers.CreateDatabaseAsync("identitydb");
        try
        {
            await using (var before = Open(connection))
            {
                // What EnsureCreated made before migrations existed: the first migration's schema, no history table.
                await before.GetService<IMigrator>().MigrateAsync(before.Database.GetMigrations().First());
                await before.Database.ExecuteSqlRawAsync("DROP TABLE \"__EFMigrationsHistory\"");
                await before.Database.ExecuteSqlRawAsync("INSERT INTO \"AspNetUsers\" (\"Id\", \"UserName\", \"FullName\", \"Role\", \"Disabled\", \"CreatedAt\", \"EmailConfirmed\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\") VALUES ('a1', 'canbo.cu', 'Cán Bộ Cũ', 'department-officer', false, now(), false, false, false, true, 0)");
            }

            await using var db = Open(connection); // a new process: the service's start after the upgrade
            await DatabaseInitializer.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);

            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.SigningKeys.CountAsync()); // the later migration's table exists now
            Assert.Equal("canbo.cu", (await db.Users.SingleAsync()).UserName); // and the accounts are still there
        }
        finally
        {
            await servers.DropDatabaseAsync(connection);
        }
    }

    private static IdentityDb Open(string connection) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql(connection).UseOpenIddict().Options);
}
