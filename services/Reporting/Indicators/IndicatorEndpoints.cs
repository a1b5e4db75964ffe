using Marten;
using Platform.Geography;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Exports;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

public static class IndicatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("Provincial indicators");
        indicators.MapGet("/{period}", async (string period, IQuerySession session, IOptions<ReportingOptions> options, ProvinceGeography geography, HttpContext http,
                string template = "telecom-monthly", DateTimeOffset? asOf = null, string? format = null, string? units = null) =>
            {
                var catalog = await TemplateCatalog.LoadAsync(session, http.RequestAborted);
                if (catalog.Find(template) is not { } series)
                    return Problems.From(Rejection.Invalid("template", $"must be one of: {string.Join(", ", catalog.All.Select(x => x.Code))}"));
                if (!ReportingPeriod.TryParse(period, out var p) || p.Type != series.PeriodType)
                    return Problems.From(Rejection.Invalid("period", $"must be a {Codes.Of(series.PeriodType)} period, e.g. 2026-10, 2026-Q4 or 2026"));
                if (series.EffectiveFor(p) is not { } t) // the version effective for the period names its fields
                    return Problems.From(Rejection.Invalid("period", $"{template} applies from {series.Versions[0].EffectiveFrom}"));
                if (TableExport.Choose(http.Request, format) is not { } form) return Problems.From(TableExport.BadFormat);
                if (units is not (null or "entered" or "current"))
                    return Problems.From(Rejection.Invalid("units", "must be entered (each head office's district, or current commune, as entered) or current (the communes since 1 July 2025, old addresses mapped)"));
                var report = await ComputeAsync(session, t, p, asOf, options.Value, geography, http.RequestAborted, current: units == "current");
                return form == TableFormat.Json ? Results.Ok(report) : TableExport.File(http.Request, form, $"chi-tieu-{t.Code}-{p.Key}", IndicatorTables.For(report, t));
            })
            .Produces<IndicatorReport>()
            .ProducesTables()
            .WithSummary("Provincial indicators for a period from accepted reports only: totals, by district and operator, telephone density per 100 inhabitants against the target. asOf= gives the figures as they were known then. format=json|csv|xlsx. units=entered (default: the head offices' districts as entered) or current (the current communes, old addresses mapped).")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    /// <summary>The indicators; the area groups are the head offices' districts as entered (a head office entered with a current
    /// commune: that commune), or with <paramref name="current"/> the current communes they lie in (old addresses mapped; density
    /// from the communes' own population figures, when entered).</summary>
    public static async Task<IndicatorReport> ComputeAsync(IQuerySession session, ReportTemplate template, ReportingPeriod period, DateTimeOffset? asOf,
        ReportingOptions options, ProvinceGeography geography, CancellationToken ct, bool current = false)
    {
        IReadOnlyList<AcceptedFigures> submissions;
        if (asOf is { } at)
        {
            // As known then: every report of the period rebuilt from its events up to that moment, in one query.
            var ids = (await session.Query<Submission>().Where(s => s.TemplateCode == template.Code && s.Period == period.Key).Select(s => s.Id).ToListAsync(ct)).ToArray();
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= at.ToUniversalTime())
                .OrderBy(e => e.Sequence).ToListAsync(ct);
            submissions = events.GroupBy(e => e.StreamId).Select(g => Submission.Fold(g)).OfType<Submission>().Select(AcceptedFigures.Of).OfType<AcceptedFigures>().ToList();
        }
        else // now: the accepted figures as the read model keeps them
            submissions = (await session.Query<AcceptedReport>().Where(a => a.TemplateCode == template.Code && a.Period == period.Key).ToListAsync(ct))
                .Select(AcceptedFigures.Of).ToList();

        var enterprises = (await session.LoadManyAsync<KnownEnterprise>(ct, submissions.Select(s => s.EnterpriseId).Distinct().ToArray())).ToDictionary(k => k.Id);
        var year = period.Start.Year;
        var figures = await PopulationDecisions.LoadAsync(session, year, ct);
        var province = PopulationFigures.Year(year, figures, geography);
        // A broken-down figure counts in its commune: under the old district it lies in, or under the current commune itself.
        (string District, string Commune) UnitOf(string code)
        {
            var (district, commune) = geography.DistrictAndCommune(code);
            return (current ? commune : district, commune);
        }
        var report = ProvincialIndicators.Compute(template, period.Key, submissions,
            id => enterprises.TryGetValue(id, out var e) ? (AreaOf(e, geography, current), e.ShortName) : ("?", id.ToString()),
            current ? PopulationFigures.ByCurrentCommune(year, figures, geography) : PopulationFigures.ByDistrict(year, figures, geography),
            options.DensityTarget, asOf, province.Inhabitants, province.Basis,
            id => enterprises.TryGetValue(id, out var e) ? e.Commune : "?", UnitOf);
        return report with { Units = current ? "current" : "entered" };
    }

    /// <summary>The area an enterprise's figures count in: its head office's district as entered (or the current commune it was
    /// entered with), or the current commune its address lies in now. Addresses not yet coded: the district as typed.</summary>
    public static string AreaOf(KnownEnterprise e, ProvinceGeography geography, bool current)
    {
        if (current && e.CommuneCode is { } code && Codes.TryParse<UnitGeneration>(e.UnitGeneration, out var generation)
            && geography.CurrentCommune(generation, code) is { } now) return now.Name;
        return e.District.Length > 0 ? e.District : e.Commune;
    }
}
