using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Exports;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

public sealed record IndicatorsPublished(Guid PublicationId, string Template, string Period, IndicatorReport Report, DateOnly PublishedOn);

public sealed record PopulationRequest(long? Inhabitants);

public static class IndicatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("Provincial indicators");
        indicators.MapGet("/{period}", async (string period, IQuerySession session, IOptions<ReportingOptions> options, HttpContext http,
                string template = "telecom-monthly", DateTimeOffset? asOf = null, string format = "json") =>
            {
                if (Templates.Templates.All.FirstOrDefault(t => t.Code == template) is not { } t)
                    return Problems.From(Rejection.Invalid("template", $"must be one of: {string.Join(", ", Templates.Templates.All.Select(x => x.Code))}"));
                if (!ReportingPeriod.TryParse(period, out var p) || p.Type != t.PeriodType)
                    return Problems.From(Rejection.Invalid("period", $"must be a {Codes.Of(t.PeriodType)} period, e.g. 2026-10, 2026-Q4 or 2026"));
                if (format is not ("json" or "csv" or "xlsx")) return Problems.From(Rejection.Invalid("format", "must be json, csv or xlsx"));
                var report = await ComputeAsync(session, t, p, asOf, options.Value, http.RequestAborted);
                return format == "json" ? Results.Ok(report) : Table.File(format, $"chi-tieu-{t.Code}-{p.Key}", IndicatorTables.For(report, t));
            })
            .Produces<IndicatorReport>(StatusCodes.Status200OK, "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("Provincial indicators for a period from accepted reports only: totals, by district and operator, telephone density per 100 inhabitants against the target. asOf= gives the figures as they were known then. format=json|csv|xlsx.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);

        indicators.MapPost("/{period}/publication", async (string period, IOptions<ReportingOptions> options, TimeProvider clock, HttpContext http,
                string template = "telecom-monthly") =>
            {
                if (Templates.Templates.All.FirstOrDefault(t => t.Code == template) is not { } t || !ReportingPeriod.TryParse(period, out var p) || p.Type != t.PeriodType)
                    return Started.Refused(Problems.From(Rejection.Invalid("period", "unknown template or period")));
                var id = Guid.CreateVersion7();
                return await http.CreateAsync(id, $"/api/reporting/indicators/{p.Key}?template={t.Code}", async streams =>
                    Publish(await ComputeAsync(streams.Query, t, p, null, options.Value, streams.Cancellation), id, t, p, DepartmentClock.Today(clock)));
            })
            .WithSummary("Publish the period's indicators as they stand (for the People's Committee and the Ministry).")
            .Writes(PlatformPolicies.DepartmentManager);

        api.MapPut("/population/{year:int}/{district}", async (int year, string district, PopulationRequest body, IDocumentSession session, HttpContext http) =>
            {
                var name = VietnameseText.Clean(district);
                var errors = new FieldErrors().When(body.Inhabitants is not > 0, "inhabitants", "must be a positive number").When(year is < 2000 or > 2100, "year", "must be between 2000 and 2100")
                    .When(!PopulationSeed.ByDistrict.ContainsKey(name), "district", $"must be one of the province's districts: {string.Join(", ", PopulationSeed.ByDistrict.Keys)}");
                if (errors.Any) return Problems.From(errors.ToRejection());
                session.Store(new PopulationFigure(PopulationFigure.IdFor(year, name), year, name, body.Inhabitants!.Value));
                await session.SaveChangesAsync(http.RequestAborted);
                return Results.NoContent();
            })
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithTags("Provincial indicators")
            .WithSummary("Correct a district's population for a year (reference data for density).")
            .Writes(PlatformPolicies.DepartmentWrite);
    }

    /// <summary>The period's figures are published as they stand, but never before one report was accepted.</summary>
    public static Decision Publish(IndicatorReport report, Guid id, ReportTemplate template, ReportingPeriod period, DateOnly today) =>
        report.AcceptedReports == 0
            ? Rejection.Unprocessable("nothing-accepted", $"No accepted report for {period.Key} yet.")
            : Decision.Start<IndicatorsPublished>(id, new IndicatorsPublished(id, template.Code, period.Key, report, today));

    public static async Task<IndicatorReport> ComputeAsync(IQuerySession session, ReportTemplate template, ReportingPeriod period, DateTimeOffset? asOf,
        ReportingOptions options, CancellationToken ct)
    {
        var ofPeriod = session.Query<Submission>().Where(s => s.TemplateCode == template.Code && s.Period == period.Key);
        IReadOnlyList<Submission> submissions;
        if (asOf is { } at)
        {
            // As known then: every report of the period rebuilt from its events up to that moment, in one query.
            var ids = (await ofPeriod.Select(s => s.Id).ToListAsync(ct)).ToArray();
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= at.ToUniversalTime())
                .OrderBy(e => e.Sequence).ToListAsync(ct);
            submissions = events.GroupBy(e => e.StreamId).Select(g => Submission.Fold(g)).OfType<Submission>().ToList();
        }
        else submissions = await ofPeriod.ToListAsync(ct);

        var enterprises = (await session.LoadManyAsync<KnownEnterprise>(ct, submissions.Select(s => s.EnterpriseId).Distinct().ToArray())).ToDictionary(k => k.Id);
        var year = period.Start.Year;
        var edited = await session.Query<PopulationFigure>().Where(p => p.Year == year).ToListAsync(ct);
        var population = PopulationSeed.ByDistrict.ToDictionary(p => p.Key, p => edited.FirstOrDefault(e => e.District == p.Key)?.Inhabitants ?? p.Value);
        return ProvincialIndicators.Compute(template, period.Key, submissions,
            id => enterprises.TryGetValue(id, out var e) ? (e.District, e.ShortName) : ("?", id.ToString()), population, options.DensityTarget, asOf);
    }
}
