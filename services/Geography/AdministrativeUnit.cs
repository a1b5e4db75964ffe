using System.Globalization;
using System.Text;

namespace Platform.Geography;

/// <summary>Which generation of units a code belongs to. Codes are reused across the 1 July 2025
/// reorganisation (new commune 02647 is Phường Lào Cai; old 02647 was Phường Kim Tân), so a code means
/// nothing without its generation.</summary>
public enum UnitGeneration
{
    /// <summary>Before 1 July 2025: province → district → commune/ward/town.</summary>
    ThreeTier,
    /// <summary>From 1 July 2025: province → commune/ward/special zone (districts abolished).</summary>
    TwoTier,
}

public enum UnitLevel { Province, District, Commune }

/// <summary>One administrative unit as the General Statistics Office lists it: official code, full name
/// ("Xã A Mú Sung"), type ("Xã", "Phường", "Huyện"…), parent's code (null for a province).</summary>
public sealed record AdministrativeUnit(UnitGeneration Generation, string Code, string Name, string Type, string? ParentCode, UnitLevel Level)
{
    /// <summary>The name without its type ("A Mú Sung"), as people usually write it.</summary>
    public string ShortName => Name.StartsWith(Type + " ", StringComparison.Ordinal) ? Name[(Type.Length + 1)..] : Name;

    /// <summary>Lower case, no diacritics, đ → d: the search key.</summary>
    public string FoldedName { get; } = Fold(Name);
    public string FoldedShortName => Fold(ShortName);

    public override string ToString() => $"{Name} ({Code})";

    /// <summary>Same folding as the platform's search (BuildingBlocks' VietnameseText.Fold), kept here so the
    /// reference data has no dependency.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var decomposed = string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c switch { 'đ' or 'Đ' => 'd', '’' or '‘' => '\'', _ => char.ToLowerInvariant(c) });
        }
        return folded.ToString();
    }
}

/// <summary>Where an old commune went on 1 July 2025: the new commune and whether all of the old one went
/// there ("full") or only part of it.</summary>
public sealed record Successor(string Code, bool Whole);
