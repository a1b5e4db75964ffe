using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Reporting.Templates;

public enum PeriodType { Monthly, Quarterly, Annual }

/// <summary>What a figure is. <see cref="Per100Inhabitants"/> is computed by the indicators, never entered in a report.</summary>
public enum IndicatorUnit { Count, Percent, Vnd, Kilometre, Number, Per100Inhabitants }

/// <summary>One figure a report asks for: code, Vietnamese label (<see cref="Name"/>) and English one, unit, whether it may be
/// left empty and its range. Every value is non-negative; counts and VND are whole numbers; percentages at most 100.</summary>
public sealed record Indicator(string Code, string Name, IndicatorUnit Unit, string? NameEn = null, bool Required = true, decimal? Min = null, decimal? Max = null);

/// <summary>A cross-field rule: the value of <see cref="Lesser"/> may not exceed <see cref="Greater"/>.</summary>
public sealed record AtMostRule(string Lesser, string Greater, string Message);

/// <summary>A cross-field rule: the parts add up to the total.</summary>
public sealed record SumRule(string Total, IReadOnlyList<string> Parts, string Message);

/// <summary>The fields a version asks to be broken down by the province's current communes and wards (the Geography
/// reference data), and whether the breakdown is required or only allowed.</summary>
public sealed record UnitBreakdown(IReadOnlyList<string> Fields, bool Required);

/// <summary>
/// One version of a report template: which enterprises file it (by kind), how often, from which period it applies
/// (<see cref="EffectiveFrom"/>, a period key), the fields with their rules, the unit breakdown it asks for, and the
/// regulation or form it follows. Versions are data (published through the API or shipped in Templates/Data); a
/// submission keeps the version it was made under.
/// </summary>
public sealed record ReportTemplate(
    string Code, int Version, string Name, PeriodType PeriodType, string[] EnterpriseKinds,
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<AtMostRule> Rules,
    string EffectiveFrom = "", IReadOnlyList<SumRule>? Sums = null, UnitBreakdown? Breakdown = null,
    string? NameEn = null, string? Source = null, int? DueDays = null, DateTimeOffset? PublishedAt = null)
{
    public Indicator? Find(string code) => Indicators.FirstOrDefault(i => i.Code == code);

    public IReadOnlyList<SumRule> SumRules => Sums ?? [];

    /// <summary>The first period this version applies to.</summary>
    public ReportingPeriod FirstPeriod => ReportingPeriod.TryParse(EffectiveFrom, out var p) ? p : ReportingPeriod.Containing(PeriodType, new DateOnly(1991, 1, 1));

    /// <summary>The version's own deadline (days after the period ends) where it has one, else the configured rule.</summary>
    public DateOnly DueOn(ReportingPeriod period, DueDateRules rules) => DueDays is { } days ? period.End.AddDays(days) : rules.DueOn(period);
}

/// <summary>A new version was published: the whole version, so the stream alone rebuilds every version.</summary>
public sealed record TemplateVersionPublished(Guid TemplateId, ReportTemplate Template);

/// <summary>A template and its versions in publication order (each effective from a later period than the one before).</summary>
public sealed record TemplateSeries(Guid Id, string Code, PeriodType PeriodType, IReadOnlyList<ReportTemplate> Versions, long Version)
{
    public static Guid IdFor(string code) => new(MD5.HashData(Encoding.UTF8.GetBytes($"template|{code}")));

    public ReportTemplate Latest => Versions[^1];

    public ReportTemplate? Get(int version) => Versions.FirstOrDefault(v => v.Version == version);

    /// <summary>The version that applies to <paramref name="period"/>: the last one effective from it or earlier; null before the first.</summary>
    public ReportTemplate? EffectiveFor(ReportingPeriod period) => Versions.LastOrDefault(v => v.FirstPeriod.Start <= period.Start);

    public static TemplateSeries? Next(TemplateSeries? state, IEvent e) => When(state, e.Data) is { } next ? next with { Version = e.Version } : null;

    public static TemplateSeries? When(TemplateSeries? state, object @event) => (state, @event) switch
    {
        (null, TemplateVersionPublished e) => new TemplateSeries(e.TemplateId, e.Template.Code, e.Template.PeriodType, [e.Template], 0),
        (null, _) => null,
        (_, TemplateVersionPublished e) => state with { Versions = [.. state.Versions, e.Template] },
        _ => state,
    };
}

// Names its one event (IncludeType): with a generic Evolve alone Marten loaded a TemplateSeries for every stream any command
// appended to (a wasted query per submission command). An event type added to When must be added here too.
public sealed class TemplateSeriesProjection : SingleStreamProjection<TemplateSeries, Guid>
{
    public TemplateSeriesProjection() => IncludeType<TemplateVersionPublished>();

    public override TemplateSeries? Evolve(TemplateSeries? snapshot, Guid id, IEvent e) => TemplateSeries.Next(snapshot, e);
}

/// <summary>The templates as the store holds them, read once per command or query (a handful of small documents).</summary>
public sealed record TemplateCatalog(IReadOnlyList<TemplateSeries> All)
{
    public TemplateSeries? Find(string code) => All.FirstOrDefault(t => t.Code == code);

    public ReportTemplate? Version(string code, int version) => Find(code)?.Get(version);

    public static async Task<TemplateCatalog> LoadAsync(Marten.IQuerySession session, CancellationToken ct) =>
        new(await Marten.QueryableExtensions.ToListAsync(session.Query<TemplateSeries>().OrderBy(t => t.Code), ct));
}
