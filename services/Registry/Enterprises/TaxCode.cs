namespace Platform.Registry.Enterprises;

/// <summary>
/// Vietnamese tax code (mã số thuế): ten digits N1…N10, where N10 is a check digit over N1…N9 with
/// weights 31, 29, 23, 19, 17, 13, 7, 5, 3: N10 = 10 − (Σ mod 11). A result of 10 is never issued.
/// A branch or dependent unit adds "-NNN" (001–999). Stored exactly in this canonical form.
/// </summary>
public static class TaxCode
{
    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    /// <summary>The canonical tax code, or the reason it is not one.</summary>
    public static bool TryParse(string? input, out string taxCode, out string error)
    {
        taxCode = string.Empty;
        var text = (input ?? string.Empty).Trim();
        var parts = text.Split('-');
        if (parts.Length > 2 || parts[0].Length != 10 || !parts[0].All(char.IsAsciiDigit))
        {
            error = "must be 10 digits, optionally followed by a branch suffix -NNN (e.g. 0100109106 or 0100109106-001)";
            return false;
        }
        if (parts.Length == 2 && (parts[1].Length != 3 || !parts[1].All(char.IsAsciiDigit) || parts[1] == "000"))
        {
            error = "branch suffix must be three digits from 001 to 999";
            return false;
        }
        if (CheckDigit(parts[0]) is not { } expected || parts[0][9] - '0' != expected)
        {
            error = "check digit does not match (the 10th digit is computed from the first nine)";
            return false;
        }
        taxCode = text;
        error = string.Empty;
        return true;
    }

    /// <summary>The check digit for the first nine digits, or null when no valid code can start with them.</summary>
    public static int? CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * Weights[i];
        var check = 10 - sum % 11;
        return check == 10 ? null : check;
    }
}
