namespace Schema.Tests.Harness;

/// <summary>A throwaway migrations folder for runner tests.</summary>
public sealed class ScriptFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "schema-tests-" + Guid.NewGuid().ToString("N"));

    public ScriptFolder() => Directory.CreateDirectory(Path);

    public ScriptFolder Add(string relativePath, string contents)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, contents);
        return this;
    }

    public ScriptFolder Remove(string relativePath)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
