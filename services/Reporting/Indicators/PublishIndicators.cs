using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

public sealed record IndicatorsPublished(Guid PublicationId, string Template, string Period, IndicatorReport Report, DateOnly PublishedOn);

/// <summary>The Department publishes a period's indicators as they stand, for the People's Committee and the Ministry.</summary>
public static class PublishIndicators
{
    /// <summary>The period's figures are published as they stand, but never before one report was accepted.</summary>
    public static Decision Decide(IndicatorReport report, Guid id, ReportTemplate template, ReportingPeriod period, DateOnly today) =>
        report.AcceptedReports == 0
            ? Rejection.Unprocessable("nothing-accepted", $"No accepted report for {period.Key} yet.")
            : Decision.Start<IndicatorsPublished>(id, new IndicatorsPublished(id, template.Code, period.Key, report, today));

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/indicators/{period}/publication", async (string period, IOptions<ReportingOptions> options, TimeProvider clock, Platform.Geography.ProvinceGeography geography, HttpContext http,
                Marten.IQuerySession session, string template = "telecom-monthly") =>
            {
                var series = await session.LoadAsync<TemplateSeries>(TemplateSeries.IdFor(template), http.RequestAborted);
                if (series is null || !ReportingPeriod.TryParse(period, out var p) || p.Type != series.PeriodType || series.EffectiveFor(p) is not { } t)
                    return Started.Refused(Problems.From(Rejection.Invalid("period", "unknown template or period")));
                var id = Guid.CreateVersion7();
                return await http.CreateAsync(id, $"/api/reporting/indicators/{p.Key}?template={t.Code}", async streams =>
                    Decide(await IndicatorEndpoints.ComputeAsync(streams.Query, t, p, null, options.Value, geography, streams.Cancellation), id, t, p, DepartmentClock.Today(clock)));
            })
            .WithTags("Provincial indicators")
            .WithSummary("Publish the period's indicators as they stand (for the People's Committee and the Ministry).")
            .Writes(PlatformPolicies.DepartmentManager);
}
