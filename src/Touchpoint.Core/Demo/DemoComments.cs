namespace Touchpoint.Core.Demo;

/// <summary>Comments of the kind customers write, by how the experience went.</summary>
internal static class DemoComments
{
    public static readonly string[] Positive =
    [
        "Delivery was faster than promised and the packaging was great.",
        "The agent on chat solved my problem in two minutes. Impressive!",
        "Love the new app, checkout is so easy now.",
        "Friendly staff in the store, they really took their time with me.",
        "Great quality for the price, I already recommended you to my sister.",
        "Returns were painless, refund arrived the next day.",
        "Support remembered my previous issue, I did not have to repeat myself.",
        "Everything just worked. Thank you!",
    ];

    public static readonly string[] Neutral =
    [
        "It was fine, nothing special.",
        "Good product but delivery took a bit long.",
        "The website is ok, search could be better.",
        "Prices went up a bit lately.",
        "Decent service, the app crashes now and then.",
    ];

    public static readonly string[] Negative =
    [
        "I waited 40 minutes on the phone before anyone answered.",
        "My order arrived damaged and nobody replied to my email.",
        "Checkout kept failing with my credit card, very frustrating.",
        "I was charged twice and it took three calls to fix it.",
        "The chat bot sent me in circles, I want to talk to a human.",
        "Delivery was late again. Thinking about cancelling my subscription.",
        "Rude staff at the store and the product was out of stock.",
        "Too hard to find how to return an item on the website.",
    ];
}
