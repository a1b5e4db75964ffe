using System.Globalization;
using System.Text;

namespace Platform.BuildingBlocks.Domain;

/// <summary>
/// Vietnamese text handling. Input may arrive decomposed (NFD, as macOS and some keyboards send it) or
/// composed (NFC); everything is stored as NFC so equal names compare equal. Search uses a folded key
/// without diacritics so "Vien thong" finds "Viễn thông".
/// </summary>
public static class VietnameseText
{
    /// <summary>NFC, trimmed, inner runs of white space collapsed to one space.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var nfc = text.Normalize(NormalizationForm.FormC);
        return string.Join(' ', nfc.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Lower case, without diacritics; đ/Đ become d (they are letters, not combining marks).</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var decomposed = Clean(text).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return folded.ToString();
    }
}
