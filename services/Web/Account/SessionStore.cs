using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Platform.Web.Account;

/// <summary>
/// Sessions kept on the server: the sign-in cookie carries only a random session key; the ticket behind it (the user's
/// claims, the access, refresh and identity tokens) is a row of the console's database (<c>ConnectionStrings:webdb</c>),
/// protected with Data Protection, whose key ring lives in the same database. So a session survives a console restart,
/// every replica reads every session, the tokens never reach the browser, and signing out deletes the session (a
/// copied cookie is worthless afterwards). Development without <c>webdb</c>: sessions in memory (lost at restart).
/// </summary>
public static class SessionStore
{
    public const string ConnectionName = "webdb";

    public static void AddSessionStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("platform-web");
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (builder.Configuration.GetConnectionString(ConnectionName) is { Length: > 0 } connectionString)
        {
            builder.Services.AddSingleton(new ConsoleDatabase(NpgsqlDataSource.Create(connectionString)));
            builder.Services.AddSingleton<ITicketStore, PostgresTicketStore>();
            builder.Services.AddOptions<KeyManagementOptions>().Configure<ConsoleDatabase>((o, db) => o.XmlRepository = new PostgresXmlRepository(db));
            builder.Services.AddHealthChecks().AddPostgresCheck(ConnectionName);
        }
        else if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<ITicketStore, MemoryTicketStore>();
        }
        else
        {
            throw new InvalidOperationException("Configure ConnectionStrings:webdb: the console keeps its sessions there (README, Web console).");
        }
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ITicketStore>((o, store) => o.SessionStore = store);
    }

    internal static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The console's two tables, created on first use (under an advisory lock: replicas start together).</summary>
public sealed class ConsoleDatabase(NpgsqlDataSource dataSource)
{
    private readonly Lazy<bool> _schema = new(() =>
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(7301);
            CREATE TABLE IF NOT EXISTS console_sessions (
                key text PRIMARY KEY, subject text, ticket bytea NOT NULL, expires_at timestamptz, updated_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS console_sessions_expires_at ON console_sessions (expires_at);
            CREATE INDEX IF NOT EXISTS console_sessions_subject ON console_sessions (subject);
            CREATE TABLE IF NOT EXISTS data_protection_keys (name text PRIMARY KEY, xml text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            """, connection, transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    });

    public NpgsqlDataSource DataSource
    {
        get
        {
            _ = _schema.Value;
            return dataSource;
        }
    }
}

/// <summary>Session tickets in <c>console_sessions</c>, protected (they hold the user's tokens).</summary>
public sealed class PostgresTicketStore(ConsoleDatabase db, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("Platform.Web.Sessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket) => await StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken ct)
    {
        var key = SessionStore.NewKey();
        await using var command = db.DataSource.CreateCommand("""
            DELETE FROM console_sessions WHERE expires_at < now();
            INSERT INTO console_sessions (key, subject, ticket, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
            """);
        Bind(command, key, ticket);
        await command.ExecuteNonQueryAsync(ct);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken ct)
    {
        await using var command = db.DataSource.CreateCommand("""
            INSERT INTO console_sessions (key, subject, ticket, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, ticket = excluded.ticket, expires_at = excluded.expires_at, updated_at = excluded.updated_at
            """);
        Bind(command, key, ticket);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken ct)
    {
        await using var command = db.DataSource.CreateCommand("SELECT ticket FROM console_sessions WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        if (await command.ExecuteScalarAsync(ct) is not byte[] protectedTicket) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));
        }
        catch (CryptographicException)
        {
            return null; // protected with a key no longer in the ring: the user signs in again
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken ct)
    {
        await using var command = db.DataSource.CreateCommand("DELETE FROM console_sessions WHERE key = $1");
        command.Parameters.AddWithValue(key);
        await command.ExecuteNonQueryAsync(ct);
    }

    private void Bind(NpgsqlCommand command, string key, AuthenticationTicket ticket)
    {
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue((object?)ticket.Principal.FindFirst("sub")?.Value ?? DBNull.Value);
        command.Parameters.AddWithValue(_protector.Protect(TicketSerializer.Default.Serialize(ticket)));
        command.Parameters.AddWithValue(ticket.Properties.ExpiresUtc is { } expires ? expires : DBNull.Value);
        command.Parameters.AddWithValue(clock.GetUtcNow());
    }
}

/// <summary>Data Protection's key ring in <c>data_protection_keys</c>: every replica protects and reads with the same keys.</summary>
public sealed class PostgresXmlRepository(ConsoleDatabase db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = db.DataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = db.DataSource.CreateCommand("INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}

/// <summary>Development without a database: sessions in this process only.</summary>
public sealed class MemoryTicketStore : ITicketStore
{
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new();

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = SessionStore.NewKey();
        _tickets[key] = ticket;
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        _tickets[key] = ticket;
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(_tickets.TryGetValue(key, out var ticket) && !(ticket.Properties.ExpiresUtc < DateTimeOffset.UtcNow) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        _tickets.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
