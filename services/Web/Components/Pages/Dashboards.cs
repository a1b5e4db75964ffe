using Platform.Web.Api;

namespace Platform.Web.Components.Pages;

/// <summary>The dashboard's choices, kept apart from the markup so they are tested on their own.</summary>
public static class Dashboards
{
    public const int Shown = 5;

    /// <summary>The five most urgent items: smallest <paramref name="urgency"/> first (days left, a due date's
    /// day number, or a negated age), ties kept in the API's order.</summary>
    public static IReadOnlyList<T> MostUrgent<T>(IEnumerable<T> items, Func<T, int> urgency) =>
        items.Select((item, i) => (item, i)).OrderBy(x => urgency(x.item)).ThenBy(x => x.i).Take(Shown).Select(x => x.item).ToList();

    /// <summary>Districts with a known density, for the chart.</summary>
    public static IReadOnlyList<(string Name, decimal Value)> DensityBars(IndicatorReport report) =>
        report.ByDistrict.Where(d => d.DensityPer100 is not null).Select(d => (d.Name, d.DensityPer100!.Value)).ToList();
}
