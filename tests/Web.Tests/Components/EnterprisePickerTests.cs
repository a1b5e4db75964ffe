using System.Net;
using System.Text.Json;
using System.Web;
using Bunit;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Components;

/// <summary>Enterprise pickers work for any number of enterprises without a circuit: the first ones by name, a search
/// posted with the form (name or tax code, the directory's folded search) listing the matches, the chosen ones kept.</summary>
public class EnterprisePickerTests
{
    private static readonly List<(Guid Id, string ShortName, string TaxCode)> Register = Enumerable.Range(1, 260)
        .Select(i => (Guid.CreateVersion7(), $"Doanh nghiệp {i:000}", $"0{i:000000000}")).ToList();

    /// <summary>The Registry's directory as the API answers it: active enterprises, q on names and tax code without
    /// diacritics, one page; and each enterprise's own page.</summary>
    private static (HttpStatusCode, string) Registry(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith("/api/registry/enterprises/", StringComparison.Ordinal))
        {
            var one = Register.Single(e => e.Id == Guid.Parse(path[^36..]));
            return (HttpStatusCode.OK, JsonSerializer.Serialize(new
            {
                id = one.Id, taxCode = one.TaxCode, legalName = one.ShortName, shortName = one.ShortName, sectors = Array.Empty<string>(), kinds = Array.Empty<string>(),
                headOffice = new { street = "", commune = "", district = "" }, representative = new { name = "", title = "" }, contact = new { phone = "", email = "" },
                status = "active", registeredAt = DateTimeOffset.UtcNow, version = 1, licences = Array.Empty<object>(), history = Array.Empty<object>(),
            }));
        }
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        Assert.Equal("active", query["status"]);
        var q = Platform.BuildingBlocks.Domain.VietnameseText.Fold(query["q"] ?? "");
        var matching = Register.Where(e => Platform.BuildingBlocks.Domain.VietnameseText.Fold($"{e.ShortName} | {e.TaxCode}").Contains(q)).ToList();
        var (page, size) = (int.Parse(query["page"] ?? "1"), int.Parse(query["pageSize"] ?? "50"));
        var items = matching.Skip((page - 1) * size).Take(size).Select(e => new
        {
            id = e.Id, taxCode = e.TaxCode, legalName = e.ShortName, shortName = e.ShortName, sectors = Array.Empty<string>(), kinds = Array.Empty<string>(),
            district = "", commune = "", status = "active", registeredAt = DateTimeOffset.UtcNow, version = 1,
        });
        return (HttpStatusCode.OK, JsonSerializer.Serialize(new { items, total = matching.Count, page, pageSize = size }));
    }

    private static HttpContext Posted(params (string Key, string Value)[] fields)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Form = new FormCollection(fields.ToDictionary(f => f.Key, f => new StringValues(f.Value)));
        return http;
    }

    [Fact]
    public void Before_a_search_the_picker_lists_the_first_enterprises_and_says_how_to_find_the_others()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer) { Answer = Registry };
        var cut = ctx.Render<EnterprisePicker>(p => p.Add(x => x.Name, "Form.Owner").Add(x => x.InputId, "site-owner").Add(x => x.Label, "Chủ sở hữu")
            .Add(x => x.Field, "ownerId"));

        // "—", then the register's first 25 by name (the directory's first page), each with its tax code.
        Assert.Equal(["—", .. Register.Take(25).Select(e => $"{e.ShortName} ({e.TaxCode})")], cut.FindAll("#site-owner option").Select(o => o.TextContent));
        Assert.Contains("GET /api/registry/enterprises?status=active&page=1&pageSize=25", ctx.Requests);
        Assert.Equal("Đang liệt kê 25 trong 260 doanh nghiệp: tìm theo tên hoặc mã số thuế để thấy các doanh nghiệp khác.", cut.Find("#site-owner-more").TextContent);
        Assert.Equal("site-owner-search", cut.Find("label[for=site-owner-search]").GetAttribute("for"));
        Assert.Equal(("picker-search", "site-owner"), (cut.Find("#site-owner-find").GetAttribute("name"), cut.Find("#site-owner-find").GetAttribute("value")));
    }

    [Fact]
    public void A_search_posted_with_the_form_lists_the_matches_beyond_the_first_page_and_keeps_the_chosen_one()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer) { Answer = Registry };
        var chosen = Register[3]; // on the first page only: not a match of the search
        var cut = ctx.Render<EnterprisePicker>(p => p.Add(x => x.Name, "Form.Owner").Add(x => x.InputId, "site-owner").Add(x => x.Label, "Chủ sở hữu")
            .Add(x => x.Field, "ownerId").Add(x => x.Value, chosen.Id.ToString())
            .AddCascadingValue(Posted((EnterpriseSearch.Button, "site-owner"), (EnterpriseSearch.QueryField("site-owner"), "doanh nghiep 25"))));

        // "doanh nghiep 25" (no diacritics) finds 250–259, far past the first page, and the chosen one stays, selected.
        var options = cut.FindAll("#site-owner option").Skip(1).ToList();
        Assert.Equal([chosen.ShortName, .. Enumerable.Range(250, 10).Select(i => $"Doanh nghiệp {i}")], options.Select(o => o.TextContent.Split(" (")[0]));
        Assert.Equal(chosen.Id.ToString(), cut.Find("#site-owner option[selected]").GetAttribute("value"));
        Assert.Equal("doanh nghiep 25", cut.Find("#site-owner-search").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#site-owner-more"));
        Assert.Contains("GET /api/registry/enterprises?status=active&q=doanh%20nghiep%2025&page=1&pageSize=25", ctx.Requests);
    }

    [Fact]
    public void Ticked_enterprises_stay_ticked_across_a_search_that_lists_others_to_tick()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer) { Answer = Registry };
        var (first, far) = (Register[0], Register[194]); // Doanh nghiệp 001 and 195
        var cut = ctx.Render<EnterpriseChoices>(p => p.Add(x => x.Id, "invited-enterprises").Add(x => x.Legend, "Doanh nghiệp được mời")
            .Add(x => x.NamePrefix, "Form.Invited").Add(x => x.Chosen, new[] { first.Id.ToString(), far.Id.ToString() })
            .AddCascadingValue(Posted((EnterpriseSearch.Button, "invited-enterprises"), (EnterpriseSearch.QueryField("invited-enterprises"), "doanh nghiep 19"))));

        var boxes = cut.FindAll("#invited-enterprises input[type=checkbox]");
        Assert.Equal($"Form.Invited[{first.Id}]", boxes[0].GetAttribute("name"));
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.True(cut.Find($"input[name='Form.Invited[{far.Id}]']").HasAttribute("checked"));
        // The others matching (190–199 but 195) are offered unticked; each enterprise once.
        var unticked = boxes.Where(b => !b.HasAttribute("checked")).Select(b => b.GetAttribute("name")).ToList();
        Assert.Equal(9, unticked.Count);
        Assert.Equal(boxes.Count, boxes.Select(b => b.GetAttribute("name")).Distinct().Count());
    }

    [Fact]
    public void A_search_matching_nothing_says_so()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer) { Answer = Registry };
        var cut = ctx.Render<EnterpriseChoices>(p => p.Add(x => x.Id, "parties").Add(x => x.Legend, "Các bên").Add(x => x.NamePrefix, "Form.Chosen")
            .AddCascadingValue(Posted((EnterpriseSearch.QueryField("parties"), "không có"))));
        Assert.Empty(cut.FindAll("#parties input[type=checkbox]"));
        Assert.Equal("Không có doanh nghiệp đang hoạt động nào khớp.", cut.Find("#parties-none").TextContent);
    }
}
