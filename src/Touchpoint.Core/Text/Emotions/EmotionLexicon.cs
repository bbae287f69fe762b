using System.Collections.Frozen;

namespace Touchpoint.Core.Text.Emotions;

/// <summary>An emotion a word or phrase carries, with its base weight (0..1) before context.</summary>
internal readonly record struct EmotionHit(byte Emotion, double Weight);

/// <summary>A phrase of several words, matched word for word. A phrase with no hits is a blocker: it consumes its words so that none of them counts ("angry birds").</summary>
internal sealed record EmotionPhrase(string[] Words, EmotionHit[] Hits);

/// <summary>
/// The emotion word and phrase lists. Written by the Touchpoint project for this engine from its
/// own knowledge of how customers write (no external lexicon was copied: NRC EmoLex and similar lists
/// are not permissively licensed). Weights: ~0.85 for the strongest words of an emotion ("furious"),
/// ~0.6 for the plain word ("angry"), ~0.4 for mild or ambiguous cues that need support ("cross").
/// A single word must reach <see cref="EmotionAnalyzer.ReportThreshold"/> after context to be reported.
/// </summary>
internal static class EmotionLexicon
{
    private const byte Joy = 0, Trust = 1, Fear = 2, Surprise = 3, Sadness = 4, Disgust = 5, Anger = 6, Anticipation = 7;
    private const byte Block = 255;

    /// <summary>(emotion, weight, words separated by spaces).</summary>
    private static readonly (byte Emotion, double Weight, string Words)[] WordLists =
    [
        // Joy: delight and satisfaction, and the appraisals customers use for it ("brilliant service").
        (Joy, 0.85, "delighted thrilled overjoyed ecstatic elated euphoric jubilant adore adored adores overjoyed"),
        (Joy, 0.7, "happy happier happiest love loved loving loves lovin joy joyful joyous wonderful fantastic amazing awesome brilliant excellent superb terrific perfect perfectly fabulous fab marvellous marvelous outstanding heavenly best"),
        (Joy, 0.6, "glad pleased satisfied content chuffed enjoy enjoyed enjoying enjoyable delightful delight lovely gorgeous beautiful delicious great cheerful smile smiling smiled grateful thankful yay hooray woohoo pleasure blast impressed fun nicest"),
        (Joy, 0.45, "nice pleasant pleasantly relieved excited"),
        (Joy, 0.3, "good"),

        // Trust: reliance, honesty, safety, loyalty.
        (Trust, 0.75, "trust trusted trusting trustworthy trusts"),
        (Trust, 0.65, "reliable reliably dependable faith confidence confident reassuring reassured reassurance honesty faithful"),
        (Trust, 0.55, "rely relied relies depend honest loyal credible sincere assured legit transparent transparency secure"),
        (Trust, 0.4, "safe consistent consistently guarantee believe certain"),

        // Fear: worry, anxiety, dread, alarm.
        (Fear, 0.9, "terrified terrifying petrified panicked panicking"),
        (Fear, 0.7, "scared scary frightened frightening fearful fear feared panic anxious anxiety dread dreading dreaded alarming alarmed unsafe"),
        (Fear, 0.6, "worried worry worrying worries afraid nervous scare scares spooked dangerous danger apprehensive"),
        (Fear, 0.5, "concerned concern concerns uneasy stressed stressful threatening"),

        // Surprise: the unexpected, good or bad.
        (Surprise, 0.8, "astonished astonishing astounded astounding gobsmacked flabbergasted stunned"),
        (Surprise, 0.65, "surprised surprise shocked shock startled startling unexpected unexpectedly wow whoa woah omg speechless"),
        (Surprise, 0.55, "surprising surprisingly shocking amazed unbelievable sudden suddenly suddenness"),
        (Surprise, 0.4, "oddly strangely remarkably bizarre"),

        // Sadness: disappointment, loss, being let down.
        (Sadness, 0.9, "heartbroken heartbreaking devastated"),
        (Sadness, 0.7, "sad sadness saddened miserable gutted depressing depressed crushed dejected grief grieving sorrow sorrowful cried crying tears"),
        (Sadness, 0.6, "disappointed disappointing disappointment disappoint unhappy upset upsetting disheartened disheartening hopeless letdown let-down bummed lonely"),
        (Sadness, 0.45, "sadly gloomy glum regret pity unwanted"),
        (Sadness, 0.35, "shame"),
        (Sadness, 0.2, "unfortunately"),

        // Disgust: dirt, smell, decay, and moral revulsion.
        (Disgust, 0.85, "disgusting disgusted disgust revolting repulsive repugnant vile putrid rancid"),
        (Disgust, 0.7, "gross filthy foul yuck yucky ew eww ewww rotten stench sickening nauseating nauseated squalid infested maggots cockroaches cockroach despicable"),
        (Disgust, 0.6, "nasty grimy grime grotty mouldy moldy smelly stank stink stinks stinking reeked reeks reek unhygienic slimy distasteful sleazy contaminated appalled vomit"),
        (Disgust, 0.5, "dirty mould mold greasy stained garbage stale appalling"),
        (Disgust, 0.35, "sticky soggy sour stains bugs mice flies"),

        // Anger: rage, annoyance, frustration, outrage.
        (Anger, 0.9, "furious livid enraged seething infuriating infuriated"),
        (Anger, 0.8, "fuming raging rage outraged outrage irate pissed maddening angrier"),
        (Anger, 0.7, "angry anger angrily outrageous hate hated hates"),
        (Anger, 0.6, "annoyed annoying irritated irritating frustrated frustrating frustration unacceptable resent resentful insulting mad disgraceful"),
        (Anger, 0.5, "ridiculous scam rip-off ripoff incompetence incompetent hostile arrogance disgrace cross argh grr wtf"),
        (Anger, 0.45, "rude"),

        // Anticipation: looking ahead, hope, eagerness.
        (Anticipation, 0.65, "eager eagerly anticipate anticipating anticipation longing"),
        (Anticipation, 0.55, "excited exciting excitement hoping hopeful hopefully awaiting await awaited impatiently"),
        (Anticipation, 0.45, "hope expecting expect upcoming pre-order preorder"),
    ];

