namespace Touchpoint.Web.Text.Topics;

/// <summary>Touchpoint:Text:Rescoring — the background re-scorer of analysed texts after a taxonomy or classifier change.</summary>
internal sealed class TextRescoringOptions
{
    public const string Section = "Touchpoint:Text:Rescoring";

    /// <summary>Run the re-scorer in this process (turn off on nodes that should only serve requests).</summary>
    public bool Run { get; set; } = true;

    /// <summary>How often to look for work saved on another node; a save on this node wakes it at once.</summary>
    public int PollSeconds { get; set; } = 30;
}
