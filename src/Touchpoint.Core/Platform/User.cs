using Microsoft.AspNetCore.Identity;

namespace Touchpoint.Core.Platform;

/// <summary>A person who signs in. Belongs to workspaces through <see cref="Membership"/>.</summary>
public sealed class User : IdentityUser<Guid>
{
    public User()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<Membership> Memberships { get; set; } = [];
}
