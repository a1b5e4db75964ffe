using Marten;
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
        return Decision.Accept(new EnterpriseRegistered(enterpriseId, taxCode, details!, now));
    }

    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapPost("/", HandleAsync)
            .WithSummary("Register an enterprise.")
            .Produces<StreamChanged>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Writes(PlatformPolicies.DepartmentWrite);

    private static async Task<IResult> HandleAsync(RegisterEnterpriseRequest request, IDocumentSession session, TimeProvider clock, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        var decision = Decide(request, id, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        var registered = (EnterpriseRegistered)decision.Events[0];
        session.Events.StartStream<Enterprise>(id, registered);
        session.Insert(new TaxCodeClaim(registered.TaxCode, id));
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return Problems.From(Rejection.Conflict("duplicate-tax-code", $"An enterprise with tax code {registered.TaxCode} is already registered."));
        }
        StreamVersion.SetETag(http.Response, 1);
        return Results.Created($"/api/registry/enterprises/{id}", new StreamChanged(id, 1));
    }
}
