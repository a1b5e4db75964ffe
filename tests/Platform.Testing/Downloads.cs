using System.Net;
using System.Text;
using ClosedXML.Excel;
using Platform.BuildingBlocks.Exports;
using Xunit;

namespace Platform.Testing;

/// <summary>Reads list downloads back as a client would: the CSV parsed by RFC 4180 with the reader uploads use (<see cref="Csv"/>, after checking the BOM), the XLSX
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
        return Csv.Read(Encoding.UTF8.GetString(bytes[3..]));
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
}
