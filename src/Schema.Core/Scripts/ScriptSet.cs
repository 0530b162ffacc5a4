namespace Schema.Core.Scripts;

public sealed record ScriptSet(IReadOnlyList<MigrationScript> Versioned, IReadOnlyList<MigrationScript> Repeatable)
{
    /// <summary>Files in the migrations folder that are not scripts (relative paths): the engine warns about them.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    public MigrationScript? FindVersioned(string nameOrVersion) =>
        Versioned.FirstOrDefault(s => s.Name == nameOrVersion)
        ?? (ScriptVersion.IsVersion(nameOrVersion)
            ? Versioned.FirstOrDefault(s => ScriptVersion.Key(s.Version!) == ScriptVersion.Key(nameOrVersion))
            : null);
}
