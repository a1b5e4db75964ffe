using Platform.BuildingBlocks.Exports;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

/// <summary>The provincial indicators as export sheets: totals, by district (with density), by operator.</summary>
public static class IndicatorTables
{
    public static Table[] For(IndicatorReport report, ReportTemplate template)
    {
        var totals = report.Totals.Select(t => Row(t.Code, t.Name, UnitName(t.Unit), t.Total)).ToList();
        if (report.DensityPer100 is { } density)
            totals.Add(Row("density-per-100", "Mật độ điện thoại / 100 dân", UnitName(nameof(IndicatorUnit.Per100Inhabitants)), density));
        if (report.DensityPer100 is not null)
            totals.Add(Row("density-target", "Chỉ tiêu mật độ điện thoại / 100 dân", UnitName(nameof(IndicatorUnit.Per100Inhabitants)), report.DensityTarget));

        var indicatorHeaders = template.Indicators.Select(i => new Header(i.Name, i.NameEn ?? i.Code)).ToList();
        Table Groups(string sheet, Header first, IReadOnlyList<GroupTotals> groups, bool withDensity) => new(sheet,
            [first, .. indicatorHeaders, .. withDensity ? new[] { new Header("Mật độ / 100 dân", "Density per 100 inhabitants") } : []],
            groups.Select(g => (IReadOnlyList<object?>)[g.Name, .. template.Indicators.Select(i => g.Values.TryGetValue(i.Code, out var v) ? (object?)v : null),
                .. withDensity ? new object?[] { g.DensityPer100 } : []]).ToList());

        return
        [
            new Table("Chỉ tiêu", [new("Mã chỉ tiêu", "Indicator code"), new("Tên chỉ tiêu", "Indicator"), new("Đơn vị", "Unit"), new("Tổng", "Total")], totals),
            report.Units == "current"
                ? Groups("Theo xã, phường", new("Xã / phường (từ 1/7/2025)", "Commune or ward (since 1 July 2025)"), report.ByDistrict, withDensity: true)
                : Groups("Theo huyện", new("Huyện / thành phố", "District (before 1 July 2025)"), report.ByDistrict, withDensity: true),
            Groups("Theo doanh nghiệp", new("Doanh nghiệp", "Operator"), report.ByOperator, withDensity: true),
        ];
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;

    private static string UnitName(string unit) => unit switch
    {
        nameof(IndicatorUnit.Count) => "số lượng",
        nameof(IndicatorUnit.Percent) => "%",
        nameof(IndicatorUnit.Vnd) => "đồng",
        nameof(IndicatorUnit.Per100Inhabitants) => "máy / 100 dân",
        _ => unit,
    };
}