    /// <summary>(emotion, weight, phrases separated by |). Listed before words: a phrase wins over its words.</summary>
    private static readonly (byte Emotion, double Weight, string Phrases)[] PhraseLists =
    [
        (Joy, 0.9, "over the moon|made my day|makes my day|made my week|couldn't be happier|could not be happier|never been happier|happy days|happy bunny|happy camper|on cloud nine|ear to ear"),
        (Trust, 0.75, "rest assured|in good hands|in safe hands|safe hands|safe pair of hands|never let me down|never let us down|never lets me down|never once let me down|earned my trust|have my trust|faith restored|peace of mind"),
        (Trust, 0.5, "you'll sort it|you will sort it|i'm sure you'll|i'm sure you will"),
        (Trust, 0.65, "count on|counting on|kept your word|keeps its word|keep your word|kept your promise|kept their promise|your word is good|always deliver|come through|do the right thing|stand behind"),
        (Fear, 0.9, "worried sick|nervous wreck|scared stiff|scared to death|fear the worst|scared me"),
        (Fear, 0.55, "horrible feeling|bad feeling|sinking feeling|up all night"),
        (Surprise, 0.75, "didn't expect|did not expect|never expected|wasn't expecting|was not expecting|never thought|who knew|who would have thought|out of nowhere|out of the blue|to my surprise|much to my surprise|imagine my surprise|caught off guard|taken aback|took me by surprise|by surprise|didn't see that coming|did not see that coming|can't believe|cannot believe|couldn't believe|could not believe|jaw dropped|jaw dropping|jaw-dropping|blown away|had no idea|wait what|came as a shock|came as a surprise|pleasant surprise"),
        (Sadness, 0.7, "let down|let me down|let us down|letting me down|lets me down|broke my heart|breaks my heart|break my heart|heart sank|in tears|feeling down|feel down|feeling blue|what a pity|a real pity|such a shame|it's a shame|what a shame"),
        (Disgust, 0.75, "made me sick|makes me sick|sick to my stomach|throw up|threw up|want to vomit|feel sick|food poisoning|smelled off|smelt off|smells off|smell off|gone off"),
        (Anger, 0.85, "fed up|sick and tired|how dare|had it with|had enough|last straw|final straw|up to here|pisses me off|pissed off|pissing me off|lost my temper|mad as hell|blood boil|shame on you|drives me mad|drive me mad|driving me mad|drives me crazy|driving me crazy"),
        (Anger, 0.65, "beyond a joke|what a joke|is a joke|what is wrong with you|what's wrong with you|could scream"),
        (Anticipation, 0.75, "can't wait|cannot wait|can hardly wait|can not wait|look forward|looking forward|looks forward|looked forward|counting down|count down|dying to|fingers crossed|ready and waiting|keen to|keen on"),
        (Anticipation, 0.5, "planning to|plan to|waiting for|in store for|what's next"),
        (Joy, 0.4, "can't wait|cannot wait|can hardly wait"),

        // Blockers: common phrases whose words would otherwise be read as emotion.
        (Block, 0, "angry birds|dirty dancing|surprise party|kinder surprise|sad film|sad movie|sad story|sad song|sad book|sad ending|trust me|i'd love|would love|we'd love|love to know|broke his promise|broke her promise|broke their promise|broke your promise|broken promise|lost all confidence|lost confidence|lost faith|lost all faith|lost my trust|lost all trust|lost trust|afraid i can't|afraid i cannot|afraid we can't|afraid not|afraid i won't be able|afraid i have to|afraid i need to|gross salary|gross amount|gross income|gross profit|gross margin|gross pay|gross weight|gross total|gross value|gross figure|good morning|good afternoon|good evening|good day|happy to help|happy birthday|happy new year|happy holidays|fair enough|no problem"),
    ];

