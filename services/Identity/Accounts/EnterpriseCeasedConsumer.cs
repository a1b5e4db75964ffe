using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;

namespace Platform.Identity.Accounts;

/// <summary>An enterprise that ceases loses its representatives' access: their accounts are disabled (and audited).
/// Idempotent: a redelivered event finds them disabled already.</summary>
public sealed class EnterpriseCeasedConsumer(IdentityDb db, AccountChanges changes) : IConsumer<EnterpriseCeasedV1>
{
    public async Task Consume(ConsumeContext<EnterpriseCeasedV1> context)
    {
        var ceased = context.Message;
        // A retry runs in the same scope, so with the same DbContext: the failed try's accounts are still tracked as it left
        // them (disabled in memory, though rolled back in the database), and DisableAsync would skip them as done.
        db.ChangeTracker.Clear();
        // One transaction: no one sees an account disabled without its audit entry, and a consumer that fails half-way
        // leaves nothing behind, so the redelivered event disables and audits them rather than finding them done.
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var representatives = await db.Users.Where(a => a.EnterpriseId == ceased.EnterpriseId && !a.Disabled)
            .Select(a => a.Id).ToListAsync(context.CancellationToken);
        foreach (var id in representatives)
            await changes.DisableAsync(id, $"enterprise ceased on {ceased.OccurredAt:yyyy-MM-dd}: {ceased.Reason}", "registry");
        await transaction.CommitAsync(CancellationToken.None);
    }
}
