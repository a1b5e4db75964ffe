using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Submissions;

namespace Platform.Reporting.Compliance;

public static class ComplianceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/compliance", async (IQuerySession session, TimeProvider clock, CancellationToken ct, int? year = null) =>
            {
                var today = DepartmentClock.Today(clock);
                var y = year ?? today.Year;
                if (y < 2000 || y > today.Year) return Problems.From(Rejection.Invalid("year", $"must be between 2000 and {today.Year}"));
                var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
                var submissions = await session.Query<Submission>().Where(s => s.DueOn >= from && s.DueOn <= to).ToListAsync(ct);
                var agreements = await session.Query<CooperationAgreementCopy>().Where(a => a.Year == y).ToListAsync(ct);
                var ids = submissions.Select(s => s.EnterpriseId).Concat(agreements.SelectMany(a => a.EnterpriseIds));
                var names = await KnownEnterprise.ShortNamesAsync(session, ids, ct);
                return Results.Ok(ComplianceScore.For(y, today, submissions, agreements, id => names.GetValueOrDefault(id, id.ToString())));
            })
            .Produces<IReadOnlyList<EnterpriseCompliance>>().WithTags("Compliance")
            .WithSummary("Per enterprise and year: reports due so far, on time, late, missing, and the compliance score (on-time rate, %), with the cooperation agreement binding it and whether it commits to reporting. Lowest scores first.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }
}
