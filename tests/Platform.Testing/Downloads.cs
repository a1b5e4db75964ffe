using System.Net;
using System.Text;
using ClosedXML.Excel;
using Xunit;

namespace Platform.Testing;

/// <summary>Reads list downloads back as a client would: the CSV parsed by RFC 4180 (after checking the BOM), the XLSX
/// opened with ClosedXML so cell types (numbers, dates) can be asserted.</summary>
public static class Downloads
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, string accept, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        return client.SendAsync(request);
    }

    /// <summary>The rows of a CSV answer (header first), each cell unquoted.</summary>
    public static async Task<List<string[]>> CsvAsync(this HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
    }

    /// <summary>The first sheet of an XLSX answer.</summary>
    public static async Task<IXLWorksheet> XlsxAsync(this HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        return new XLWorkbook(new MemoryStream(bytes)).Worksheet(1);
    }

    public static string[] HeaderRow(this IXLWorksheet sheet) =>
        sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToArray();

    /// <summary>The data rows whose cell in <paramref name="column"/> (1-based) reads <paramref name="value"/>.</summary>
    public static List<IXLRow> RowsWhere(this IXLWorksheet sheet, int column, string value) =>
        sheet.RowsUsed().Skip(1).Where(r => r.Cell(column).GetString() == value).ToList();

    /// <summary>RFC 4180: fields split by commas, records by CRLF; a quoted field may hold commas, CRLF and doubled quotes.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i++;
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
