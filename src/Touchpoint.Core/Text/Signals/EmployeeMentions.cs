using System.Collections.Frozen;
using Touchpoint.Core.Text.Emotions;

namespace Touchpoint.Core.Text.Signals;

/// <summary>
/// Praise and complaints about a person on the team. A reference is a role word with a determiner
/// ("the agent", "your rep", "the lady on the phone") or a capitalised name ("Anna"); it counts only
/// with an appraisal attached: right after it ("Anna was fantastic", "the rep hung up on me"), or a
/// thanks or complaint naming it ("thanks to Priya", "complaint about Steve"), or "great service
/// from Raj". Names with a personal context are not staff: "my friend Tom", "Anna from my book club",
/// "Olivia, my daughter", "a book by Priya Patel". Word lists written by the Touchpoint project.
/// </summary>
internal static class EmployeeMentions
{
    private const int Window = 8;

    private static readonly FrozenSet<string> Roles = Set(
        "agent agents rep reps representative representatives advisor adviser advisors staff employee employees associate cashier driver drivers courier technician tech engineer installer manager supervisor operator consultant assistant receptionist waiter waitress host hostess chef nurse doctor pharmacist mechanic plumber electrician salesman saleswoman salesperson steward stewardess teller cleaner instructor guide concierge barista bartender porter guard clerk specialist member person guy lady man woman girl boy gentleman fellow");

    private static readonly FrozenSet<string> Determiners = Set("the your our this that whoever");

    private static readonly FrozenSet<string> Relations = Set(
        "friend friends husband wife son daughter mum mom mother dad father brother sister colleague coworker boss neighbour neighbor partner boyfriend girlfriend cousin aunt uncle grandson granddaughter grandma grandpa nan kid child teacher niece nephew");

    private static readonly FrozenSet<string> Praise = Set(
        "fantastic great brilliant amazing wonderful lovely helpful friendly kind patient polite professional excellent outstanding superb exceptional knowledgeable efficient courteous attentive caring gentle reassuring understanding respectful cheerful welcoming warm pleasant honest fair nice star legend pleasure superstar fab awesome careful tidy calm sincere funny supportive thorough sorted solved resolved fixed found helped help rescued saved deserves beyond mile well brilliantly wonderfully");

    private static readonly FrozenSet<string> Complaint = Set(
        "rude unhelpful dismissive arrogant condescending patronising patronizing unprofessional clueless useless incompetent aggressive pushy impatient sarcastic lazy careless sloppy cold abrupt unfriendly unwelcoming hostile dishonest awful terrible horrible appalling disrespectful ignorant unpleasant obnoxious nasty late slow poor wrong mess lied lie lying shouted yelled swore screamed ignored ignoring refused misled overcharged threw broke damaged laughed mocked insulted argued blamed hung denied parked");

    /// <summary>Verbs that, negated, are a complaint: "didn't listen", "never called", "did not turn up".</summary>
    private static readonly FrozenSet<string> ServiceVerbs = Set(
        "listen listened help helped call called turn turned show showed answer answered knock knocked reply replied respond responded care bother apologise apologize come came arrive arrived explain read return returned ring rang");

    private static readonly FrozenSet<string> ThanksTriggers = Set("thanks thank kudos credit commend compliments praise shout");

    private static readonly FrozenSet<string> ComplaintTriggers = Set("complaint complain complaining report reporting");

    /// <summary>Capitalised words that start sentences or name things, not people.</summary>
    private static readonly FrozenSet<string> NotNames = Set(
        "the i i'm i've i'd your our my please thanks thank great very so huge big special shout kudos credit excellent fantastic complaint this that it its it's we they he she you what why how can could would is was a an and but also just really absolutely honestly dear hi hello hey ok okay yes no not never well amazing lovely brilliant superb sorry service delivery product food price prices support app website site store shop room hotel order parcel package quality value everything everyone nothing customer experience checkout packaging team staff overall today yesterday monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december christmas easter uk us eu ceo cs helpful slow fast quick rude terrible awful good bad best worst nice friendly excellent kind my when after before if then there here their his her them some any all one two three wow omg urgent asap");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RoleLookup = Roles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DeterminerLookup = Determiners.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RelationLookup = Relations.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PraiseLookup = Praise.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ComplaintLookup = Complaint.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ServiceVerbLookup = ServiceVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ThanksLookup = ThanksTriggers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ComplaintTriggerLookup = ComplaintTriggers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNameLookup = NotNames.GetAlternateLookup<ReadOnlySpan<char>>();

