using System.Net;
using System.Text.Json;
using Forum.Testing;

namespace Forum.Gateway.Tests.Accounts;

/// <summary>
/// A name a reader could not tell from another member's cannot be registered: full-width and
/// compatibility forms, Cyrillic or Greek letters passing for Latin ones, mixed in or throughout.
/// Names in one script of any kind, Vietnamese and Korean among them, stay allowed.
/// </summary>
[Collection(nameof(GatewayCollection))]
public sealed class Refusing_look_alike_names(GatewayFixture gateway)
{
    private const string Password = "mật-khẩu-đủ-dài";

    [Fact]
    public async Task A_full_width_or_all_Cyrillic_copy_of_a_name_is_taken_and_signing_in_with_either_reaches_the_one_account()
    {
        Assert.Equal(HttpStatusCode.Created, (await gateway.RegisterAsync("ceoadmin", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gateway.RegisterAsync("copcap", Password)).StatusCode);

        var fullWidth = await gateway.RegisterAsync("ｃｅｏａｄｍｉｎ", Password);
        Assert.Equal(HttpStatusCode.Conflict, fullWidth.StatusCode);
        Assert.Equal("The user name is taken.", await FieldErrorAsync(fullWidth));

        // с о р с а р: every letter Cyrillic, the same shapes as "copcap".
        var cyrillic = await gateway.RegisterAsync("\u0441\u043E\u0440\u0441\u0430\u0440", Password);
        Assert.Equal(HttpStatusCode.Conflict, cyrillic.StatusCode);
        Assert.Equal("The user name looks like another member's.", await FieldErrorAsync(cyrillic));

        var greek = await gateway.RegisterAsync("\u03BF\u03C1\u03B1\u03BA", Password); // ο ρ α κ passing for "opak"
        Assert.Equal(HttpStatusCode.Created, greek.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await gateway.RegisterAsync("opak", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await gateway.RegisterAsync("c0pcap", Password)).StatusCode);

        // The full-width form signs in to the account it stands for.
        Assert.False(string.IsNullOrEmpty(await gateway.TokenAsync("ＣＥＯＡＤＭＩＮ", Password)));
    }

    [Theory]
    [InlineData("\u0441e\u043Eadmin")] // с e о: Cyrillic letters among Latin ones
    [InlineData("p\u03B1ypal")] // Greek α among Latin
    [InlineData("\u0430\u03B2\u0432")] // Cyrillic with Greek
    public async Task A_name_mixing_Latin_Cyrillic_or_Greek_letters_is_a_400_naming_the_field(string userName)
    {
        var response = await gateway.RegisterAsync(userName, Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("one of the Latin, Cyrillic and Greek alphabets", await FieldErrorAsync(response));
    }

    [Theory]
    [InlineData("Nguyễn_Thị_Hằng_ộỹ")]
    [InlineData("김민수")]
    [InlineData("Дмитрий_Иванов")]
    [InlineData("Νίκος_Παπαδόπουλος")]
    [InlineData("minh_김")]
    [InlineData("田中_hanako")]
    public async Task Names_in_one_script_or_mixing_unrelated_ones_stay_allowed(string userName)
    {
        Assert.Equal(HttpStatusCode.Created, (await gateway.RegisterAsync(userName, Password)).StatusCode);
    }

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").GetProperty("userName")[0].GetString()!;
    }
}
