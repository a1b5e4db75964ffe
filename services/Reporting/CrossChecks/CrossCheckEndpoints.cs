using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.CrossChecks;

public sealed record BtsCrossCheckReport(string Period, DateOnly ComparedOn, int Operators, int Differences, IReadOnlyList<BtsComparison> Comparisons);

public static class CrossCheckEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cross-checks/bts/{period}", async (string period, IQuerySession session, CancellationToken ct) =>
            {
                if (!ReportingPeriod.TryParse(period, out var p) || p.Type != PeriodType.Monthly)
                    return Problems.From(Rejection.Invalid("period", "must be a month, e.g. 2026-10"));
                var submissions = await session.Query<Submission>()
                    .Where(s => s.TemplateCode == Templates.Templates.TelecomMonthly.Code && s.Period == p.Key).ToListAsync(ct);
                var owners = submissions.Select(s => s.EnterpriseId).Distinct().ToArray();
                var names = await KnownEnterprise.ShortNamesAsync(session, owners, ct);
                var sites = await session.Query<OperatorSite>().Where(s => s.OwnerId.IsOneOf(owners)).ToListAsync(ct);
                var comparisons = BtsCrossCheck.Compare(p.End, submissions.Select(s => Reported(s, names.GetValueOrDefault(s.EnterpriseId, s.EnterpriseId.ToString()))), sites);
                return Results.Ok(new BtsCrossCheckReport(p.Key, p.End, comparisons.Count, comparisons.Count(c => c.Difference is not null and not 0), comparisons));
            })
            .Produces<BtsCrossCheckReport>()
            .WithTags("Cross-checks")
            .WithSummary("BTS counts each operator reported for a month against its towers operational in the Infrastructure register on the month's last day. Differences are listed, not rejected.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    private static (Guid, string, decimal?, string) Reported(Submission s, string name)
    {
        var version = s.AcceptedVersion is { } accepted ? s.Versions.Single(v => v.Number == accepted) : s.Latest;
        var basis = s.AcceptedVersion is not null ? "accepted" : version is null ? "not-submitted" : "submitted";
        return (s.EnterpriseId, name, version?.Values.TryGetValue(BtsCrossCheck.Indicator, out var bts) == true ? bts : null, basis);
    }
}
