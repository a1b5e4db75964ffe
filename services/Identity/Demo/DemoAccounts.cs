using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Platform.Identity.Accounts;

namespace Platform.Identity.Demo;

/// <summary>
/// The `seed-demo` command: a few accounts, one per role, with generated passwords written to the log (the local
/// console or dashboard only: the command refuses outside Development). An enterprise representative is created
/// when <c>Identity:Demo:EnterpriseId</c> names an enterprise of the Registry. Accounts that exist are left alone.
/// </summary>
public static class DemoAccounts
{
    private static readonly (string UserName, string FullName, string Role)[] People =
    [
        ("lanhdao.tran", "Trần Văn Lãnh Đạo", PlatformRoles.Manager),
        ("canbo.nguyen", "Nguyễn Thị Cán Bộ", PlatformRoles.Officer),
        ("thanhtra.le", "Lê Văn Thanh Tra", PlatformRoles.Auditor),
    ];

    public static async Task LoadAsync(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Identity.Demo");
        if (!environment.IsDevelopment())
        {
            logger.LogError("seed-demo creates accounts with known passwords: Development only");
            return;
        }
        await using var scope = services.CreateAsyncScope();
        await Server.DatabaseInitializer.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityDb>(), logger, CancellationToken.None);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var people = People.ToList();
        if (Guid.TryParse(configuration["Identity:Demo:EnterpriseId"], out var enterprise))
            people.Add(("daidien.pham", "Phạm Văn Đại Diện", PlatformRoles.Representative));
        foreach (var (userName, fullName, role) in people)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var password = NewPassword();
            var account = new Account
            {
                UserName = userName, FullName = fullName, Role = role, CreatedAt = DateTimeOffset.UtcNow,
                EnterpriseId = role == PlatformRoles.Representative ? enterprise : null,
            };
            var result = await users.CreateAsync(account, password);
            if (result.Succeeded)
                logger.LogInformation("Demo account {UserName} ({Role}) password {Password}", userName, role, password);
            else
                logger.LogError("Demo account {UserName} not created: {Errors}", userName, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Meets the password policy: upper, lower, digits, 14 characters.</summary>
    private static string NewPassword() =>
        "Demo" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz", 6) + RandomNumberGenerator.GetString("23456789", 4);
}
