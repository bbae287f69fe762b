namespace Touchpoint.Core.Surveys.Definition;

/// <summary>How the survey page looks: the company's logo and colours (CSS hex colours, checked on save).</summary>
public sealed class SurveyTheme
{
    public string? LogoUrl { get; set; }
    public string PrimaryColor { get; set; } = "#2f5bd3";
    public string BackgroundColor { get; set; } = "#f6f7fb";
    public string TextColor { get; set; } = "#1d2330";
}
