namespace Touchpoint.Web.Platform;

/// <summary>Claim types Touchpoint adds to a signed-in user or an API key.</summary>
internal static class TouchpointClaims
{
    /// <summary>The workspace the principal acts in.</summary>
    public const string Workspace = "tp:workspace";
    /// <summary>An API key's scope (read, write, admin).</summary>
    public const string Scope = "tp:scope";
    /// <summary>How the audit log names the principal: "user:{email}" or "key:{prefix}".</summary>
    public const string Actor = "tp:actor";
}
