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

        var indicatorHeaders = template.Indicators.Select(i => i.Name).ToList();
        Table Groups(string sheet, string first, IReadOnlyList<GroupTotals> groups, bool withDensity) => new(sheet,
            [first, .. indicatorHeaders, .. withDensity ? new[] { "Mật độ / 100 dân" } : []],
            groups.Select(g => (IReadOnlyList<object?>)[g.Name, .. template.Indicators.Select(i => (object?)g.Values.GetValueOrDefault(i.Code)),
                .. withDensity ? new object?[] { g.DensityPer100 } : []]).ToList());

        return
        [
            new Table("Chỉ tiêu", ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Tổng"], totals),
            Groups("Theo huyện", "Huyện / thành phố", report.ByDistrict, withDensity: true),
            Groups("Theo doanh nghiệp", "Doanh nghiệp", report.ByOperator, withDensity: true),
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
