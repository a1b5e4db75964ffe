using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace Platform.BuildingBlocks.Exports;

/// <summary>An amount in Vietnamese đồng: a number in both forms, shown with the ₫ format in XLSX.</summary>
public readonly record struct Vnd(decimal Amount);

/// <summary>The language of an export's headers (and of yes/no cells): Vietnamese unless the caller asks for English.</summary>
public enum TableLanguage { Vietnamese, English }

/// <summary>A column's header in the Department's language, with an English variant for callers that ask for it.</summary>
public sealed record Header(string Vietnamese, string? English = null)
{
    public static implicit operator Header(string vietnamese) => new(vietnamese);

    public string In(TableLanguage language) => language == TableLanguage.English && English is { } en ? en : Vietnamese;
}

/// <summary>A column of a list export: its header and how a row's cell is read from an item.</summary>
public sealed record Column<T>(Header Header, Func<T, object?> Value)
{
    public Column(string vietnamese, string english, Func<T, object?> value) : this(new Header(vietnamese, english), value) { }
}

/// <summary>
/// One sheet of an export, the platform's only table writer: CSV (RFC 4180, UTF-8 with BOM so Excel shows Vietnamese,
/// cells that would start a formula neutralised) or XLSX (ClosedXML) with typed cells: numbers stay numbers, a
/// <see cref="DateOnly"/> is a date shown dd/MM/yyyy, a <see cref="DateTimeOffset"/> a UTC date and time, a
/// <see cref="Vnd"/> a number with the ₫ format. Enum cells are best given as their API codes by the caller.
/// </summary>
public sealed record Table(string SheetName, IReadOnlyList<Header> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public const string CsvMediaType = "text/csv";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string DateFormat = "dd/MM/yyyy";
    public const string TimestampFormat = "dd/MM/yyyy HH:mm:ss";
    public const string VndFormat = "#,##0 \"₫\"";

    public static Table Of<T>(string sheetName, IReadOnlyList<Column<T>> columns, IEnumerable<T> items) =>
        new(sheetName, columns.Select(c => c.Header).ToList(),
            items.Select(item => (IReadOnlyList<object?>)columns.Select(c => c.Value(item)).ToArray()).ToList());

    public byte[] ToCsv(TableLanguage language = TableLanguage.Vietnamese)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Headers.Select(h => Quote(Neutralise(h.In(language))))).Append("\r\n");
        foreach (var row in Rows) csv.AppendJoin(',', row.Select(v => CsvCell(v, language))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string CsvCell(object? value, TableLanguage language = TableLanguage.Vietnamese) => value switch
    {
        null => "",
        Vnd v => v.Amount.ToString(CultureInfo.InvariantCulture),
        decimal or int or long or double or float => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateOnly d => d.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        bool b => YesNo(b, language),
        _ => Quote(Neutralise(value.ToString() ?? "")),
    };

    /// <summary>RFC 4180: every text field quoted, the quotes inside doubled.</summary>
    private static string Quote(string text) => $"\"{text.Replace("\"", "\"\"")}\"";

    /// <summary>CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab, CR) as a formula, so such
    /// text gets a leading apostrophe. Numbers are written as numbers and never pass here.</summary>
    public static string Neutralise(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string YesNo(bool value, TableLanguage language) => (value, language) switch
    {
        (true, TableLanguage.English) => "yes",
        (false, TableLanguage.English) => "no",
        (true, _) => "có",
        (false, _) => "không",
    };

    public static byte[] ToXlsx(IEnumerable<Table> sheets, TableLanguage language = TableLanguage.Vietnamese)
    {
        using var workbook = new XLWorkbook();
        foreach (var table in sheets)
        {
            var sheet = workbook.Worksheets.Add(table.SheetName);
            for (var c = 0; c < table.Headers.Count; c++) sheet.Cell(1, c + 1).SetValue(table.Headers[c].In(language));
            sheet.Row(1).Style.Font.Bold = true;
            for (var r = 0; r < table.Rows.Count; r++)
                for (var c = 0; c < table.Rows[r].Count; c++)
                    Write(sheet.Cell(r + 2, c + 1), table.Rows[r][c], language);
            // Fixed widths: AdjustToContents measures text with System.Drawing, which Linux servers lack.
            sheet.Column(1).Width = 40;
            for (var c = 2; c <= table.Headers.Count; c++) sheet.Column(c).Width = 18;
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    // SetValue, not the Value setter: the setter would read a text starting with "=" as a formula and "0123" as a number.
    private static void Write(IXLCell cell, object? value, TableLanguage language)
    {
        switch (value)
        {
            case null: break;
            case Vnd v: cell.SetValue(v.Amount); cell.Style.NumberFormat.Format = VndFormat; break;
            case decimal d: cell.SetValue(d); break;
            case int i: cell.SetValue(i); break;
            case long l: cell.SetValue(l); break;
            case double x: cell.SetValue(x); break;
            case float f: cell.SetValue((double)f); break;
            case DateOnly d: cell.SetValue(d.ToDateTime(TimeOnly.MinValue)); cell.Style.DateFormat.Format = DateFormat; break;
            case DateTimeOffset t: cell.SetValue(t.UtcDateTime); cell.Style.DateFormat.Format = TimestampFormat; break;
            case bool b: cell.SetValue(YesNo(b, language)); break;
            default: cell.SetValue(value.ToString() ?? ""); break;
        }
    }
}
