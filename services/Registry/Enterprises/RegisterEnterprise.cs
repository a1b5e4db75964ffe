using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

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

public static class RegisterEnterprise
{
    public static Decision Decide(RegisterEnterpriseRequest request, Guid enterpriseId, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (!TaxCode.TryParse(request.TaxCode, out var taxCode, out var taxCodeError)) errors.Add("taxCode", taxCodeError);
        var details = request.Details.Validate(errors);
        if (errors.Any) return errors.ToRejection();
        return Decision.Start<Enterprise>(enterpriseId, new EnterpriseRegistered(enterpriseId, taxCode, details!, now));
    }

    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapPost("/", HandleAsync)
            .WithSummary("Register an enterprise.")
            .Produces<StreamChanged>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Writes(PlatformPolicies.DepartmentWrite);

    private static Task<Started> HandleAsync(RegisterEnterpriseRequest request, TimeProvider clock, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/registry/enterprises/{id}", streams =>
        {
            var decision = Decide(request, id, clock.GetUtcNow());
            if (decision.Events is [EnterpriseRegistered registered])
                streams.InsertUnique(new TaxCodeClaim(registered.TaxCode, id),
                    Rejection.Conflict("duplicate-tax-code", $"An enterprise with tax code {registered.TaxCode} is already registered."));
            return Task.FromResult(decision);
        });
    }
}
