using System.Text.RegularExpressions;

namespace Schema.Core.Configuration;

/// <summary>Configuration files that exist but cannot be read are configuration errors, in plain words.</summary>
public static partial class ConfigurationFiles
{
    /// <summary>A dangling symbolic link (or a folder) named appsettings.json is a mistake, not a missing file.</summary>
    public static void CheckReadable(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is { } target)
        {
            FileSystemInfo? final;
            try { final = file.ResolveLinkTarget(returnFinalTarget: true); }
            catch (IOException) { throw new ConfigurationException($"{path} is a link that cannot be followed (a loop?)"); }
            if (final is not { Exists: true })
                throw new ConfigurationException($"{path} is a link to {target}, which does not exist");
        }
        if (Directory.Exists(path))
            throw new ConfigurationException($"{path} is a folder, not a settings file");
    }

    [GeneratedRegex("'(?<path>[^']+)'")]
    private static partial Regex QuotedPath();

    public static ConfigurationException Unreadable(Exception e)
    {
        var path = QuotedPath().Match(e.Message) is { Success: true } m ? m.Groups["path"].Value : "a settings file";
        return e is InvalidDataException or FormatException
            ? new ConfigurationException($"{path} is not valid JSON"
                                         + (e.InnerException is { } inner ? $": {FirstSentence(inner.Message)}" : ""))
            : new ConfigurationException($"{path} cannot be read");
    }

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.');
}
