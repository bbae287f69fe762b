using System.Collections.Frozen;

namespace Touchpoint.Core.Text;

/// <summary>
/// Very common function words per language, for the cheap language check. The project wrote these lists;
/// words that are also common English words ("a", "in", "is", "die", "do", "no", "so") are left out of the
/// other languages so English text never counts as foreign.
/// </summary>
internal static class TextInputStopWords
{
    public static readonly FrozenSet<string> English = Set(
        "a an the and or but if then so because as of at by for from in into on onto to with without about above after again against all am are " +
        "aren't be been being before below between both can can't cannot could couldn't did didn't do does doesn't doing don't down during each " +
        "few further had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm i've i'll i'd is isn't it it's its itself " +
        "just let's me more most my myself no nor not now off once only other our ours ourselves out over own same she should shouldn't some such " +
        "than that that's their theirs them themselves there these they this those through too under until up very was wasn't we were weren't what " +
        "when where which while who whom why will won't would wouldn't you you're your yours yourself yourselves im dont cant wont thanks thank " +
        "please yes yeah ok okay get got getting go going went make made still ever never always really much many one two three day days time " +
        "order service customer support help call called email back like love good great bad new want need know think lol omg u ur");

    public static readonly FrozenSet<string> Spanish = Set(
        "el la los las del que en un una es por para con lo le se su sus muy pero como está están esta este esto fue ser gracias " +
        "también todo todos nada pedido servicio cuando donde porque tiene tengo más menos bien mal hace nos usted ustedes ella ellos " +
        "sobre entre hasta desde nunca siempre aún todavía");

    public static readonly FrozenSet<string> French = Set(
        "le la les des et un une est pas je il elle nous vous que qui dans sur avec ce cette très mais merci du au aux sont été mes " +
        "ne tout tous rien commande service quand où parce c'est j'ai n'est ai avons avez ont être avoir fait bien mal encore jamais toujours " +
        "leur leurs notre votre sans aussi comme");

    public static readonly FrozenSet<string> German = Set(
        "der das und ist nicht ein eine einen ich sie es wir ihr mit von zu dem des auf für sehr aber danke mein meine auch noch wie " +
        "sind habe haben wird wurde kein keine nichts bestellung immer nie schon mehr oder wenn weil dass bei nach aus schlecht über");

    public static readonly FrozenSet<string> Italian = Set(
        "il lo la gli le di che e un una è non con sono molto ma grazie mio mia anche questo questa del della dei delle nel nella " +
        "ordine servizio sempre mai ancora tutto niente perché quando dove bene più essere stato fatto hanno abbiamo");

    public static readonly FrozenSet<string> Portuguese = Set(
        "o os de que e uma é não para muito mas obrigado obrigada meu minha também foi está isso esse essa da dos das na nos " +
        "pedido serviço sempre nunca ainda tudo nada porque quando onde como bem mal mais ser estou tenho temos você vocês eles elas");

    public static readonly FrozenSet<string> Dutch = Set(
        "de het een en niet ik je jij met voor maar dank mijn ook zijn dat deze wij zij hij wordt werd geen niets altijd nooit nog " +
        "bestelling heb hebben goed slecht meer veel naar bij uit omdat wanneer waar");

    public static readonly (string Code, FrozenSet<string> Words)[] Others =
    [
        ("es", Spanish), ("fr", French), ("de", German), ("it", Italian), ("pt", Portuguese), ("nl", Dutch),
    ];

    private static FrozenSet<string> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
