using System.Security.Cryptography;
using System.Text;

namespace Schema.Core.Scripts;

public static class ScriptChecksum
{
    /// <summary>Hex SHA-256 of the UTF-8 text after normalising CRLF/CR to LF and dropping a byte-order mark.</summary>
    public static string Compute(string contents)
    {
        var normalised = contents.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
