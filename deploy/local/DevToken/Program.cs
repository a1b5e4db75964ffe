using Microsoft.Extensions.Hosting;

// dev-token <role> [enterprise-id] [user-id]
if (args.Length == 0 || !PlatformRoles.All.Contains(args[0]))
{
    await Console.Error.WriteLineAsync($"usage: dev-token <role> [enterprise-id] [user-id]\nroles: {string.Join(", ", PlatformRoles.All)}");
    return 2;
}
Guid? enterprise = args.Length > 1 && Guid.TryParse(args[1], out var id) ? id : null;
if (args[0] == PlatformRoles.Representative && enterprise is null)
{
    await Console.Error.WriteLineAsync("an enterprise-representative token needs the enterprise id");
    return 2;
}
Console.WriteLine(DevelopmentTokens.Issue(args[0], enterprise, args.Length > 2 ? args[2] : null));
return 0;
