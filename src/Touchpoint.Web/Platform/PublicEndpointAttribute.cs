namespace Touchpoint.Web.Platform;

/// <summary>
/// Marks an anonymous endpoint (survey pages and the like): its bodies are held to
/// <c>Touchpoint:Limits:MaxPublicBodyBytes</c> by <see cref="RequestSizeGuard"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class PublicEndpointAttribute : Attribute;
