using Platform.BuildingBlocks.Exports;

namespace Platform.Reporting.Submissions;

public sealed record StatusMatrixRow(Guid EnterpriseId, string Name, IReadOnlyDictionary<string, string> Cells);

/// <summary>Enterprises × periods, one status code per cell; "not-due" where the enterprise owed nothing.</summary>
public sealed record StatusMatrix(string Template, IReadOnlyList<string> Periods, IReadOnlyList<StatusMatrixRow> Enterprises)
{
    public static StatusMatrix Build(string template, IReadOnlyList<SubmissionRow> rows)
    {
        var periods = rows.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var enterprises = rows.GroupBy(r => (r.EnterpriseId, r.EnterpriseName))
            .OrderBy(g => g.Key.EnterpriseName, StringComparer.Ordinal)
            .Select(g => new StatusMatrixRow(g.Key.EnterpriseId, g.Key.EnterpriseName,
                periods.ToDictionary(p => p, p => g.FirstOrDefault(r => r.Period == p) is { } r ? CellOf(r) : "not-due")))
            .ToList();
        return new StatusMatrix(template, periods, enterprises);
    }

    /// <summary>"overdue" when nothing came by the due date; "&lt;status&gt;-late" when the first version came after it.</summary>
    public static string CellOf(SubmissionRow r) => r.Overdue ? "overdue" : r.Late ? $"{r.Status}-late" : r.Status;

    /// <summary>The matrix with Vietnamese headers and cell labels, for the export files.</summary>
    public Table ToTable() => new("Tình hình báo cáo", [new Header("Doanh nghiệp", "Enterprise"), .. Periods.Select(p => new Header($"Kỳ {p}", $"Period {p}"))],
        Enterprises.Select(e => (IReadOnlyList<object?>)[e.Name, .. Periods.Select(p => (object?)Label(e.Cells[p]))]).ToList());

    public static string Label(string cell)
    {
        var late = cell.EndsWith("-late", StringComparison.Ordinal);
        var label = (late ? cell[..^5] : cell) switch
        {
            "accepted" => "Đã chấp nhận",
            "submitted" => "Đã nộp, chờ duyệt",
            "returned" => "Trả lại để sửa",
            "draft" => "Đang soạn",
            "due" => "Chưa nộp",
            "overdue" => "Quá hạn",
            "not-due" => "",
            var other => other,
        };
        return late ? $"{label} (nộp muộn)" : label;
    }
}
