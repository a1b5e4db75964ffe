using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Exports;

using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

/// <summary>The Department's overview of who reported what: the status matrix (also as CSV/XLSX) and DHIS2-style reporting rates.</summary>
public static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status-matrix", async (IQuerySession session, TimeProvider clock, IOptions<ReportingOptions> options, HttpContext http, CancellationToken ct,
                string template = "telecom-monthly", string? from = null, string? to = null, string? format = null) =>
            {
                if (TableExport.Choose(http.Request, format) is not { } form) return Problems.From(TableExport.BadFormat);
                var catalog = await TemplateCatalog.LoadAsync(session, ct);
                if (catalog.Find(template) is null)
                    return Problems.From(Rejection.Invalid("template", $"must be one of: {string.Join(", ", catalog.All.Select(x => x.Code))}"));
                var submissions = (await session.Query<Submission>().Where(s => s.TemplateCode == template).ToListAsync(ct))
                    .Where(s => (from is null || string.CompareOrdinal(s.Period, from) >= 0) && (to is null || string.CompareOrdinal(s.Period, to) <= 0)).ToList();
                var matrix = StatusMatrix.Build(template, await SubmissionQueries.RowsAsync(session, submissions, clock, options.Value, ct));
                return form == TableFormat.Json ? Results.Ok(matrix) : TableExport.File(http.Request, form, $"tinh-hinh-bao-cao-{template}", matrix.ToTable());
            })
            .Produces<StatusMatrix>()
            .ProducesTables()
            .WithTags("Submissions")
            .WithSummary("Enterprises × periods: accepted, submitted, returned, draft, due, overdue; '-late' when submitted after the due date. format=json|csv|xlsx (Vietnamese headers and labels).")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);

        api.MapGet("/rates", async (IQuerySession session, TimeProvider clock, CancellationToken ct, string template = "telecom-monthly") =>
            {
                var today = DepartmentClock.Today(clock);
                var due = await session.Query<Submission>().Where(s => s.TemplateCode == template && s.DueOn <= today).ToListAsync(ct);
                var names = await KnownEnterprise.ShortNamesAsync(session, due.Select(s => s.EnterpriseId), ct);
                return Results.Ok(due.GroupBy(s => s.EnterpriseId).Select(g => ReportingRates.Of(names.GetValueOrDefault(g.Key, g.Key.ToString()), g.ToList()))
                    .Prepend(ReportingRates.Of("Toàn tỉnh", due)).ToList());
            })
            .Produces<List<ReportingRates>>()
            .WithTags("Submissions")
            .WithSummary("Reporting rates as DHIS2 reports them: expected, actual and on-time reports and their rates, per enterprise and for the province.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }
}

/// <summary>DHIS2's reporting rates over reports already due: actual = submitted at all, on time = first version by the due date.</summary>
public sealed record ReportingRates(string Enterprise, int Expected, int Actual, int OnTime, decimal ReportingRate, decimal OnTimeRate)
{
    public static ReportingRates Of(string who, IReadOnlyList<Submission> due)
    {
        var actual = due.Count(s => s.Versions.Count > 0);
        var onTime = due.Count(s => s.Versions.Count > 0 && !s.Versions[0].Late);
        return new ReportingRates(who, due.Count, actual, onTime, Rate(actual, due.Count), Rate(onTime, due.Count));
    }

    public static decimal Rate(int part, int whole) => whole == 0 ? 0 : decimal.Round(100m * part / whole, 1);
}
