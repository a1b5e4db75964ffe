using Platform.BuildingBlocks.EventStore;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Reporting.Indicators;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Demo;

/// <summary>
/// Two years of monthly telecom reports for the network operators the Registry has announced (run
/// the Registry's demo first), with plausible figures: a province of about 650,000 inhabitants whose
/// telephone density grows from about 26 to about 32 per 100; a few late reports and one correction.
/// Loads once: does nothing when reports exist.
/// </summary>
public static partial class DemoData
{
    private static readonly decimal[] MarketShare = [0.40m, 0.25m, 0.20m, 0.08m, 0.04m, 0.03m];

    public static async Task<int> LoadAsync(IDocumentStore store, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        await using var session = SystemActor.Stamp(store.LightweightSession(), "job:seed-demo");
        if (await session.Query<Submission>().AnyAsync(ct)) { LogSkipped(logger, "reports already exist"); return 0; }
        List<KnownEnterprise> operators = [];
        for (var attempt = 0; attempt < 60 && operators.Count == 0; attempt++)
        {
            operators = (await session.Query<KnownEnterprise>().ToListAsync(ct)).Where(k => k.IsActive && k.Kinds.Contains("network-operator")).OrderBy(k => k.ShortName).ToList();
            if (operators.Count == 0) await Task.Delay(500, ct);
        }
        if (operators.Count == 0) { LogSkipped(logger, "no network operator is known from the Registry"); return 0; }

        var today = DepartmentClock.Today(clock);
        var rules = new DueDateRules();
        var template = Templates.Templates.TelecomMonthly;
        var first = ReportingPeriod.Containing(PeriodType.Monthly, today.AddMonths(-24));
        var count = 0;
        var months = ReportingPeriod.Between(PeriodType.Monthly, first.Start, ReportingPeriod.Containing(PeriodType.Monthly, today).Start.AddDays(-1)).ToList();
        foreach (var (period, m) in months.Select((p, i) => (p, i)))
        {
            var density = 26m + 6m * m / Math.Max(1, months.Count - 1); // per 100 inhabitants
            var phones = PopulationSeed.Total * density / 100m;
            foreach (var (op, i) in operators.Select((o, i) => (o, i)))
            {
                var share = MarketShare[Math.Min(i, MarketShare.Length - 1)];
                var mobile = decimal.Round(phones * share * 0.97m);
                var prepaid = decimal.Round(mobile * 0.88m);
                var values = new Dictionary<string, decimal?>
                {
                    ["mobile-subscribers"] = mobile, ["prepaid-subscribers"] = prepaid, ["prepaid-registered"] = decimal.Round(prepaid * 0.93m),
                    ["fixed-subscribers"] = decimal.Round(phones * share * 0.03m), ["internet-subscribers"] = decimal.Round(mobile * 0.35m),
                    ["operational-bts"] = 40 + 12 * (operators.Count - i) + m, ["revenue-vnd"] = decimal.Round(mobile * 95_000m),
                };
                var due = rules.DueOn(period);
                var late = (m + i) % 11 == 3; // a few late reports
                var id = ObligationScheduler.SubmissionIdFor(op.Id, template.Code, period.Key);
                var opened = new ObligationOpened(id, op.Id, template.Code, template.Version, period.Key, period.Start, period.End, due);
                var state = Submission.When(null, opened)!;
                var submittedOn = late ? due.AddDays(4) : due.AddDays(-3);
                var submitted = SubmitReport.Decide(state, template, new SubmitReportValues(values, new Certification("Nguyễn Văn Demo", "Giám đốc chi nhánh"), new Dictionary<string, Dictionary<string, decimal?>>()), null, 30m,
                    submittedOn, new DateTimeOffset(submittedOn.ToDateTime(new TimeOnly(9, 0)), DepartmentClock.Offset), 10_000, _ => false);
                var events = new List<object> { opened };
                events.AddRange(Must(submitted));
                state = submitted.Events.Aggregate(state, (s, e) => Submission.When(s, e)!);
                if (m == months.Count - 2 && i == 0)
                {
                    // The one correction: returned, corrected, accepted.
                    var returned = ReviewReport.Return(state, new ReturnReport("Số thuê bao trả trước đã đăng ký chưa khớp dữ liệu đối soát"), submittedOn.AddDays(2));
                    events.AddRange(Must(returned));
                    state = returned.Events.Aggregate(state, (s, e) => Submission.When(s, e)!);
                    values["prepaid-registered"] = decimal.Round(prepaid * 0.95m);
                    var corrected = SubmitReport.Decide(state, template, new SubmitReportValues(values, new Certification("Nguyễn Văn Demo", "Giám đốc chi nhánh"), new Dictionary<string, Dictionary<string, decimal?>>()), null, 30m,
                        submittedOn.AddDays(5), new DateTimeOffset(submittedOn.AddDays(5).ToDateTime(new TimeOnly(9, 0)), DepartmentClock.Offset), 10_000, _ => false);
                    events.AddRange(Must(corrected));
                    state = corrected.Events.Aggregate(state, (s, e) => Submission.When(s, e)!);
                }
                if (m < months.Count - 1 || i % 2 == 0) events.AddRange(Must(ReviewReport.Accept(state, submittedOn.AddDays(7))));
                session.Events.StartStream<Submission>(id, events.ToArray());
                count++;
            }
        }
        await session.SaveChangesAsync(ct);
        LogLoaded(logger, count, operators.Count);
        return count;
    }

    private static IReadOnlyList<object> Must(Decision decision) => decision.Rejection is { } r
        ? throw new InvalidOperationException($"Demo data broke a rule: {r.Detail} {string.Join("; ", r.Errors?.SelectMany(e => e.Value) ?? [])}")
        : decision.Events;

    [LoggerMessage(LogLevel.Information, "Demo data: {Reports} monthly reports for {Operators} operators")]
    private static partial void LogLoaded(ILogger logger, int reports, int operators);

    [LoggerMessage(LogLevel.Information, "Demo data skipped: {Why}")]
    private static partial void LogSkipped(ILogger logger, string why);
}
