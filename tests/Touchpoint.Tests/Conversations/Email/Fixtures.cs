using Touchpoint.Core.Conversations.Email.Mime;

namespace Touchpoint.Tests.Conversations.Email;

/// <summary>The real-world-shaped messages under Fixtures/, as bytes or parsed.</summary>
internal static class Fixtures
{
    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Conversations", "Email", "Fixtures", name));

    public static MimeMessage Parse(string name) => MimeMessage.Parse(Bytes(name));
}