    /// <summary>Emoji and their emotions: the strongest cue in a short chat line.</summary>
    private static readonly (byte Emotion, double Weight, int[] Runes)[] EmojiLists =
    [
        (Joy, 0.65, [0x1F600, 0x1F603, 0x1F604, 0x1F601, 0x1F60A, 0x1F642, 0x1F60D, 0x1F970, 0x1F618, 0x263A, 0x1F929, 0x1F389, 0x2764, 0x1F495, 0x1F496, 0x1F497, 0x1F44D, 0x1F973, 0x1F606, 0x1F602, 0x1F64C, 0x1F44F]),
        (Trust, 0.6, [0x1F91D]),
        (Anger, 0.75, [0x1F621, 0x1F92C, 0x1F620, 0x1F47F, 0x1F4A2]),
        (Sadness, 0.7, [0x1F622, 0x1F62D, 0x1F61E, 0x1F614, 0x2639, 0x1F641, 0x1F494, 0x1F625, 0x1F63F]),
        (Fear, 0.7, [0x1F631, 0x1F628, 0x1F630, 0x1F61F, 0x1F62C, 0x1F627]),
        (Surprise, 0.65, [0x1F62E, 0x1F632, 0x1F62F, 0x1F92F, 0x1F633]),
        (Disgust, 0.75, [0x1F922, 0x1F92E]),
        (Anticipation, 0.6, [0x1F91E, 0x23F3, 0x231B, 0x1F929, 0x1F440]),
    ];

    public static readonly FrozenDictionary<string, EmotionHit[]> Words = BuildWords();
    public static readonly FrozenDictionary<string, EmotionHit[]>.AlternateLookup<ReadOnlySpan<char>> WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Phrases indexed by their first word, longest first so "never let me down" beats "let down".</summary>
    public static readonly FrozenDictionary<string, EmotionPhrase[]> Phrases = BuildPhrases();
    public static readonly FrozenDictionary<string, EmotionPhrase[]>.AlternateLookup<ReadOnlySpan<char>> PhraseLookup = Phrases.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly FrozenDictionary<int, EmotionHit[]> Emoji = EmojiLists
        .SelectMany(list => list.Runes.Select(rune => (rune, hit: new EmotionHit(list.Emotion, list.Weight))))
        .GroupBy(x => x.rune)
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.hit).ToArray());

    /// <summary>Words that strengthen the emotion word after them ("extremely angry").</summary>
    public static readonly FrozenSet<string> Intensifiers = FrozenSet.ToFrozenSet(
        "very really so extremely absolutely totally utterly incredibly deeply super truly completely bitterly seriously highly beyond thoroughly awfully terribly hugely immensely genuinely sooo soo such most bloody damn properly insanely ridiculously beyond".Split(' '),
        StringComparer.Ordinal);

    /// <summary>Words that soften it ("a bit nervous").</summary>
    public static readonly FrozenSet<string> Dampeners = FrozenSet.ToFrozenSet(
        "bit little slightly somewhat mildly kinda fairly".Split(' '), StringComparer.Ordinal);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IntensifierLookup = Intensifiers.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DampenerLookup = Dampeners.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, EmotionHit[]> BuildWords()
    {
        var map = new Dictionary<string, List<EmotionHit>>(StringComparer.Ordinal);
        foreach (var (emotion, weight, words) in WordLists)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!map.TryGetValue(word, out var hits))
                {
                    map[word] = hits = [];
                }

                if (!hits.Exists(h => h.Emotion == emotion))
                {
                    hits.Add(new EmotionHit(emotion, weight));
                }
            }
        }

        return map.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, EmotionPhrase[]> BuildPhrases()
    {
        var byText = new Dictionary<string, List<EmotionHit>>(StringComparer.Ordinal);
        foreach (var (emotion, weight, phrases) in PhraseLists)
        {
            foreach (var phrase in phrases.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!byText.TryGetValue(phrase, out var hits))
                {
                    byText[phrase] = hits = [];
                }

                if (emotion != Block)
                {
                    hits.Add(new EmotionHit(emotion, weight));
                }
            }
        }

        return byText
            .Select(p => new EmotionPhrase(p.Key.Split(' '), [.. p.Value]))
            .GroupBy(p => p.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToArray(), StringComparer.Ordinal);
    }
}
