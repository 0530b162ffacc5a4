using Schema.Core.Configuration;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Unit;

/// <summary>The journal's location is configuration like any other key (DbUp lets a journal live outside public).</summary>
public sealed class JournalSettingsTests
{
    [Fact]
    public void The_journal_defaults_to_public_schemaversions_and_moves_with_configuration()
    {
        using var folder = new ScriptFolder();
        var defaults = SchemaSettings.From(SchemaSettings.BuildConfiguration(new Dictionary<string, string?>(), folder.Path), folder.Path);
        Assert.Equal(("public", "schemaversions"), (defaults.JournalSchema, defaults.JournalTable));

        File.WriteAllText(Path.Combine(folder.Path, "appsettings.json"), """{ "Schema": { "JournalSchema": "app" } }""");
        var fromJson = SchemaSettings.From(SchemaSettings.BuildConfiguration(new Dictionary<string, string?>(), folder.Path), folder.Path);
        Assert.Equal(("app", "schemaversions"), (fromJson.JournalSchema, fromJson.JournalTable));

        var fromCommandLine = SchemaSettings.From(SchemaSettings.BuildConfiguration(
            new Dictionary<string, string?> { ["Schema:JournalSchema"] = "deploy", ["Schema:JournalTable"] = "History" }, folder.Path), folder.Path);
        Assert.Equal(("deploy", "History"), (fromCommandLine.JournalSchema, fromCommandLine.JournalTable));
    }

    [Theory]
    [InlineData("Schema:JournalTable", " ")]
    [InlineData("Schema:JournalSchema", "a_name_that_is_longer_than_the_sixty_three_bytes_postgresql_keeps")]
    public void A_journal_name_postgresql_cannot_hold_is_a_configuration_error(string key, string value)
    {
        using var folder = new ScriptFolder();
        var e = Assert.Throws<ConfigurationException>(() =>
            SchemaSettings.From(SchemaSettings.BuildConfiguration(new Dictionary<string, string?> { [key] = value }, folder.Path), folder.Path));
        Assert.Equal($"{key} must be a name of 1 to 63 bytes", e.Message);
    }
}
