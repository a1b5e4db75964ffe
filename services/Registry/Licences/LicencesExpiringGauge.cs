using Marten;
using Platform.BuildingBlocks.Hosting;

namespace Platform.Registry.Licences;

public static class LicencesExpiringGauge
{
    public const int WithinDays = 90;

    /// <summary>Valid licences whose last day falls within the next 90 days: the enterprises to remind to renew.</summary>
    public static readonly BusinessGauge Gauge = new("platform.licences.expiring", "{licence}",
        $"Valid licences expiring within {WithinDays} days", async (session, today, ct) =>
        {
            var until = today.AddDays(WithinDays);
            return await session.Query<LicenceRegisterEntry>()
                .CountAsync(l => l.Status == LicenceStatus.Valid && l.ExpiresOn >= today && l.ExpiresOn <= until, ct);
        });
}
