using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Accounts;

namespace Platform.Identity.Server;

/// <summary>
/// The provider's own pages, in Vietnamese: sign in (password, then the authenticator code when the account has a
/// second factor), and "signed out". Every attempt is audited; failures count towards the lockout.
/// </summary>
public static class SignInPages
{
    public const string SignInPath = "/dang-nhap";
    public const string SecondFactorPath = "/dang-nhap/ma-xac-thuc";
    public const string SignedOutPath = "/da-dang-xuat";
    public const string EnrolPath = "/tai-khoan/xac-thuc-hai-buoc";

    // Defaults: a field missing from the form binds as null (without one the binder fails the request with a 500).
    public sealed record PasswordForm(string? UserName = null, string? Password = null, string? ReturnUrl = null);
    public sealed record CodeForm(string? Code = null, string? ReturnUrl = null);
    public sealed record EnrolForm(string? Code = null);

    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet(SignInPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, "Đăng nhập", PasswordFields(returnUrl), null));
        pages.MapPost(SignInPath, SignInWithPassword);
        pages.MapGet(SecondFactorPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, "Mã xác thực", CodeFields(returnUrl), null));
        pages.MapPost(SecondFactorPath, SignInWithCode);
        pages.MapGet(EnrolPath, ShowEnrolment);
        pages.MapPost(EnrolPath, Enrol);
        pages.MapGet(SignedOutPath, (HttpContext http, IAntiforgery antiforgery) =>
            Page(http, antiforgery, "Đã đăng xuất", "<p>Bạn đã đăng xuất khỏi hệ thống.</p>", null, form: false));
    }

    private static async Task<IResult> SignInWithPassword([FromForm] PasswordForm form, HttpContext http, IAntiforgery antiforgery,
        SignInManager<Account> signIn, AuditLog audit)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        var account = string.IsNullOrWhiteSpace(form.UserName) ? null : await signIn.UserManager.FindByNameAsync(form.UserName.Trim());
        string error;
        if (account is null || string.IsNullOrEmpty(form.Password))
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, null, "self", "unknown account or empty password", form.UserName?.Trim());
            error = WrongCredentials;
        }
        else if (account.Disabled)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, account, "self", "account disabled");
            error = WrongCredentials; // the same words as a wrong password: a guesser learns nothing about the account
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(account, form.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                await audit.RecordAsync(AuditKinds.SignedIn, account, "self");
                return Results.LocalRedirect(returnUrl);
            }
            if (result.RequiresTwoFactor)
                return Results.LocalRedirect($"{SecondFactorPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            if (result.IsLockedOut)
            {
                await audit.RecordAsync(AuditKinds.LockedOut, account, "self", $"until {account.LockoutEnd:u}");
                error = LockedOut;
            }
            else
            {
                await audit.RecordAsync(AuditKinds.SignInFailed, account, "self", $"wrong password ({account.AccessFailedCount} in a row)");
                error = WrongCredentials;
            }
        }
        return Page(http, antiforgery, "Đăng nhập", PasswordFields(returnUrl, form.UserName), error, StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> SignInWithCode([FromForm] CodeForm form, HttpContext http, IAntiforgery antiforgery,
        SignInManager<Account> signIn, AuditLog audit)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null) return Results.LocalRedirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var code = (form.Code ?? "").Replace(" ", "").Replace("-", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditKinds.SignedIn, account, "self", "with authenticator code");
            return Results.LocalRedirect(returnUrl);
        }
        await audit.RecordAsync(result.IsLockedOut ? AuditKinds.LockedOut : AuditKinds.SecondFactorFailed, account, "self");
        return Page(http, antiforgery, "Mã xác thực", CodeFields(returnUrl), result.IsLockedOut ? LockedOut : "Mã xác thực không đúng.",
            StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// A manager's second-factor enrolment, signed in at this provider (the console links here): the key for an
    /// authenticator app, then a first code switches it on. Other roles have no second factor here.
    /// </summary>
    private static async Task<IResult> ShowEnrolment(HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn) =>
        await EnrolmentAccountAsync(http, signIn) switch
        {
            (null, var refusal) => refusal!,
            ({ TwoFactorEnabled: true }, _) => Page(http, antiforgery, "Xác thực hai bước",
                """<p id="trang-thai">Xác thực hai bước đang bật. Để đổi ứng dụng xác thực, nhờ một lãnh đạo khác đặt lại.</p>""", null, form: false),
            ({ } account, _) => Page(http, antiforgery, "Xác thực hai bước", await EnrolFieldsAsync(signIn.UserManager, account), null),
        };

    private static async Task<IResult> Enrol([FromForm] EnrolForm form, HttpContext http, IAntiforgery antiforgery,
        SignInManager<Account> signIn, AuditLog audit)
    {
        var (account, refusal) = await EnrolmentAccountAsync(http, signIn);
        if (account is null) return refusal!;
        if (account.TwoFactorEnabled) return Results.LocalRedirect(EnrolPath);
        if (string.IsNullOrWhiteSpace(form.Code) || form.Code.Length > 10 || !await SecondFactor.EnableAsync(signIn.UserManager, audit, account, form.Code))
            return Page(http, antiforgery, "Xác thực hai bước", await EnrolFieldsAsync(signIn.UserManager, account), "Mã xác thực không đúng.",
                StatusCodes.Status400BadRequest);
        // The sign-in cookie carries the account's security stamp, which changed: sign in again with it, or the next
        // validation ends the session.
        await signIn.RefreshSignInAsync(account);
        return Page(http, antiforgery, "Xác thực hai bước",
            """<p id="trang-thai">Đã bật xác thực hai bước. Từ lần đăng nhập sau, hệ thống hỏi mã từ ứng dụng xác thực.</p>""", null, form: false);
    }

    private static async Task<(Account? Account, IResult? Refusal)> EnrolmentAccountAsync(HttpContext http, SignInManager<Account> signIn)
    {
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = signedIn.Succeeded ? await signIn.UserManager.GetUserAsync(signedIn.Principal!) : null;
        if (account is null || account.Disabled)
            return (null, Results.LocalRedirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(EnrolPath)}"));
        if (account.Role != PlatformRoles.Manager)
            return (null, Results.Content("""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Xác thực hai bước</title></head><body><main><h1>Xác thực hai bước</h1><p role="alert">Chỉ lãnh đạo Sở đăng ký xác thực hai bước.</p></main></body></html>""",
                "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden));
        return (account, null);
    }

    private static async Task<string> EnrolFieldsAsync(UserManager<Account> users, Account account)
    {
        var (key, uri) = await SecondFactor.KeyAsync(users, account);
        // Groups of four, as authenticator apps show keys typed in by hand.
        var grouped = string.Join(" ", key.Chunk(4).Select(c => new string(c)));
        return $"""
            <p>1. Thêm tài khoản vào ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, …) bằng khoá:</p>
            <p><code id="khoa">{Encode(grouped)}</code></p>
            <p>hoặc mở liên kết <a id="otpauth" href="{Encode(uri)}">otpauth</a> trên điện thoại.</p>
            <p>2. Nhập mã 6 chữ số ứng dụng hiển thị để bật xác thực hai bước.</p>
            <label>Mã xác thực <input name="Code" inputmode="numeric" autocomplete="one-time-code" required></label>
            <button type="submit">Bật xác thực hai bước</button>
            """;
    }

    private const string WrongCredentials = "Tên đăng nhập hoặc mật khẩu không đúng.";
    private const string LockedOut = "Tài khoản tạm bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau.";

    private static string PasswordFields(string? returnUrl, string? userName = null) => $"""
        <label>Tên đăng nhập <input name="UserName" autocomplete="username" required value="{Encode(userName)}"></label>
        <label>Mật khẩu <input name="Password" type="password" autocomplete="current-password" required></label>
        <input type="hidden" name="ReturnUrl" value="{Encode(LocalOrRoot(returnUrl))}">
        <button type="submit">Đăng nhập</button>
        """;

    private static string CodeFields(string? returnUrl) => $"""
        <p>Nhập mã 6 chữ số từ ứng dụng xác thực của bạn.</p>
        <label>Mã xác thực <input name="Code" inputmode="numeric" autocomplete="one-time-code" required></label>
        <input type="hidden" name="ReturnUrl" value="{Encode(LocalOrRoot(returnUrl))}">
        <button type="submit">Xác nhận</button>
        """;

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string title, string fields, string? error,
        int status = StatusCodes.Status200OK, bool form = true)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var body = form
            ? $"""<form method="post"><input type="hidden" name="{Encode(token.FormFieldName)}" value="{Encode(token.RequestToken)}">{fields}</form>"""
            : fields;
        var alert = error is null ? "" : $"""<p role="alert" class="loi">{Encode(error)}</p>""";
        return Results.Content($$"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(title)}} — Sở Thông tin và Truyền thông</title>
            <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}
            input:not([type=hidden]){display:block;width:100%;padding:.4rem;box-sizing:border-box}button{padding:.5rem 1.2rem}.loi{color:#a00}</style></head>
            <body><main><h1>{{Encode(title)}}</h1>{{alert}}{{body}}</main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }

    // Vietnamese letters stay letters (the default encoder writes them as entities).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private static string Encode(string? text) => Html.Encode(text ?? "");

    private static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
