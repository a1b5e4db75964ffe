using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
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
                return format switch
                {
                    "csv" => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(report))).ToArray(), "text/csv; charset=utf-8", $"chi-tieu-{p.Key}.csv"),
                    "xlsx" => Results.File(ToXlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"chi-tieu-{p.Key}.xlsx"),
                    _ => Results.Ok(report),
                };
            })
            .WithSummary("Provincial indicators for a period from accepted reports only: totals, by district and operator, telephone density per 100 inhabitants against the target. asOf= gives the figures as they were known then. format=json|csv|xlsx.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);

        indicators.MapPost("/{period}/publication", async (string period, IDocumentSession session, IOptions<ReportingOptions> options, TimeProvider clock, HttpContext http,
                string template = "telecom-monthly") =>
            {
                if (Templates.Templates.All.FirstOrDefault(t => t.Code == template) is not { } t || !ReportingPeriod.TryParse(period, out var p) || p.Type != t.PeriodType)
                    return Problems.From(Rejection.Invalid("period", "unknown template or period"));
                var report = await ComputeAsync(session, t, p, null, options.Value, http.RequestAborted);
                if (report.AcceptedReports == 0) return Problems.From(Rejection.Unprocessable("nothing-accepted", $"No accepted report for {p.Key} yet."));
                var id = Guid.CreateVersion7();
                session.Events.StartStream<IndicatorsPublished>(id, new IndicatorsPublished(id, t.Code, p.Key, report, DepartmentClock.Today(clock)));
                await session.SaveChangesAsync(http.RequestAborted);
                StreamVersion.SetETag(http.Response, 1);
                return Results.Created($"/api/reporting/indicators/{p.Key}?template={t.Code}", new StreamChanged(id, 1));
            })
            .WithSummary("Publish the period's indicators as they stand (for the People's Committee and the Ministry).")
            .Writes(PlatformPolicies.DepartmentManager);

        api.MapPut("/population/{year:int}/{district}", async (int year, string district, PopulationRequest body, IDocumentSession session, HttpContext http) =>
            {
                var errors = new FieldErrors().When(body.Inhabitants is not > 0, "inhabitants", "must be a positive number").When(year is < 2000 or > 2100, "year", "must be between 2000 and 2100");
                if (errors.Any) return Problems.From(errors.ToRejection());
                var name = VietnameseText.Clean(district);
                session.Store(new PopulationFigure(PopulationFigure.IdFor(year, name), year, name, body.Inhabitants!.Value));
                await session.SaveChangesAsync(http.RequestAborted);
                return Results.NoContent();
            })
            .WithTags("Provincial indicators")
            .WithSummary("Correct a district's population for a year (reference data for density).")
            .Writes(PlatformPolicies.DepartmentWrite);

        api.MapGet("/status-matrix", async (IQuerySession session, TimeProvider clock, IOptions<ReportingOptions> options, CancellationToken ct, string template = "telecom-monthly", string? from = null, string? to = null) =>
            {
                var query = session.Query<Submission>().Where(s => s.TemplateCode == template);
                var submissions = await query.ToListAsync(ct);
                var rows = await SubmissionEndpoints.RowsAsync(session, submissions.Where(s => (from is null || string.CompareOrdinal(s.Period, from) >= 0) && (to is null || string.CompareOrdinal(s.Period, to) <= 0)).ToList(), clock, options.Value, ct);
                var periods = rows.Select(r => r.Period).Distinct().Order().ToList();
                return Results.Ok(new
                {
                    template, periods,
                    enterprises = rows.GroupBy(r => (r.EnterpriseId, r.EnterpriseName)).OrderBy(g => g.Key.EnterpriseName).Select(g => new
                    {
                        g.Key.EnterpriseId, name = g.Key.EnterpriseName,
                        cells = periods.ToDictionary(p => p, p => g.FirstOrDefault(r => r.Period == p) is { } r ? CellOf(r) : "not-due"),
                    }),
                });
            })
            .WithTags("Submissions")
            .WithSummary("Enterprises × periods: accepted, submitted, returned, draft, due, overdue; '-late' when submitted after the due date.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);

        api.MapGet("/rates", async (IQuerySession session, TimeProvider clock, CancellationToken ct, string template = "telecom-monthly") =>
            {
                var today = DepartmentClock.Today(clock);
                var due = await session.Query<Submission>().Where(s => s.TemplateCode == template && s.DueOn <= today).ToListAsync(ct);
                var names = (await session.LoadManyAsync<KnownEnterprise>(ct, due.Select(s => s.EnterpriseId).Distinct().ToArray())).ToDictionary(k => k.Id, k => k.ShortName);
                return Results.Ok(due.GroupBy(s => s.EnterpriseId).Select(g => Rates(names.GetValueOrDefault(g.Key, g.Key.ToString()), g.ToList()))
                    .Prepend(Rates("Toàn tỉnh", due)).ToList());
            })
            .WithTags("Submissions")
            .WithSummary("Reporting rates as DHIS2 reports them: expected, actual and on-time reports and their rates, per enterprise and for the province.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    private static string CellOf(SubmissionRow r) => r.Overdue ? "overdue" : r.Late ? $"{r.Status}-late" : r.Status;

    private static object Rates(string who, IReadOnlyList<Submission> due)
    {
        var actual = due.Count(s => s.Versions.Count > 0);
        var onTime = due.Count(s => s.Versions.Count > 0 && !s.Versions[0].Late);
        decimal Rate(int n) => due.Count == 0 ? 0 : decimal.Round(100m * n / due.Count, 1);
        return new { enterprise = who, expected = due.Count, actual, onTime, reportingRate = Rate(actual), onTimeRate = Rate(onTime) };
    }

    public static async Task<IndicatorReport> ComputeAsync(IQuerySession session, ReportTemplate template, ReportingPeriod period, DateTimeOffset? asOf,
        ReportingOptions options, CancellationToken ct)
    {
        var ids = await session.Query<Submission>().Where(s => s.TemplateCode == template.Code && s.Period == period.Key).Select(s => s.Id).ToListAsync(ct);
        List<Submission> submissions;
        if (asOf is { } at)
        {
            // As known then: each report rebuilt from its events up to that moment.
            submissions = [];
            foreach (var id in ids)
                if (await session.Events.AggregateStreamAsync<Submission>(id, timestamp: at.ToUniversalTime(), token: ct) is { } then) submissions.Add(then);
        }
        else submissions = (await session.LoadManyAsync<Submission>(ct, ids)).ToList();

        var enterprises = (await session.LoadManyAsync<KnownEnterprise>(ct, submissions.Select(s => s.EnterpriseId).Distinct().ToArray())).ToDictionary(k => k.Id);
        var year = period.Start.Year;
        var edited = await session.Query<PopulationFigure>().Where(p => p.Year == year).ToListAsync(ct);
        var population = PopulationSeed.ByDistrict.ToDictionary(p => p.Key, p => edited.FirstOrDefault(e => e.District == p.Key)?.Inhabitants ?? p.Value);
        return ProvincialIndicators.Compute(template, period.Key, submissions,
            id => enterprises.TryGetValue(id, out var e) ? (e.District, e.ShortName) : ("?", id.ToString()), population, options.DensityTarget, asOf);
    }

    public static string ToCsv(IndicatorReport report)
    {
        var csv = new StringBuilder("\"Mã chỉ tiêu\",\"Tên chỉ tiêu\",\"Đơn vị\",\"Tổng\"\r\n");
        foreach (var t in report.Totals) csv.Append($"\"{t.Code}\",\"{t.Name.Replace("\"", "\"\"")}\",\"{t.Unit}\",{t.Total.ToString(CultureInfo.InvariantCulture)}\r\n");
        if (report.DensityPer100 is { } d) csv.Append($"\"density-per-100\",\"Mật độ điện thoại / 100 dân\",\"Per100Inhabitants\",{d.ToString(CultureInfo.InvariantCulture)}\r\n");
        return csv.ToString();
    }

    public static byte[] ToXlsx(IndicatorReport report)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Chỉ tiêu");
        string[] headers = ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Tổng"];
        for (var c = 0; c < headers.Length; c++) sheet.Cell(1, c + 1).Value = headers[c];
        var row = 2;
        foreach (var t in report.Totals)
        {
            sheet.Cell(row, 1).Value = t.Code; sheet.Cell(row, 2).Value = t.Name; sheet.Cell(row, 3).Value = t.Unit; sheet.Cell(row, 4).Value = t.Total;
            row++;
        }
        if (report.DensityPer100 is { } density)
        {
            sheet.Cell(row, 1).Value = "density-per-100"; sheet.Cell(row, 2).Value = "Mật độ điện thoại / 100 dân"; sheet.Cell(row, 3).Value = "Per100Inhabitants"; sheet.Cell(row, 4).Value = density;
        }
        var districts = workbook.Worksheets.Add("Theo huyện");
        districts.Cell(1, 1).Value = "Huyện / thành phố";
        districts.Cell(1, 2).Value = "Mật độ / 100 dân";
        var r2 = 2;
        foreach (var g in report.ByDistrict) { districts.Cell(r2, 1).Value = g.Name; districts.Cell(r2, 2).Value = g.DensityPer100 ?? 0; r2++; }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
