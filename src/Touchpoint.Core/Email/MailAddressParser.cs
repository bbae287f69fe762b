using System.Net.Mail;

namespace Touchpoint.Core.Email;

/// <summary>Reads "Name &lt;address&gt;" or a bare address from configuration.</summary>
internal static class MailAddressParser
{
    public static MailAddress Parse(string value) => new(value.Trim());
}
