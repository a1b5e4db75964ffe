using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Exports;

public enum TableFormat { Json, Csv, Xlsx }

/// <summary>How a list endpoint answers as a table: the form from <c>format=</c> (json, csv, xlsx) or else from Accept,
/// the headers' language from Accept-Language (English when the caller prefers it, Vietnamese otherwise).</summary>
public static class TableExport
{
    public static Rejection BadFormat { get; } = Rejection.Invalid("format", "must be json, csv or xlsx");

    /// <summary>The form asked for; null when <c>format=</c> names none of the three (a 400 for the caller).</summary>
    public static TableFormat? Choose(HttpRequest request, string? format)
    {
        if (!string.IsNullOrEmpty(format))
            return format.Trim().ToLowerInvariant() switch
            {
                "json" => TableFormat.Json,
                "csv" => TableFormat.Csv,
                "xlsx" => TableFormat.Xlsx,
                _ => null,
            };
        // The first of the table media types the caller accepts; anything else (or nothing) is JSON.
        foreach (var accepted in request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (accepted.MediaType.Equals(Table.CsvMediaType, StringComparison.OrdinalIgnoreCase)) return TableFormat.Csv;
            if (accepted.MediaType.Equals(Table.XlsxMediaType, StringComparison.OrdinalIgnoreCase)) return TableFormat.Xlsx;
            if (accepted.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return TableFormat.Json;
        }
        return TableFormat.Json;
    }

    public static TableLanguage LanguageOf(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first
        && first.Value.Value is { } tag && tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? TableLanguage.English
            : TableLanguage.Vietnamese;

    /// <summary>The download: CSV holds the first sheet, XLSX every sheet.</summary>
    public static IResult File(HttpRequest request, TableFormat format, string fileName, params Table[] sheets)
    {
        var language = LanguageOf(request);
        request.HttpContext.Response.Headers.ContentLanguage = language == TableLanguage.English ? "en" : "vi";
        return format switch
        {
            TableFormat.Csv => Results.File(sheets[0].ToCsv(language), $"{Table.CsvMediaType}; charset=utf-8", $"{fileName}.csv"),
            TableFormat.Xlsx => Results.File(Table.ToXlsx(sheets, language), Table.XlsxMediaType, $"{fileName}.xlsx"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "csv or xlsx"),
        };
    }

    /// <summary>Adds the CSV and XLSX forms (binary) beside the JSON form of a list's 200 answer in the OpenAPI document. Not a second
    /// <c>Produces</c>: for one status code the last one wins, and the JSON schema (the one clients are generated from) would be lost.</summary>
    public static RouteHandlerBuilder ProducesTables(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                foreach (var mediaType in new[] { Table.CsvMediaType, Table.XlsxMediaType })
                    content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            return Task.CompletedTask;
        });
}
