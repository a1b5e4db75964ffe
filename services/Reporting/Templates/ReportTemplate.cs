namespace Platform.Reporting.Templates;

public enum PeriodType { Monthly, Quarterly, Annual }

public enum IndicatorUnit { Count, Percent, Vnd, Per100Inhabitants }

/// <summary>One figure a report asks for. Counts are whole numbers; every value is non-negative.</summary>
public sealed record Indicator(string Code, string Name, IndicatorUnit Unit);

/// <summary>A cross-field rule: the value of <see cref="Lesser"/> may not exceed <see cref="Greater"/>.</summary>
public sealed record AtMostRule(string Lesser, string Greater, string Message);

/// <summary>
/// A versioned report template (seed data): which enterprises file it (by kind), how often, and the
/// indicators with their rules. A new version is a new record; submissions keep the version they used.
/// </summary>
public sealed record ReportTemplate(
    string Code, int Version, string Name, PeriodType PeriodType, string[] EnterpriseKinds,
    IReadOnlyList<Indicator> Indicators, IReadOnlyList<AtMostRule> Rules)
{
    public Indicator? Find(string code) => Indicators.FirstOrDefault(i => i.Code == code);
}

/// <summary>The templates the Department uses now (Circular 22/2009/TT-BTTTT prepaid registration, density, postal points…).</summary>
public static class Templates
{
    public static readonly ReportTemplate TelecomMonthly = new("telecom-monthly", 1, "Báo cáo tháng về thuê bao viễn thông", PeriodType.Monthly,
        ["network-operator", "telecom-service-provider"],
        [
            new("mobile-subscribers", "Số thuê bao di động đang hoạt động", IndicatorUnit.Count),
            new("prepaid-subscribers", "Số thuê bao di động trả trước", IndicatorUnit.Count),
            new("prepaid-registered", "Số thuê bao trả trước đã đăng ký thông tin (TT 22/2009/TT-BTTTT)", IndicatorUnit.Count),
            new("fixed-subscribers", "Số thuê bao điện thoại cố định", IndicatorUnit.Count),
            new("internet-subscribers", "Số thuê bao Internet băng rộng", IndicatorUnit.Count),
            new("operational-bts", "Số trạm BTS đang hoạt động", IndicatorUnit.Count),
            new("revenue-vnd", "Doanh thu trên địa bàn (đồng)", IndicatorUnit.Vnd),
        ],
        [
            new("prepaid-subscribers", "mobile-subscribers", "prepaid subscribers cannot exceed mobile subscribers"),
            new("prepaid-registered", "prepaid-subscribers", "registered prepaid subscribers cannot exceed prepaid subscribers"),
        ]);

    public static readonly ReportTemplate PostalQuarterly = new("postal-quarterly", 1, "Báo cáo quý về mạng bưu chính", PeriodType.Quarterly,
        ["postal-operator"],
        [
            new("postal-points", "Số điểm phục vụ bưu chính", IndicatorUnit.Count),
            new("commune-cultural-post-offices", "Số điểm Bưu điện - Văn hóa xã", IndicatorUnit.Count),
            new("universal-service-points", "Số điểm cung cấp dịch vụ bưu chính công ích", IndicatorUnit.Count),
            new("on-time-delivery-percent", "Tỷ lệ bưu gửi phát đúng thời gian (%)", IndicatorUnit.Percent),
        ],
        [new("commune-cultural-post-offices", "postal-points", "commune cultural post offices are postal points, so cannot exceed them")]);

    public static readonly IReadOnlyList<ReportTemplate> All = [TelecomMonthly, PostalQuarterly];

    public static ReportTemplate? Find(string code, int version) => All.FirstOrDefault(t => t.Code == code && t.Version == version);

    public static IEnumerable<ReportTemplate> For(IEnumerable<string> enterpriseKinds) =>
        All.Where(t => t.EnterpriseKinds.Intersect(enterpriseKinds).Any());
}
