using Schema.Core.Journal;
using Schema.Core.Scripts;
using Xunit;

namespace Schema.Tests.Unit;

public sealed class ScriptVersionTests
{
    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("2", "10", -1)]
    [InlineData("0042", "42", 0)]
    [InlineData("000", "0", 0)]
    [InlineData("100", "099", 1)]
    [InlineData("99999999999999999999", "123456789012345678901234567890", -1)]
    [InlineData("123456789012345678901234567891", "123456789012345678901234567890", 1)]
    public void Versions_compare_as_numbers(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(ScriptVersion.Compare(a, b)));
        Assert.Equal(-expected, Math.Sign(ScriptVersion.Compare(b, a)));
    }

    [Theory]
    [InlineData("0001_a.sql", "0001")]
    [InlineData("MyApp.Scripts.0001_a.sql", "0001")]
    [InlineData("MyApp.Migrations.V2.0003_add.index.sql", "0003")]
    [InlineData("platform.0001_a.sql", "0001")]
    [InlineData("platform/0001_a.sql", "0001")]
    [InlineData("repeatable/views.sql", null)]
    [InlineData("Script0001.sql", null)]
    public void A_journaled_name_carries_the_version_of_its_file_name(string journaled, string? version) =>
        Assert.Equal(version, JournaledName.Version(journaled));

    [Theory]
    [InlineData("0001_a.sql", "0001_a.sql", true)]
    [InlineData("MyApp.Scripts.0001_a.sql", "0001_a.sql", true)]
    [InlineData("platform.0001_a.sql", "0001_a.sql", true)]
    [InlineData("platform/0001_a.sql", "0001_a.sql", true)]
    [InlineData("x0001_a.sql", "0001_a.sql", false)]
    [InlineData("MyApp.Scripts.10001_a.sql", "0001_a.sql", false)]
    [InlineData("0001_data.sql", "0001_seed_data.sql", false)]
    public void A_journaled_name_matches_its_file_name_whatever_the_prefix(string journaled, string file, bool matches) =>
        Assert.Equal(matches, JournaledName.Matches(journaled, file));
}
