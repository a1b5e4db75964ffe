using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Reporting.Indicators;

public sealed record PopulationRequest(long? Inhabitants);

/// <summary>Population per district and year (seed data, about 650,000 inhabitants in all; editable through the API).</summary>
public sealed record PopulationFigure(string Id, int Year, string District, long Inhabitants)
{
    public static string IdFor(int year, string district) => $"{year}|{district}";
}

public static class PopulationSeed
{
    public static readonly IReadOnlyDictionary<string, long> ByDistrict = new Dictionary<string, long>
    {
        ["Thành phố Lào Cai"] = 128_000, ["Thị xã Sa Pa"] = 62_000, ["Huyện Bát Xát"] = 82_000, ["Huyện Mường Khương"] = 64_000,
        ["Huyện Bắc Hà"] = 66_000, ["Huyện Si Ma Cai"] = 38_000, ["Huyện Bảo Thắng"] = 110_000, ["Huyện Bảo Yên"] = 58_000,
    };

    public static long Total => ByDistrict.Values.Sum();
}

/// <summary>A district's population for a year, corrected by the Department (reference data for density).</summary>
public static class CorrectPopulation
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/population/{year:int}/{district}", async (int year, string district, PopulationRequest body, IDocumentSession session, HttpContext http) =>
            {
                var name = VietnameseText.Clean(district);
                var errors = new FieldErrors().When(body.Inhabitants is not > 0, "inhabitants", "must be a positive number").When(year is < 2000 or > 2100, "year", "must be between 2000 and 2100")
                    .When(!PopulationSeed.ByDistrict.ContainsKey(name), "district", $"must be one of the province's districts: {string.Join(", ", PopulationSeed.ByDistrict.Keys)}");
                if (errors.Any) return Problems.From(errors.ToRejection());
                session.Store(new PopulationFigure(PopulationFigure.IdFor(year, name), year, name, body.Inhabitants!.Value));
                await session.SaveChangesAsync(http.RequestAborted);
                return Results.NoContent();
            })
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound) // a year that is not a number matches no route
            .WithTags("Provincial indicators")
            .WithSummary("Correct a district's population for a year (reference data for density).")
            .Writes(PlatformPolicies.DepartmentWrite);
}
