using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace Platform.Reporting.Exports;

/// <summary>
/// A sheet of an export: Vietnamese headers and rows of text or numbers. The People's Committee and the
/// Ministry take CSV (UTF-8 with BOM, so Excel shows Vietnamese) or XLSX (ClosedXML); numbers stay numbers.
/// </summary>
public sealed record Table(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IResult File(string format, string fileName, params Table[] sheets) => format switch
    {
        "csv" => Results.File(ToCsv(sheets[0]), "text/csv; charset=utf-8", $"{fileName}.csv"),
        "xlsx" => Results.File(ToXlsx(sheets), XlsxContentType, $"{fileName}.xlsx"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "csv or xlsx"),
    };

    public static byte[] ToCsv(Table table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Headers.Select(Quote)).Append("\r\n");
        foreach (var row in table.Rows) csv.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

        static string Cell(object? value) => value switch
        {
            null => "",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => Quote(value.ToString() ?? ""),
        };
        static string Quote(string text) => $"\"{text.Replace("\"", "\"\"")}\"";
    }

    public static byte[] ToXlsx(IEnumerable<Table> sheets)
    {
        using var workbook = new XLWorkbook();
        foreach (var table in sheets)
        {
            var sheet = workbook.Worksheets.Add(table.SheetName);
            for (var c = 0; c < table.Headers.Count; c++) sheet.Cell(1, c + 1).Value = table.Headers[c];
            sheet.Row(1).Style.Font.Bold = true;
            for (var r = 0; r < table.Rows.Count; r++)
                for (var c = 0; c < table.Rows[r].Count; c++)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    switch (table.Rows[r][c])
                    {
                        case null: break;
                        case decimal or int or long: cell.Value = table.Rows[r][c]; break;
                        // Text stays text: given .Value, ClosedXML 0.95 reads "2026-08" or "01/08/2026" as dates (month first); SetValue does not convert.
                        case var other: cell.SetValue(other.ToString() ?? ""); break;
                    }
                }
            // Fixed widths: AdjustToContents measures text with System.Drawing, which Linux servers lack.
            sheet.Column(1).Width = 40;
            for (var c = 2; c <= table.Headers.Count; c++) sheet.Column(c).Width = 18;
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
