using System.Text.RegularExpressions;

namespace Touchpoint.Core.Text.Signals;

/// <summary>
/// The phrase patterns for churn, effort and urgency, written by the Touchpoint project. One
/// source-generated regex per rule, run once over the text (no regex per word). Each rule says whether
/// a negation or an "averted" cue just before the match cancels it: "I would never cancel my account"
/// is not churn, but "not renewing" is churn and carries its own negation.
/// </summary>
internal static partial class SignalPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// (kind, confidence, guarded by negation, needs a request in the sentence, anchors, pattern). The anchors
    /// are a cheap prefilter (<see cref="SignalAnchors"/>): every match of the pattern has one of them (lower
    /// case) at the start of a word, so a text where none starts a word is not searched. Most texts have
    /// none, and one pass over the words is far cheaper than a regex walk per rule.
    /// </summary>
    public static readonly (string Kind, double Confidence, bool Guarded, bool NeedsRequest, string Anchors, Regex Pattern)[] Rules =
    [
        (SignalKinds.Churn, 0.9, true, false, "cancel clos terminat end deactivat delet stop process confirm expect submit notice port unsubscrib want", ChurnCancelObject()),
        (SignalKinds.Churn, 0.85, true, false, "cancel", ChurnCancelling()),
        (SignalKinds.Churn, 0.85, true, false, "switch signed moving going gone move went", ChurnSwitching()),
        (SignalKinds.Churn, 0.8, true, false, "switch leav cancel walk quit find look found", ChurnIntent()),
        (SignalKinds.Churn, 0.85, true, false, "leaving out done finished off count lost", ChurnLeaving()),
        (SignalKinds.Churn, 0.85, true, false, "elsewhere last time", ChurnElsewhere()),
        (SignalKinds.Churn, 0.9, false, false, "again any back renew", ChurnNeverAgain()),
        (SignalKinds.Effort, 0.85, true, false, "had hav need forced made", EffortHadTo()),
        (SignalKinds.Effort, 0.85, true, false, "again over repeatedly circles pillar from passed bounced pushed kept keep transferred different", EffortRepeated()),
        (SignalKinds.Effort, 0.85, true, false, "call email e-mail attempt visit ticket complaint chat different twice time", EffortCounted()),
        (SignalKinds.Effort, 0.8, true, false, "took tak spen wast wait hold queue through", EffortTime()),
        (SignalKinds.Effort, 0.85, false, false, "nobody noone no-one one still", EffortNobody()),
        (SignalKinds.Effort, 0.8, true, false, "hassle effort faff palaver run hoops many struggl shouldn complicated start scratch again every twice times chas called hard", EffortHassle()),
        (SignalKinds.Urgency, 0.9, true, false, "asap a.s.a.p urgen soon delay sensitive critical expedite escalate deadline end eod later latest within immediate act quick hurry rush prioriti priority emergency \uD83D\uDEA8", UrgencyStrong()),
        (SignalKinds.Urgency, 0.75, true, true, "today tonight tomorrow now immediately straight right once quickly this within before by", UrgencyWhen()),
    ];

    /// <summary>Words every request (<see cref="Request"/>) contains one of: a sentence without any needs no regex.</summary>
    public const string RequestAnchors =
        "need must has have please pls plz can could help send call reply respond fix sort block process confirm get restore resolve escalate ship require want";

    // Churn ------------------------------------------------------------------------------------

    [GeneratedRegex(@"\b(?:cancel(?:l?ing|l?ed|s)?|close|closing|closed|terminate|terminating|end|ending|deactivate|deactivating|delete|deleting|stop|stopping)\s+(?:my|our|the|this|your|all\s+(?:my|our))\s+(?:\w+\s+){0,2}(?:accounts?|subscriptions?|memberships?|contracts?|plan|policy|direct\s+debit)\b|\bcancel\w*\b[^.!?,]{0,25}\band\s+(?:my|the)\s+(?:account|subscription|membership)\b|\b(?:process|processing|confirm|expect|submit\w*)\s+(?:my|the|this)\s+cancell?ation\b|\bmy\s+cancell?ation\s+request\b|\b(?:this\s+is|consider\s+this)\s+my\s+notice\b|\bport\s+(?:my|our)\s+numbers?\b|\bunsubscrib\w*\s+(?:me\s+)?from\s+(?:the|your)\s+service\b|\bwant\s+out\s+of\b|\bend(?:ing)?\s+(?:our|my|the)\s+relationship\b", Options)]
    private static partial Regex ChurnCancelObject();

    [GeneratedRegex(@"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:now\s+|officially\s+)?cancell?ing\b(?!\s+(?:the|my|this|an?|our|that|one)\s+(?:\w+\s+)?(?:order|appointment|booking|delivery|item|reservation|visit|payment|request)s?\b)", Options)]
    private static partial Regex ChurnCancelling();

    [GeneratedRegex(@"\bswitch(?:ing|ed)?\s+(?:over\s+)?(?:to\s+(?:(?-i:[A-Z])\w+|another\s+\w+|a\s+(?:different|new|competitor|rival)|your\s+competitors?|someone\s+else|them)|providers|banks|suppliers|networks|companies|insurers)\b|\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+switching\s*(?=[.!,;]|$)|\bsigned\s+up\s+with\s+(?:a\s+competitor|someone\s+else|another\s+\w+|(?-i:[A-Z])\w+)|\bmoving\s+to\s+(?-i:[A-Z])\w*|\b(?:going|gone|moving|moved|move|went)\s+(?:over\s+)?to\s+(?:a|another|your)\s+(?:\w+\s+)?(?:competitor|rival|provider|bank|supplier|network|company|insurer)\b", Options)]
    private static partial Regex ChurnSwitching();

    [GeneratedRegex(@"\b(?:thinking\s+(?:of|about)|considering|going\s+to|plan(?:ning)?\s+to|will|i'll|about\s+to|ready\s+to|want\s+to|decided\s+to)\s+(?:switch(?:ing)?|leav(?:e|ing)|cancel(?:l?ing)?|walk\s+away|quit(?:ting)?)\b(?!\s+(?:for|on|a|an|the|home|work|early|house|it|this\s+(?:page|form)|my\s+(?:house|flat|home|job)|one|that\s+(?:order|item)))|\bwalk(?:ing)?\s+away\s+from\s+(?:you|your|this|the)\b|\b(?:find|finding|look\w*\s+for|found)\s+(?:a\s+new|another|a\s+different|a\s+better)\s+(?:bank|provider|supplier|company|insurer|network|gym|retailer)\b", Options)]
    private static partial Regex ChurnIntent();

    [GeneratedRegex(@"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:leaving|out|done)(?=\s*(?:[.!,;]|$|-))|\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:done|finished)\s+with\s+(?:you|your|this|the\s+company|it\s+all|them)\b|\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:leaving|off)\s+(?:for|to)\s+(?-i:[A-Z])|\bcount\s+me\s+out\b|\bleaving\s+(?:you|your\s+\w+)\s+for\b|\blost\s+(?:a|my|our|one|another)\s+(?:\w+\s+)?(?:customer|client|business|custom)\b", Options)]
    private static partial Regex ChurnLeaving();

    [GeneratedRegex(@"\b(?:take|taking|took|move|moving|moved|go|going|gone|shop|shopping|spend|spending)\b[^.!?]{0,25}?\belsewhere\b|\blast\s+time\s+(?:i|we)\s+(?:order|buy|shop|use|book|fly|come|deal)\b|\b(?:my|our|the)\s+(?:very\s+)?last\s+(?:order|purchase|booking)\b|\btime\s+to\s+(?:find|look\s+for)\s+(?:a\s+new|another)\b", Options)]
    private static partial Regex ChurnElsewhere();

    [GeneratedRegex(@"\b(?:never|not|won'?t|will\s+not|wouldn'?t|shan'?t)\s+(?:be\s+)?(?:ever\s+)?(?:\w+\s+)?(?:order|ordering|buy|buying|shop|shopping|use|using|book|booking|fly|flying|come|coming|return|returning|deal|dealing|purchase|purchasing)\b[^.!?]{0,30}?\b(?:again|anymore|any\s+more)\b|\b(?:won'?t|will\s+not|never|not)\s+be\s+(?:coming|going)\s+back\b|\b(?:not|won'?t|will\s+not|don'?t|do\s+not|never)\s+(?:be\s+)?(?:going\s+to\s+)?renew(?:ing)?\b", Options)]
    private static partial Regex ChurnNeverAgain();

    // Effort ------------------------------------------------------------------------------------

    [GeneratedRegex(@"\b(?:had|have|having|needed|need|forced|made)\s+to\s+(?:call|ring|phone)(?:\s+(?:you|them|back|again|up|your|the\s+(?:helpline|bank|number|company|call\s+centre|store|shop|office)|support|customer\s+service|twice|several|multiple|repeatedly|every|\w+\s+times)\b|\s*(?=[.!?,;]|\s+and\b|$))|\b(?:had|have|having|needed|forced|made)\s+to\s+(?:chase|explain|re-?explain|repeat|resend|re-?send|send|fill|go\s+(?:to|through|in|into|back)|drive|travel|visit|log|raise|open|spend|start|provide|resubmit|write|jump|wait|email|contact|complain|keep|escalate|queue|fight|beg)\b", Options)]
    private static partial Regex EffortHadTo();

    [GeneratedRegex(@"\b(?:again\s+and\s+again|over\s+and\s+over|time\s+and\s+again|repeatedly|round\s+in\s+circles|pillar\s+to\s+post|from\s+(?:department|person|one\s+\w+)\s+to\s+(?:department|person|another)|(?:passed|bounced|pushed)\s+(?:me\s+)?(?:around|about|from|between|back)|kept\s+(?:on\s+)?(?:transferring|passing|sending|asking|bouncing|telling)|keep\s+(?:having\s+to|calling|chasing|getting|being)|transferred\s+(?:again|around|back|\w+\s+times|twice|multiple|several)|different\s+answers?)\b", Options)]
    private static partial Regex EffortRepeated();

    [GeneratedRegex(@"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|countless|\d+)\s+(?:calls|phone\s+calls|emails|e-mails|attempts|visits|tickets|complaints|chats|different\s+(?:people|agents|advisors))\b|\b(?:call\w*|rang|phon\w*|email\w*|contact\w*|wr[io]te\w*|transferr?\w*|tried|chas\w*|complain\w*|told|asked|sen[dt]\w*|raised|explain\w*|repeat\w*|visit\w*|ring\w*|message\w*)\b[^.!?]{0,40}?\b(?:twice|(?:three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|countless|many|\d+)\s+times)\b|\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:time\s+i'?ve|time\s+i\s+have|call|email|complaint|attempt|visit|ticket)\b", Options)]
    private static partial Regex EffortCounted();

    [GeneratedRegex(@"\b(?:took|takes|taking|take|spent|spend|spending|wasted|waste|waited|waiting)\s+(?:me\s+|us\s+)?(?:over\s+|more\s+than\s+|nearly\s+|almost\s+|about\s+)?(?:ages|forever|hours|days|weeks|months|an\s+eternity|way\s+too\s+long|far\s+too\s+long|too\s+long|so\s+long|all\s+(?:day|morning|afternoon|evening|week)|(?:the|a)\s+whole\s+(?:day|morning|afternoon|evening|week)|(?:an?|one|two|three|four|five|six|several|many|\d+)\s+(?:hours?|days|weeks|months)|\d+\s*(?:minutes|mins))\b(?!\s+to\s+(?:arrive|come|deliver|be\s+delivered|ship|prove|bake|cook|finish|dry|charge|set|load|grow|watch|read|heal))|(?<!(?:account|order|subscription|membership|payment|card|plan|delivery)\s)\bon\s+hold\b|\bin\s+(?:the|a)\s+queue\s+for\b|\bspent\s+(?:my|our)\s+(?:lunch|whole|entire|evening|morning|afternoon|weekend|day)\b|\b\d+\s*(?:minutes|mins|hours)\s+to\s+get\s+through\b|\bto\s+get\s+through\s+to\s+(?:anyone|someone|you|a\s+person|a\s+human)\b", Options)]
    private static partial Regex EffortTime();

    [GeneratedRegex(@"\b(?:nobody|no\s+one|no-one|noone)\s+(?:\w+\s+)?(?:could|can|was\s+able\s+to|is\s+able\s+to|seems?\s+to\s+know|knows|would|will|wants\s+to|bothered\s+to|managed\s+to)\s+(?:\w+\s+){0,2}(?:help|answer|tell|fix|sort|explain|resolve|know|give|find|listen|respond|reply)\b|\bstill\s+(?:not|un)\s*(?:resolved|sorted|fixed|solved)\b|\bstill\s+unresolved\b|\bstill\s+(?:no|nothing)\b|\bstill\s+waiting\s+for\s+(?:a\s+|an\s+|my\s+)?(?:resolution|reply|response|answer|refund|callback|call\s+back|fix)\b", Options)]
    private static partial Regex EffortNobody();

    [GeneratedRegex(@"\b(?:so\s+much|such\s+a|a\s+real|a\s+huge|what\s+a|a\s+lot\s+of|too\s+much)\s+(?:hassle|effort|faff|palaver|runaround|run-around)\b|\bjump(?:ed|ing)?\s+through\s+hoops\b|\btoo\s+many\s+(?:steps|hoops|forms|calls|emails)\b|\b(?:a|such\s+a)\s+struggle\b|\bstruggled\s+to\s+get\b|\bshouldn'?t\s+(?:take|be)\s+this\s+(?:much\s+effort|hard|difficult|complicated)\b|\b(?:so|too|very|really|overly|ridiculously)\s+complicated\b|\bstart(?:ed)?\s+(?:all\s+)?over\b|\bstart\s+again\b|\bfrom\s+scratch\b|\b(?:explain\w*|repeat\w*|tell|told|go\s+through)\s+(?:\w+\s+){0,4}(?:again|every\s+time|to\s+every)\b|\b(?:same|my)\s+(?:form|information|details|questions?|story|account\s+number)\s+(?:\w+\s+){0,3}(?:twice|again|multiple\s+times|several\s+times|to\s+every)\b|\brunaround\b|\bchas(?:e|ed|ing)\s+(?:you|this|it|them|up|for|every|the\s+\w+)\b|\bcalled\s+(?:you\s+)?(?:again|every\s+day|every\s+week|daily|back)\b|\bso\s+hard\s+to\b", Options)]
    private static partial Regex EffortHassle();

    // Urgency ------------------------------------------------------------------------------------

    [GeneratedRegex(@"\b(?:asap|a\.s\.a\.p|urgent(?!\s+care)|urgently|urgency|as\s+soon\s+as\s+possible|without\s+delay|time[- ]sensitive|time[- ]critical|expedite|escalate|deadline|end\s+of\s+(?:the\s+)?day|eod|no\s+later\s+than|at\s+the\s+latest|within\s+the\s+hour|immediate\s+(?:action|attention|response|help|assistance)|act\s+(?:now|fast|quickly)|be\s+quick|hurry|rush(?!\s+hour)|prioriti[sz]e|(?:high|top|as\s+a\s+matter\s+of)\s+priority|critical(?!\s+(?:of|review|acclaim))|emergency(?!\s+(?:plumber|electrician|torch|kit|services?|contact|number|fund|exit|lights?|vet|dentist|room|department|supplies|blanket|locksmith)))\b|\uD83D\uDEA8", Options)]
    private static partial Regex UrgencyStrong();

    [GeneratedRegex(@"\b(?:today|tonight|tomorrow|right\s+now|now|immediately|straight\s+away|right\s+away|at\s+once|quickly|this\s+(?:morning|afternoon|evening)|within\s+(?:\d+|an?|one|two)\s+(?:hours?|minutes|mins)|(?:before|by)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|the\s+weekend|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week)|my\s+(?:trip|flight|appointment)|christmas|noon|midday|\d{1,2}(?::\d\d)?\s*(?:am|pm)?))\b", Options)]
    private static partial Regex UrgencyWhen();

    /// <summary>A request or need in the sentence: what turns "today" into urgency ("I need it today").</summary>
    [GeneratedRegex(@"\b(?:need|needs|needed|must|has\s+to|have\s+to|please|pls|plz|can\s+you|could\s+you|can\s+someone|could\s+someone|help|send|call\s+me|reply|respond|fix|sort|block|process|confirm|get\s+back|restore|resolve|escalate|ship|require|required|want)\b", Options)]
    public static partial Regex Request();

    /// <summary>The customer says they are staying: a churn phrase in the same sentence is history, not intent.</summary>
    [GeneratedRegex(@"\b(?:decided\s+to\s+stay|convinced\s+me\s+to\s+stay|persuaded\s+me\s+to\s+stay|i'?m\s+staying|will\s+stay|not\s+going\s+anywhere|changed\s+my\s+mind|decided\s+against|you\s+(?:fixed|sorted|solved)|but\s+(?:you|they|the\s+\w+)\s+(?:fixed|sorted|solved|convinced))\b", Options)]
    public static partial Regex Staying();
}
