using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Geography;

namespace Platform.Registry.Enterprises;

public sealed record RegisterEnterpriseRequest(
    string? TaxCode, string? LegalName, string? ShortName, string[]? Sectors, string[]? Kinds,
    AddressInput? HeadOffice, RepresentativeInput? Representative, ContactInput? Contact)
{
    public EnterpriseDetailsInput Details => new(LegalName, ShortName, Sectors, Kinds, HeadOffice, Representative, Contact);
}

/// <summary>One document per tax code ever registered. Inserting it in the same transaction as the new
/// stream makes the database refuse a second enterprise with the same tax code, even under races.</summary>
public sealed record TaxCodeClaim(string Id, Guid EnterpriseId);

/// <summary>A registration, parsed: the canonical tax code and clean details.</summary>
public sealed record NewEnterprise(string TaxCode, EnterpriseDetails Details);

public static class RegisterEnterprise
{
    public static Parsed<NewEnterprise> Parse(RegisterEnterpriseRequest request, ProvinceGeography geography)
    {
        var errors = new FieldErrors();
        if (!TaxCode.TryParse(request.TaxCode, out var taxCode, out var taxCodeError)) errors.Add("taxCode", taxCodeError);
        var details = request.Details.Validate(errors, geography);
        return Parsed<NewEnterprise>.Unless(errors, () => new NewEnterprise(taxCode, details!));
    }

    public static Decision Decide(NewEnterprise command, Guid enterpriseId, DateTimeOffset now) =>
        Decision.Start<Enterprise>(enterpriseId, new EnterpriseRegistered(enterpriseId, command.TaxCode, command.Details, now));

    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapPost("/", HandleAsync)
            .WithSummary("Register an enterprise.")
            .Produces<StreamChanged>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Writes(PlatformPolicies.DepartmentWrite);

    private static Task<Started> HandleAsync(RegisterEnterpriseRequest request, TimeProvider clock, ProvinceGeography geography, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/registry/enterprises/{id}", Parse(request, geography), (command, streams) =>
        {
            streams.InsertUnique(new TaxCodeClaim(command.TaxCode, id),
                Rejection.Conflict("duplicate-tax-code", $"An enterprise with tax code {command.TaxCode} is already registered."));
            return Task.FromResult(Decide(command, id, clock.GetUtcNow()));
        });
    }
}
