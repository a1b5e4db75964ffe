using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;

namespace Platform.BuildingBlocks.Catalogue;

/// <summary>Deterministic example instances of the contracts for the catalogue: the same contract
/// always yields the same example, so the generated document is stable.</summary>
internal static class Examples
{
    private static readonly Dictionary<string, object> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LegalName"] = "Tổng công ty Viễn thông MobiFone – chi nhánh Lào Cai",
        ["ShortName"] = "MobiFone",
        ["TaxCode"] = "0100686209",
        ["District"] = "Thành phố Lào Cai",
        ["Commune"] = "Phường Cốc Lếu",
        ["StreetAddress"] = "Số 1 đường Hoàng Liên",
        ["CommuneCode"] = "02644", // Phường Cốc Lếu before 1 July 2025
        ["UnitGeneration"] = "three-tier",
        ["CurrentCommuneCode"] = "02647", // Phường Lào Cai, which took in Cốc Lếu
        ["Reason"] = "Chưa nộp báo cáo định kỳ",
        ["Sectors"] = new[] { "telecom" },
        ["Kinds"] = new[] { "network-operator" },
        ["Kind"] = "greenfield-tower",
        ["Status"] = "operational",
        ["Zone"] = "in-plan",
        ["LicenceType"] = "telecom-network",
        ["IssuingAuthority"] = "ministry",
        ["Number"] = "123/GP-BTTTT",
        ["Outcome"] = "overturned",
        // A field's example for one contract (or nested record) only, where the name alone means other things elsewhere.
        ["ReportTemplateVersionPublishedV1.Template"] = "telecom-monthly",
        ["ReportTemplateVersionPublishedV1.Name"] = "Báo cáo tháng về thuê bao viễn thông",
        ["ReportTemplateVersionPublishedV1.NameEn"] = "Monthly telecom subscriber report",
        ["ReportTemplateVersionPublishedV1.PeriodType"] = "monthly",
        ["ReportTemplateVersionPublishedV1.EffectiveFrom"] = "2026-01",
        ["ReportTemplateVersionPublishedV1.Source"] = "Thông tư 04/2022/TT-BTTTT",
        ["ReportTemplateField.Code"] = "mobile-subscribers",
        ["ReportTemplateField.Label"] = "Số thuê bao di động đang hoạt động",
        ["ReportTemplateField.LabelEn"] = "Active mobile subscribers",
        ["ReportTemplateField.Type"] = "count",
        ["ReportTemplateRule.Kind"] = "at-most",
        ["ReportTemplateRule.Lesser"] = "prepaid-registered",
        ["ReportTemplateRule.Greater"] = "prepaid-subscribers",
        ["ReportTemplateRule.Message"] = "Số thuê bao đã đăng ký không vượt quá số thuê bao trả trước",
        ["ReportTemplateBreakdown.Field"] = "mobile-subscribers",
    };

    public static object For(Type contract)
    {
        var constructor = contract.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = constructor.GetParameters().Select(p => Value(p.Name!, p.ParameterType, contract)).ToArray();
        return constructor.Invoke(args);
    }

    private static object? Value(string name, Type type, Type contract)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        // A coded field's example is a code of its list (the known one when it belongs to it).
        if (contract.GetProperty(name)?.GetCustomAttribute<CodeListAttribute>() is { } list)
        {
            var codes = CodeList.All(list.EnumType);
            string Code(object? candidate) => candidate is string code && codes.Contains(code) ? code
                : candidate is string[] some && some.Length > 0 && codes.Contains(some[0]) ? some[0] : codes[0];
            var example = Code(Known.GetValueOrDefault(name));
            return underlying == typeof(string) ? example : new[] { example };
        }
        if (Known.TryGetValue($"{contract.Name}.{name}", out var own) && underlying.IsInstanceOfType(own)) return own;
        if (Known.TryGetValue(name, out var known) && underlying.IsInstanceOfType(known)) return known;
        if (underlying == typeof(Guid)) return StableGuid($"{contract.Name}.{name}");
        if (underlying == typeof(string)) return $"({name})";
        if (underlying == typeof(long) || underlying == typeof(int)) return Convert.ChangeType(name == "StreamVersion" ? 1 : 3, underlying);
        if (underlying == typeof(decimal)) return 4_200_000m;
        if (underlying == typeof(double)) return 32.5;
        if (underlying == typeof(bool)) return false;
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 1, 15, 3, 0, 0, TimeSpan.Zero);
        if (underlying == typeof(DateOnly)) return new DateOnly(2026, 1, 15);
        if (underlying.IsArray || (underlying.IsGenericType && typeof(IEnumerable).IsAssignableFrom(underlying)))
        {
            var element = underlying.IsArray ? underlying.GetElementType()! : underlying.GetGenericArguments()[0];
            var array = Array.CreateInstance(element, 1);
            array.SetValue(Value(name.TrimEnd('s'), element, contract), 0);
            return array;
        }
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(0);
        if (underlying.IsClass && underlying.GetConstructors().Length > 0) return For(underlying); // a nested record
        return null;
    }

    private static Guid StableGuid(string seed) => new(MD5.HashData(Encoding.UTF8.GetBytes(seed)));
}
