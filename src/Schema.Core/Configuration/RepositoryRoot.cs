namespace Schema.Core.Configuration;

public static class RepositoryRoot
{
    /// <summary>The nearest folder at or above <paramref name="start"/> holding Schema.sln, or null.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Schema.sln"))) return dir.FullName;
        return null;
    }
}
