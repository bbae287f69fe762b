namespace Touchpoint.Core.Text.Sentiment;

/// <summary>
/// Customer-service language the general lexicon misses: most of these words are neutral on their own
/// ("waited", "refund", "call", "resolved"), so VADER scores "I have waited 3 weeks and it is still not
/// resolved" as neutral. The project wrote these rules and valences (on VADER's -4..+4 scale: "bad" is
/// -2.5, "good" +1.9). Pattern syntax: elements separated by spaces, alternatives by "|", "_" joins the
/// words of a multi-word alternative, "?" marks an optional element and "#" a count ("3", "three",
/// "several"). A phrase counts once, as one sentiment item, and a negation just before it flips it as it
/// would a word ("I did not have to call again").
/// </summary>
internal static class ServicePhrases
{
    private const string Durations = "minutes|minute|mins|hours|hour|hrs|days|day|weeks|week|months|month|ages|forever";
    private const string Resolved = "resolved|fixed|sorted|solved|addressed|answered|refunded|delivered|received|arrived|replaced|working|shipped|processed|credited";
    private const string Contacted = "call|phone|ring|email|e-mail|contact|chase|write|message|text|call_back|follow_up";
    private const string Quickly = "quickly|fast|promptly|immediately|instantly|straight_away|right_away|in_no_time|same_day|asap|efficiently|swiftly|speedily";

