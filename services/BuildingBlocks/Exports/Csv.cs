using System.Text;

namespace Platform.BuildingBlocks.Exports;

/// <summary>Reads CSV by RFC 4180, as uploads arrive and as <see cref="TableExport"/> writes it: fields split by commas,
/// records by CRLF (or a lone LF or CR, as editors save); a quoted field may hold commas, line breaks and doubled quotes.
/// A byte-order mark is skipped.</summary>
public static class Csv
{
    /// <summary>The records (a header first, when the file has one), each field unquoted.</summary>
    /// <exception cref="FormatException">The text ends inside a quoted field.</exception>
    public static List<string[]> Read(string text)
    {
        var records = new List<string[]>();
        var record = new List<string>();
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
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                records.Add([.. record]);
                record.Clear();
            }
            else if (c != '\uFEFF') field.Append(c);
        }
        if (quoted) throw new FormatException("The CSV ends inside a quoted field.");
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add([.. record]); }
        return records;
    }
}
