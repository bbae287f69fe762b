namespace Touchpoint.Core.Text;

/// <summary>
/// The one guard every text analyser runs behind: a bug on some unforeseen input must not fail the ingest
/// of a customer's message, so an empty or blank text returns the empty result without analysis, and any
/// exception but running out of memory returns it too.
/// </summary>
internal static class NeverThrows
{
    public static T Analyse<T>(string? text, Func<string, T> analyse, T empty)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        try
        {
            return analyse(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return empty;
        }
    }

    public static T Run<TState, T>(TState state, Func<TState, T> analyse, T empty)
    {
        try
        {
            return analyse(state);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return empty;
        }
    }
}
