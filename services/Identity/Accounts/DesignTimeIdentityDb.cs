using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Identity.Accounts;

/// <summary>
/// For <c>dotnet ef migrations add</c> only: the model without starting the service (which needs RabbitMQ, keys and
/// clients). The connection string is never opened to write a migration.
/// </summary>
public sealed class DesignTimeIdentityDb : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<IdentityDb>()
        .UseNpgsql("Host=localhost;Database=identitydb").UseOpenIddict().Options);
}