    private enum Verdict
    {
        None,
        Praise,
        Complaint,
    }

    public static void Find(string text, string lower, List<CueToken> tokens, List<Signal> signals)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != CueKind.Word)
            {
                continue;
            }

            var isRole = IsRoleReference(lower, tokens, i);
            var isName = !isRole && IsName(text, lower, tokens, i);
            if (!isRole && !isName)
            {
                continue;
            }

            var referenceEnd = i;
            string? employee = null;
            if (isName)
            {
                if (PersonalContext(lower, tokens, i))
                {
                    continue;
                }

                employee = Word(text, tokens[i]);
                // A surname: "Priya Patel".
                if (i + 1 < tokens.Count && tokens[i + 1].Kind == CueKind.Word && IsName(text, lower, tokens, i + 1))
                {
                    referenceEnd = i + 1;
                }
            }
            else
            {
                (employee, referenceEnd) = NameAfterRole(text, lower, tokens, i);
            }

            var (verdict, evidenceStart, evidenceEnd) = Before(lower, tokens, i);
            if (verdict == Verdict.None)
            {
                (verdict, evidenceEnd) = After(lower, tokens, referenceEnd);
                evidenceStart = ReferenceStart(lower, tokens, i);
            }

            if (verdict != Verdict.None)
            {
                var kind = verdict == Verdict.Praise ? SignalKinds.PraiseEmployee : SignalKinds.ComplaintEmployee;
                var start = tokens[evidenceStart].Start;
                var end = tokens[evidenceEnd].Start + tokens[evidenceEnd].Length;
                Add(signals, new Signal(kind, employee is null ? 0.8 : 0.85, text[start..end], employee));
            }

            i = Math.Max(i, referenceEnd);
        }
    }

    private static void Add(List<Signal> signals, Signal signal)
    {
        foreach (var existing in signals)
        {
            if (existing.Kind == signal.Kind && existing.Employee == signal.Employee)
            {
                return;
            }
        }

        signals.Add(signal);
    }

    private static string Word(string text, CueToken token) => text.Substring(token.Start, token.Length);

    private static ReadOnlySpan<char> At(string lower, List<CueToken> tokens, int k) =>
        k >= 0 && k < tokens.Count && tokens[k].Kind == CueKind.Word ? CueTokenizer.Span(lower, tokens[k]) : default;

    /// <summary>"the agent", "your customer service rep", "the young man", "the staff member".</summary>
    private static bool IsRoleReference(string lower, List<CueToken> tokens, int i)
    {
        if (!RoleLookup.Contains(At(lower, tokens, i)))
        {
            return false;
        }

        var word = At(lower, tokens, i);
        if (word is "member" && At(lower, tokens, i - 1) is not ("team" or "staff"))
        {
            return false;
        }

        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            var before = At(lower, tokens, k);
            if (before.IsEmpty)
            {
                return false;
            }

            if (DeterminerLookup.Contains(before))
            {
                return true;
            }

            if (before is "my" or "a" or "an")
            {
                return false;
            }
        }

        return false;
    }

    private static int ReferenceStart(string lower, List<CueToken> tokens, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            if (DeterminerLookup.Contains(At(lower, tokens, k)))
            {
                return k;
            }
        }

        return i;
    }

    private static bool IsName(string text, string lower, List<CueToken> tokens, int i)
    {
        var token = tokens[i];
        if (token.Kind != CueKind.Word || !token.Capitalized || token.AllCaps || token.Length < 2 || !char.IsLetter(text[token.Start]))
        {
            return false;
        }

        var word = CueTokenizer.Span(lower, token);
        return !NotNameLookup.Contains(word) && !PraiseLookup.Contains(word) && !ComplaintLookup.Contains(word)
            && !RoleLookup.Contains(word) && !word.Contains('\'');
    }

    /// <summary>"my friend Tom", "Anna from my book club", "Olivia, my daughter", "a book by Priya".</summary>
    private static bool PersonalContext(string lower, List<CueToken> tokens, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 2; k--)
        {
            var before = At(lower, tokens, k);
            if (RelationLookup.Contains(before) || before is "by")
            {
                return true;
            }
        }

        var next = At(lower, tokens, i + 1);
        var afterNext = At(lower, tokens, i + 2);
        if (next is "from" or "and" && afterNext is "my" or "our" or "i" or "me")
        {
            return true;
        }

        // "Olivia, my daughter,"
        return i + 3 < tokens.Count && tokens[i + 1].Kind == CueKind.ClauseBreak && At(lower, tokens, i + 2) is "my" or "our"
            && RelationLookup.Contains(At(lower, tokens, i + 3));
    }

    /// <summary>"the agent, Tom," / "rep Jake" / "staff member Ahmed": the name given with the role.</summary>
    private static (string? Name, int End) NameAfterRole(string text, string lower, List<CueToken> tokens, int i)
    {
        if (i + 1 < tokens.Count && IsName(text, lower, tokens, i + 1))
        {
            return (Word(text, tokens[i + 1]), i + 1);
        }

        if (i + 3 < tokens.Count && tokens[i + 1].Kind == CueKind.ClauseBreak && IsName(text, lower, tokens, i + 2)
            && tokens[i + 3].Kind == CueKind.ClauseBreak)
        {
            return (Word(text, tokens[i + 2]), i + 3);
        }

        return (null, i);
    }

    /// <summary>"thanks to Priya", "kudos to the agent", "complaint about Steve", "excellent service from Raj".</summary>
    private static (Verdict Verdict, int Start, int End) Before(string lower, List<CueToken> tokens, int i)
    {
        var start = ReferenceStart(lower, tokens, i);
        for (var k = start - 1; k >= 0 && k >= start - 4; k--)
        {
            var word = At(lower, tokens, k);
            if (word.IsEmpty)
            {
                break;
            }

            if (ThanksLookup.Contains(word))
            {
                return (Verdict.Praise, k, i);
            }

            if (ComplaintTriggerLookup.Contains(word))
            {
                return (Verdict.Complaint, k, i);
            }
        }

        if (At(lower, tokens, start - 1) is "from")
        {
            for (var k = start - 2; k >= 0 && k >= start - 5; k--)
            {
                var word = At(lower, tokens, k);
                if (word.IsEmpty)
                {
                    break;
                }

                if (PraiseLookup.Contains(word))
                {
                    return (Negated(lower, tokens, k) ? Verdict.Complaint : Verdict.Praise, k, i);
                }

                if (ComplaintLookup.Contains(word))
                {
                    return (Verdict.Complaint, k, i);
                }
            }
        }

        return (Verdict.None, i, i);
    }

    /// <summary>The appraisal in the words after the reference: "was fantastic", "hung up on me",
    /// "didn't listen", "was not helpful" (a negated praise is a complaint).</summary>
    private static (Verdict Verdict, int End) After(string lower, List<CueToken> tokens, int end)
    {
        for (var k = end + 1; k < tokens.Count && k <= end + Window; k++)
        {
            var word = At(lower, tokens, k);
            if (word.IsEmpty)
            {
                return (Verdict.None, end);
            }

            if (word is "but")
            {
                return (Verdict.None, end);
            }

            if (ServiceVerbLookup.Contains(word) && Negated(lower, tokens, k))
            {
                return (Verdict.Complaint, k);
            }

            if (PraiseLookup.Contains(word))
            {
                return (Negated(lower, tokens, k) ? Verdict.Complaint : Verdict.Praise, k);
            }

            if (ComplaintLookup.Contains(word))
            {
                return Negated(lower, tokens, k) ? (Verdict.None, end) : (Verdict.Complaint, k);
            }

            // "cut me off", "talked over me", "talked down to me".
            if ((word is "cut" && At(lower, tokens, k + 1) is "me" or "off") || (word is "talked" or "talking" && At(lower, tokens, k + 1) is "over" or "down"))
            {
                return (Verdict.Complaint, k + 1);
            }

            if (word is "idea" && At(lower, tokens, k - 1) is "no")
            {
                return (Verdict.Complaint, k);
            }

            if (word is "said" or "says" or "told" or "recommended" or "think" or "thinks")
            {
                return (Verdict.None, end);
            }
        }

        return (Verdict.None, end);
    }

    private static bool Negated(string lower, List<CueToken> tokens, int k)
    {
        for (var j = k - 1; j >= 0 && j >= k - 2; j--)
        {
            if (CueTokenizer.IsNegation(At(lower, tokens, j)))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenSet<string> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
