using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Platform.Identity.Accounts;

/// <summary>The identity service's own database: ASP.NET Core Identity's tables, OpenIddict's (applications,
/// authorizations, tokens, scopes), the audit trail, and the Data Protection key ring (so replicas read each
/// other's sign-in cookies and antiforgery tokens).</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<Account>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Server.SigningKey> SigningKeys => Set<Server.SigningKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>().HasIndex(a => a.EnterpriseId);
        builder.Entity<DataProtectionKey>();
        builder.Entity<Server.SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.Id);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit");
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.AccountId);
        });
    }
}

/// <summary>Writes audit lines; each in its own save so a refused sign-in is recorded even though nothing else is.</summary>
public sealed class AuditLog(IdentityDb db, TimeProvider clock, IHttpContextAccessor http, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(string kind, Account? account, string actor, string? detail = null, string? userName = null, CancellationToken ct = default)
    {
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Kind = kind, AccountId = account?.Id, UserName = account?.UserName ?? userName,
            Actor = actor, Detail = detail, Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Audit {Kind} account {UserName} by {Actor}: {Detail}", kind, account?.UserName ?? userName, actor, detail);
    }
}
