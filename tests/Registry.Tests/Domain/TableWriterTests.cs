using System.Text;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Exports;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Domain;

/// <summary>The platform's one table writer (BuildingBlocks/Exports), used by every list download: kept with the
/// Registry's pure tests, the first service that uses it for a public snapshot.</summary>
public class TableWriterTests
{
    private sealed record Row(string Name, decimal Fee, DateOnly Deadline, DateTimeOffset At, bool Done);

    private static readonly IReadOnlyList<Column<Row>> Columns =
    [
        new("Tên", "Name", r => r.Name),
        new("Giá thuê", "Fee", r => new Vnd(r.Fee)),
        new("Hạn", "Deadline", r => r.Deadline),
        new("Thời điểm (UTC)", "At (UTC)", r => r.At),
        new("Xong", "Done", r => r.Done),
    ];

    private static readonly Row Sample = new("Trạm \"Cốc Lếu\", cột 2", 5_000_000.5m, new DateOnly(2026, 3, 9),
        new DateTimeOffset(2026, 3, 9, 6, 30, 15, TimeSpan.FromHours(7)), true);

    private static string CsvText(Table table, TableLanguage language = TableLanguage.Vietnamese)
    {
        var bytes = table.ToCsv(language);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    [Fact]
    public void CSV_is_UTF8_with_a_BOM_Vietnamese_headers_quoted_text_and_typed_cells()
    {
        var text = CsvText(Table.Of("Mẫu", Columns, [Sample, Sample with { Name = "Hai\r\ndòng", Done = false }]));
        Assert.Equal(
            "\"Tên\",\"Giá thuê\",\"Hạn\",\"Thời điểm (UTC)\",\"Xong\"\r\n" +
            "\"Trạm \"\"Cốc Lếu\"\", cột 2\",5000000.5,09/03/2026,08/03/2026 23:30:15,có\r\n" +
            "\"Hai\r\ndòng\",5000000.5,09/03/2026,08/03/2026 23:30:15,không\r\n", text);
        // Read back by RFC 4180: the comma, the quotes and the line break stay inside their fields.
        var rows = Csv.Read(text);
        Assert.Equal(["Trạm \"Cốc Lếu\", cột 2", "Hai\r\ndòng"], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void English_headers_and_yes_no_when_asked_and_Vietnamese_where_a_column_has_no_English()
    {
        var table = new Table("x", [new Header("Tên", "Name"), "Ghi chú"], [["a", true]]);
        Assert.Equal("\"Name\",\"Ghi chú\"\r\n\"a\",yes\r\n", CsvText(table, TableLanguage.English));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+84 912 345 678", "'+84 912 345 678")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Số 1 = một", "Số 1 = một")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(string text, string written)
    {
        var rows = Csv.Read(CsvText(new Table("x", ["Tên"], [[text]])));
        Assert.Equal(written, rows[1][0]);
    }

    [Fact]
    public void Negative_numbers_are_numbers_not_neutralised_text()
    {
        Assert.Equal("\"Số\"\r\n-5\r\n-2.5\r\n", CsvText(new Table("x", ["Số"], [[-5], [-2.5m]])));
    }

    [Fact]
    public void XLSX_has_real_numbers_dates_a_VND_format_and_text_that_stays_text()
    {
        var bytes = Table.ToXlsx([new Table("Mẫu", [.. Columns.Select(c => c.Header), "Mã", "Công thức"],
            [[.. Columns.Select(c => c.Value(Sample)), "0123", "=1+2"]])]);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("Mẫu");
        Assert.Equal(["Tên", "Giá thuê", "Hạn", "Thời điểm (UTC)", "Xong", "Mã", "Công thức"], sheet.HeaderRow());
        var row = sheet.Row(2);
        Assert.Equal(Sample.Name, row.Cell(1).GetString());
        Assert.Equal(XLDataType.Number, row.Cell(2).DataType);
        Assert.Equal(5_000_000.5, row.Cell(2).GetDouble());
        Assert.Contains("₫", row.Cell(2).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.DateTime, row.Cell(3).DataType);
        Assert.Equal(new DateTime(2026, 3, 9), row.Cell(3).GetDateTime());
        Assert.Equal("dd/MM/yyyy", row.Cell(3).Style.DateFormat.Format);
        Assert.Equal(new DateTime(2026, 3, 8, 23, 30, 15), row.Cell(4).GetDateTime());
        Assert.Equal("có", row.Cell(5).GetString());
        Assert.Equal((XLDataType.Text, "0123"), (row.Cell(6).DataType, row.Cell(6).GetString()));
        Assert.False(row.Cell(7).HasFormula);
        Assert.Equal("=1+2", row.Cell(7).GetString());
    }

    [Theory]
    [InlineData(null, null, TableFormat.Json)]
    [InlineData(null, "text/csv", TableFormat.Csv)]
    [InlineData(null, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", TableFormat.Xlsx)]
    [InlineData(null, "application/json, text/csv;q=0.5", TableFormat.Json)]
    [InlineData(null, "application/json;q=0.2, text/csv", TableFormat.Csv)]
    [InlineData("xlsx", "text/csv", TableFormat.Xlsx)]
    [InlineData("CSV", null, TableFormat.Csv)]
    [InlineData("json", "text/csv", TableFormat.Json)]
    [InlineData("pdf", null, null)]
    public void The_form_comes_from_format_first_then_Accept(string? format, string? accept, TableFormat? expected)
    {
        var http = new DefaultHttpContext();
        if (accept is not null) http.Request.Headers.Accept = accept;
        Assert.Equal(expected, TableExport.Choose(http.Request, format));
    }

    [Theory]
    [InlineData(null, TableLanguage.Vietnamese)]
    [InlineData("vi-VN,vi;q=0.9,en;q=0.5", TableLanguage.Vietnamese)]
    [InlineData("en-GB,en;q=0.9", TableLanguage.English)]
    [InlineData("vi;q=0.4, en", TableLanguage.English)]
    public void Headers_are_English_only_when_the_caller_prefers_English(string? acceptLanguage, TableLanguage expected)
    {
        var http = new DefaultHttpContext();
        if (acceptLanguage is not null) http.Request.Headers.AcceptLanguage = acceptLanguage;
        Assert.Equal(expected, TableExport.LanguageOf(http.Request));
    }
}
