using System.Globalization;
using Microsoft.Extensions.Localization;
using Platform.Web.Api;

namespace Platform.Web.Components.Shared;

/// <summary>The geometry of the trend chart, pure so it is tested without a browser: where each period and value sits,
/// the value axis' ticks, and each line broken where a period has no accepted report (a gap, not a fall to zero).</summary>
public sealed class TrendGeometry
{
    public const int Width = 720, Height = 320, Left = 84, Right = 36, Top = 16, Bottom = 56;
    public const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public TrendGeometry(int periods, IEnumerable<decimal?> values, decimal? target)
    {
        Periods = periods;
        var known = values.OfType<decimal>().Append(target ?? 0).Append(0).ToList();
        Ticks = NiceTicks(known.Max());
        Max = Ticks[^1];
    }

    public int Periods { get; }
    public decimal Max { get; }
    /// <summary>0 and four or five round steps up to at least the largest value or target.</summary>
    public IReadOnlyList<decimal> Ticks { get; }

    public decimal X(int index) => Periods <= 1 ? Left + PlotWidth / 2m : Left + decimal.Round(PlotWidth * index / (decimal)(Periods - 1), 1);
    public decimal Y(decimal value) => Top + decimal.Round(PlotHeight * (1 - Math.Clamp(Max == 0 ? 0 : value / Max, 0, 1)), 1);

    /// <summary>The points of a line as SVG "x,y" runs, one run per stretch of periods that all have a value.</summary>
    public IReadOnlyList<string> Segments(IReadOnlyList<decimal?> values)
    {
        var runs = new List<string>();
        var run = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) run.Add($"{Svg(X(i))},{Svg(Y(v))}");
            else if (run.Count > 0) { runs.Add(string.Join(' ', run)); run.Clear(); }
        }
        if (run.Count > 0) runs.Add(string.Join(' ', run));
        return runs;
    }

    /// <summary>A coordinate as SVG writes it: a point, at most one decimal.</summary>
    public static string Svg(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static IReadOnlyList<decimal> NiceTicks(decimal max)
    {
        if (max <= 0) return [0, 1];
        var raw = (double)max / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (decimal)(new[] { 1d, 2d, 2.5d, 5d, 10d }.Select(f => f * magnitude).First(s => s >= raw));
        var ticks = new List<decimal> { 0 };
        while (ticks[^1] < max) ticks.Add(ticks[^1] + step);
        return ticks;
    }
}

public static class TrendLabels
{
    /// <summary>A period as the Department writes it: 10/2026, Quý 4/2026 (Q4 2026 in English), 2026.</summary>
    public static string Period(IStringLocalizer L, string key) => key.Length switch
    {
        7 when key[4..6] == "-Q" => L["Quarter {0}/{1}", key[6], key[..4]],
        7 => $"{key[5..7]}/{key[..4]}",
        _ => key,
    };

    /// <summary>A series' value in its unit: đồng for money, the vi-VN number otherwise.</summary>
    public static string Value(TrendSeries series, decimal? value) => Formatting.Vn.IsVnd(series.Unit) ? Formatting.Vn.Vnd(value) : Formatting.Vn.Number(value);
}
