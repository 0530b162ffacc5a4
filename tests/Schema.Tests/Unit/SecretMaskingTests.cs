using Schema.Core.Configuration;
using Xunit;

namespace Schema.Tests.Unit;

public sealed class SecretMaskingTests
{
    [Theory]
    [InlineData("bad: Host=h;Password=abc;Database=d", "bad: Host=h;Password=***;Database=d")]
    [InlineData("bad: Host=h;PWD = abc", "bad: Host=h;PWD = ***")]
    [InlineData("bad: Host=h;Password='a;b''c';Database=d", "bad: Host=h;Password=***;Database=d")]
    [InlineData("bad: Password=\"a;b\";Port=1", "bad: Password=***;Port=1")]
    [InlineData("see postgres://bob:s3cr@t@db:5432/x", "see postgres://bob:***@db:5432/x")]
    [InlineData("see postgresql://bob@db/x and postgresql://db/x", "see postgresql://bob@db/x and postgresql://db/x")]
    [InlineData("the server refused the credentials for e", "the server refused the credentials for e")]
    public void Masks_connection_string_and_uri_passwords_and_nothing_else(string text, string expected)
    {
        Assert.Equal(expected, SecretMasking.Mask(text, "e"));
    }

    [Fact]
    public void A_long_configured_password_is_masked_anywhere_a_short_one_only_as_a_value()
    {
        Assert.Equal("failed: *** rejected", SecretMasking.Mask("failed: Sup3r-S3cret rejected", "Sup3r-S3cret"));
        Assert.Equal("every letter stays", SecretMasking.Mask("every letter stays", "e"));
    }
}
