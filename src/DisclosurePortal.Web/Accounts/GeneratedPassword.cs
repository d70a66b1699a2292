using System.Security.Cryptography;

namespace DisclosurePortal.Web.Accounts;

/// <summary>A one-time password an administrator hands over; shown once, never stored in clear.</summary>
public static class GeneratedPassword
{
    // No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>16 characters of 56 ≈ 93 bits: far beyond guessing, within the policy's length.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 16);
}
