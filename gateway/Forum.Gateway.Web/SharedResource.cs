namespace Forum.Gateway.Web;

/// <summary>The web UI's strings live in Resources/SharedResource.{vi,en}.resx; this type names them.</summary>
public sealed class SharedResource;
