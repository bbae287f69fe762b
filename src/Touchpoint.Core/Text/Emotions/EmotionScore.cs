namespace Touchpoint.Core.Text.Emotions;

/// <summary>One of Plutchik's eight emotions found in a text, with its intensity from 0 (absent) to 1.</summary>
public sealed record EmotionScore(string Emotion, double Intensity);
