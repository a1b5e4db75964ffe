using Platform.Web.Api;

namespace Platform.Web.Components.Pages;

/// <summary>Colours of the reporting pages: overdue (red) over late (amber) over the plain status.</summary>
public static class ReportCells
{
    public static string RowClass(ObligationRow r) => r.Overdue ? "overdue" : r.Late ? "late" : $"s-{r.Status}";

    /// <summary>A status-matrix cell as the API spells it ("accepted", "submitted-late", "overdue", "not-due") → its CSS class.</summary>
    public static string CellClass(string? cell) => cell switch
    {
        null or "" or "not-due" => "cell-none",
        "overdue" => "cell-overdue",
        _ when cell.EndsWith("-late", StringComparison.Ordinal) => "cell-late",
        _ => $"cell-{cell}",
    };

    /// <summary>The status part of a cell ("submitted-late" → "submitted").</summary>
    public static string CellStatus(string? cell) =>
        cell is null ? "not-due" : cell.EndsWith("-late", StringComparison.Ordinal) ? cell[..^5] : cell;
}
