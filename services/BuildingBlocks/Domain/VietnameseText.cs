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

    /// <summary>Why a text cannot be stored as it is, or null when it can: control characters (NUL, ESC, BEL, DEL,
    /// C1 controls…) other than tab and line breaks, which free text may hold; and unpaired UTF-16 surrogates.
    /// Neither is anything a person typed, PostgreSQL's jsonb refuses NUL outright, and both break printouts and exports.</summary>
    public static string? Unreadable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"must not contain control characters (U+{(int)c:X4} at position {i + 1})";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return $"is not valid Unicode (unpaired surrogate at position {i + 1})";
        }
        return null;
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
