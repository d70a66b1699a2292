using System.Security.Cryptography;
using System.Text;

namespace DisclosurePortal.Domain.Exchange;

/// <summary>
/// The short code printed on the last page of the PDF and shown on the public page: the first 8 hex digits
/// of the SHA-256 of the revision's JSON form, so anyone can check that a PDF matches the published data.
/// </summary>
public static class VerificationCode
{
    public static string For(ReportDocument document)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ReportJson.Serialize(document)));
        var hex = Convert.ToHexString(hash, 0, 4);
        return $"{hex[..4]}-{hex[4..]}";
    }
}
