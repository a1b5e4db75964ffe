using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Domain;
using Platform.Geography;

namespace Platform.BuildingBlocks.Geography;

/// <summary>Section "Geography": which province the Department governs.</summary>
public sealed class GeographyOptions
{
    /// <summary>The current (since 1 July 2025) province's GSO code: 15 = Lào Cai (old Lào Cai and Yên Bái).
    /// An old province's code is refused at start with the current province that covers it.</summary>
    public string Province { get; set; } = ProvinceGeography.LaoCai;
}

public static class GeographySetup
{
    /// <summary>Registers the configured province's <see cref="ProvinceGeography"/>, built now so that a wrong
    /// province code stops the service at start instead of at the first request.</summary>
    public static IHostApplicationBuilder AddProvinceGeography(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Geography").Get<GeographyOptions>() ?? new GeographyOptions();
        builder.Services.AddSingleton(new ProvinceGeography(Country.Vietnam, options.Province));
        return builder;
    }
}

public static class UnitFieldErrors
{
    /// <summary>A unit that did not resolve: its English message with the closest names, and its stable code.</summary>
    public static FieldErrors Add(this FieldErrors errors, UnitMatch match) =>
        match.Unit is not null ? errors : errors.Add(match.Field!, match.Message!, new FieldCode(match.Code!, match.Within, match.Suggestions));
}
