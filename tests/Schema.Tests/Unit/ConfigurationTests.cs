using Schema.Core.Configuration;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Unit;

public sealed class ConfigurationTests
{
    [Fact]
    public void Command_line_beats_environment_beats_appsettings()
    {
        using var folder = new ScriptFolder();
        var key = "probe_" + Guid.NewGuid().ToString("N")[..8]; // a key no other test reads: environment variables are process-wide
        File.WriteAllText(Path.Combine(folder.Path, "appsettings.json"), $$"""
            { "Schema": { "LockRetries": 9, "Variables": { "{{key}}": "from-json", "{{key}}_json_only": "json" } },
              "ConnectionStrings": { "Schema": "Host=json-host" } }
            """);
        Environment.SetEnvironmentVariable($"Schema__Variables__{key}", "from-env");
        Environment.SetEnvironmentVariable($"Schema__Variables__{key}_env_only", "env");
        try
        {
            var config = SchemaSettings.BuildConfiguration(new Dictionary<string, string?> { [$"Schema:Variables:{key}_cli"] = "cli" }, folder.Path);
            var settings = SchemaSettings.From(config, folder.Path);
            Assert.Equal("from-env", settings.Runner.Variables[key]);
            Assert.Equal("json", settings.Runner.Variables[$"{key}_json_only"]);
            Assert.Equal("env", settings.Runner.Variables[$"{key}_env_only"]);
            Assert.Equal("cli", settings.Runner.Variables[$"{key}_cli"]);
            Assert.Equal(9, settings.Runner.LockRetries);

            var overridden = SchemaSettings.From(SchemaSettings.BuildConfiguration(
                new Dictionary<string, string?> { [$"Schema:Variables:{key}"] = "from-cli", ["Schema:LockRetries"] = "1" }, folder.Path), folder.Path);
            Assert.Equal("from-cli", overridden.Runner.Variables[key]);
            Assert.Equal(1, overridden.Runner.LockRetries);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"Schema__Variables__{key}", null);
            Environment.SetEnvironmentVariable($"Schema__Variables__{key}_env_only", null);
        }
    }

    [Fact]
    public void Defaults_are_the_safe_ones_and_the_migrations_folder_is_the_repositorys()
    {
        using var empty = new ScriptFolder();
        var settings = SchemaSettings.From(SchemaSettings.BuildConfiguration(new Dictionary<string, string?>(), empty.Path), TestServer.RepositoryRoot);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Runner.LockTimeout);
        Assert.Equal(3, settings.Runner.LockRetries);
        Assert.Equal(Path.Combine(TestServer.RepositoryRoot, "migrations"), settings.MigrationsDirectory);
    }

    [Fact]
    public void Masking_removes_the_password_from_any_text()
    {
        const string cs = "Host=db;Username=u;Password=Sup3r-S3cret;Database=d";
        Assert.Equal("failed for u with *** at db", ConnectionInfo.Mask("failed for u with Sup3r-S3cret at db", cs));
        Assert.Equal("u@db:5432/d", ConnectionInfo.Describe(cs));
        Assert.DoesNotContain("Sup3r", ConnectionInfo.Mask("bad string Password=Sup3r-S3cret;", "Password=Sup3r-S3cret;Bogus Key=1"));
    }
}
