using System.Buffers;
using System.Text;

namespace Schema.Core.Scripts;

/// <summary>
/// Reads a script file as strict UTF-8. A byte that is not UTF-8 (a latin-1 'é' saved by an old editor) stops the
/// run with the file and byte offset instead of becoming U+FFFD in the SQL sent to the server and in the checksum.
/// A UTF-8 byte-order mark is accepted and dropped.
/// </summary>
public static class ScriptText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static string Read(string path, string displayName)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScriptDefinitionException($"{displayName}: cannot read the file: {Describe(path, e)}");
        }
        return Decode(bytes, displayName);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string displayName)
    {
        var start = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var offset = start;
        var line = 1;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed) != OperationStatus.Done)
                throw new ScriptDefinitionException(
                    $"{displayName}: not valid UTF-8 at byte {offset} (line {line}, byte 0x{bytes[offset]:X2}){Utf16Hint(bytes)}; " +
                    "save the file as UTF-8");
            if (rune.Value == '\n') line++;
            offset += consumed;
        }
        return Encoding.UTF8.GetString(bytes[start..]);
    }

    private static string Utf16Hint(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((byte[])[0xFF, 0xFE]) || bytes.StartsWith((byte[])[0xFE, 0xFF]) ? " (the file starts with a UTF-16 byte-order mark)" : "";

    /// <summary>The target of a symbolic link that leads nowhere (or round in a loop); null for anything else.</summary>
    public static string? DanglingLinkTarget(string path)
    {
        // File.Exists is true for a dangling link on Unix (it falls back to lstat): resolve the link instead.
        if (new FileInfo(path).LinkTarget is not { } target) return null;
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: true } ? null : target;
        }
        catch (IOException)
        {
            return target;
        }
    }

    private static string Describe(string path, Exception e)
    {
        var info = new FileInfo(path);
        if (DanglingLinkTarget(path) is { } target)
            return $"it is a symbolic link to {target}, which does not exist";
        return e switch
        {
            UnauthorizedAccessException => "permission denied",
            FileNotFoundException => "it does not exist",
            _ => e.Message,
        };
    }
}