    public static readonly (string Pattern, double Valence)[] Rules =
    [
        // Waiting.
        ("still waiting|waiting|wait", -1.6),
        ("waited|waiting|wait|waits ?for ?over|almost|nearly|about|around|more_than ?# " + Durations, -1.9),
        ("been|kept|keeps|keep waiting", -1.8),
        ("on|in hold ?for ?over|almost|nearly|about|around|more_than ?# ?" + Durations, -1.9),
        ("kept|keep|put|left me on hold", -2.0),
        ("took|takes|taking|take forever|ages|too_long|so_long|way_too_long", -2.0),
        ("# " + Durations + " later", -1.0),
        ("still no|not|nothing|haven't|havent|hasn't|hasnt|didn't|didnt ?yet ?been|heard|received|got|gotten|had " + Resolved + "|refund|response|reply|answer|update|word|delivery|package|order|callback|call|email|news", -2.4),
        ("not|never|wasn't|wasnt|isn't|isnt|hasn't|hasnt|haven't|havent|weren't|werent|still_not|never_been|not_been|not_yet|not_even ?been ?yet " + Resolved, -2.0),
        ("doesn't|doesnt|didn't|didnt|don't|dont|won't|wont|isn't|isnt|wasn't|wasnt|stopped|stop|not|never|does_not|did_not|do_not|will_not|is_not|was_not ?even work|working|works", -1.8),
        // Refunds, cancellations and money.
        ("asked|asking|requested|requesting|demanded|demanding|want|wanted|need|needed|still_want|claim|claimed ?for ?a|my|the refund|refunds|money_back", -1.5),
        ("give|get me ?a|my refund|money_back", -1.5),
        ("no|without|never_got|never_received|refused|refuse|denied|deny refund|refunds|response|reply|answer|update|callback|follow-up|help|resolution|explanation|apology", -1.9),
        ("cancel|cancelling|canceling|cancelled|canceled|close|closing|terminate ?my|the|our|this account|order|subscription|membership|service|contract|plan|booking|card", -2.2),
        ("charged|billed twice|again|double|extra|wrongly|incorrectly|me_twice", -2.0),
        // Effort: chasing, repeating, being passed around.
        ("had|have|having|need|needed|needing|forced to " + Contacted + " ?them|you|back|support|again|twice|repeatedly|multiple_times|several_times|every_day|back_again ?again|twice|repeatedly", -1.6),
        ("called|phoned|emailed|contacted|chased|calling|emailing|messaged|tried|wrote|rang ?them|you|support|back|the_store|customer_service # times", -1.9),
        ("called|phoned|emailed|contacted|chased|messaged|wrote|rang ?them|you|support|back again|twice|repeatedly|multiple_times|several_times|countless_times|numerous_times|many_times", -1.6),
        ("transferred|passed|bounced|shuffled|pushed ?around ?# times|again|around|from_one|between|back_and_forth", -1.7),
        ("explain|explained|repeat|repeated|repeating|explaining ?my ?the ?problem|issue|story|self|myself again|twice|over_and_over|every_time", -1.7),
        ("no_one|nobody|noone ?ever|has|had|even|bothered|could|would|will|seems got|get|gets|called|came|comes|responded|replied|answered|returned|helped|contacted|showed|cares|cared|knew|knows|to", -2.4),
        ("never|didn't|didnt|haven't|havent|hasn't|hasnt|did_not|have_not|has_not ?yet ?even got|get|gotten|heard|hear back|from|anything|a_response|a_reply|a_call|my|an_answer", -2.0),
        ("never|didn't|didnt|haven't|havent|hasn't|hasnt|did_not|have_not|has_not ?yet ?even received|receive|arrived|arrive|came|come|showed|show|called|call", -1.8),
        ("hung up|hang_up", -2.0),
        ("waste|wasted|wasting ?of ?my|your|our time|money|hours|day", -2.2),
        // Things going right.
        ("as promised|expected|described|advertised|agreed|ordered|pictured", 2.0),
        (Resolved + "|handled|replied|responded|answered|helped|dealt_with|took_care_of|got_back_to_me ?it|my|the|everything|things|me ?problem|issue|order|request|query|question|complaint|refund|it ?very|so|really|super|extremely " + Quickly, 2.2),
        ("quick|fast|prompt|speedy|immediate|swift|rapid|same-day|same_day|next-day|next_day response|reply|resolution|service|delivery|shipping|turnaround|fix|refund|answer|support|help|action|replacement", 2.0),
        ("got|get|gets|came back to me ?very|so|really|super ?" + Quickly + "|within|same_day|right_away", 2.0),
        ("on|ahead_of time|schedule", 1.2),
        ("above and beyond", 3.0),
        ("extra mile", 2.5),
        ("on|at|in the first call|contact|attempt|try", 1.6),
        ("no|zero|without hassle|hassles|fuss|effort", 1.8),
        ("hassle-free|hassle_free|effortless|seamless|painless|smooth|smoothly", 1.8),
        ("hard|difficult|impossible|tough|frustrating to " + Contacted + "|reach|get_through|get_hold|talk|cancel|return|navigate|understand", -1.9),
        ("kept|keep|keeps me informed|updated|in_the_loop|posted", 1.8),
    ];

    /// <summary>
    /// Single words of customer-service language missing from the general lexicon (the project's list): they
    /// are added to it, never replacing a valence the lexicon already has.
    /// </summary>
    public static readonly (string Word, double Valence)[] Words =
    [
        ("overcharged", -2.2), ("unresolved", -2.0), ("unanswered", -1.7), ("defective", -2.0), ("faulty", -1.8), ("delayed", -1.2),
        ("delays", -1.2), ("unreachable", -1.7), ("unhelpful", -1.9), ("runaround", -2.0), ("knowledgeable", 1.8), ("courteous", 2.0),
        ("responsive", 1.5), ("attentive", 1.8), ("promptly", 1.2), ("refused", -1.5), ("ignored", -1.6), ("ghosted", -2.0),
        ("scammed", -2.8), ("ripoff", -2.5), ("rip-off", -2.5), ("broke", -1.6), ("malfunction", -1.8), ("malfunctioning", -1.8),
    ];

    /// <summary>What a "#" element accepts besides digits.</summary>
    public static readonly string[] CountWords =
    [
        "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
        "thirty", "forty", "fifty", "several", "few", "many", "multiple", "numerous", "countless", "couple", "dozen", "dozens", "hundred",
        "hundreds", "a_few", "a_couple", "a_couple_of", "a_dozen",
    ];
}
