namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// The starting taxonomy of a new workspace: the themes customer-experience comments keep coming back to.
/// The project wrote these topics and keywords itself (no outside list); a workspace edits them to its
/// own products and words. Wildcards (*) take the usual endings, so "deliver*" covers delivered and delivery.
/// </summary>
public static class DefaultTaxonomy
{
    public static TopicTaxonomy CustomerExperience { get; } = new(
    [
        new TopicDefinition("Delivery")
        {
            Keywords = ["deliver*", "shipping", "shipment*", "shipped", "courier*", "parcel*", "package*", "dispatch*", "postage"],
            Exclusions = ["delivery address form"],
            Children =
            [
                new TopicDefinition("Late delivery")
                {
                    Keywords = ["late delivery", "delivery was late", "arrived late", "still not arrived", "never arrived", "hasn't arrived", "has not arrived",
                        "delayed", "delay*", "took weeks", "days late", "weeks late", "hours late", "late arrival", "still waiting for my order", "where is my order", "where is my parcel"],
                },
                new TopicDefinition("Damaged or missing items")
                {
                    Keywords = ["arrived damaged", "damaged", "broken on arrival", "arrived broken", "crushed", "missing item*", "item* missing",
                        "wrong item*", "wrong size", "incomplete order", "parts missing"],
                },
                new TopicDefinition("Tracking")
                {
                    Keywords = ["tracking", "track my order", "track my parcel", "tracking number", "no updates on my order"],
                },
            ],
        },
        new TopicDefinition("Billing")
        {
            Keywords = ["bill*", "invoice*", "payment*", "charg*", "paid", "pay", "receipt*", "direct debit", "credit card", "statement*"],
            Children =
            [
                new TopicDefinition("Refunds")
                {
                    Keywords = ["refund*", "money back", "reimburs*", "credit note", "chargeback"],
                    Exclusions = ["refund policy page", "no refund needed"],
                },
                new TopicDefinition("Wrong or double charge")
                {
                    Keywords = ["charged twice", "double charged", "charged two times", "overcharged", "wrong amount", "unexpected charge*",
                        "hidden fee*", "charged again", "duplicate payment"],
                },
                new TopicDefinition("Subscription and cancellation")
                {
                    Keywords = ["subscription*", "cancel*", "renewal", "auto renew*", "membership", "unsubscribe"],
                },
            ],
        },
        new TopicDefinition("Returns and exchanges")
        {
            Keywords = ["return*", "exchange*", "send it back", "sent it back", "return label", "returns policy"],
            Exclusions = ["return customer", "returning customer", "in return"],
        },
        new TopicDefinition("Product quality")
        {
            Keywords = ["quality", "well made", "badly made", "poorly made", "cheaply made", "durable", "fell apart", "stopped working", "defect*",
                "faulty", "broke after", "flimsy", "sturdy", "material*", "stitching", "fits well", "does not fit", "doesn't fit"],
        },
        new TopicDefinition("Staff and service")
        {
            Keywords = ["staff", "employee*", "agent*", "assistant*", "advisor*", "representative*", "cashier*", "colleague*", "team member*", "service desk"],
            Children =
            [
                new TopicDefinition("Friendliness")
                {
                    Keywords = ["friendly", "unfriendly", "polite", "impolite", "rude", "rudely", "kind", "courteous", "helpful", "unhelpful", "attitude",
                        "smile*", "welcoming", "dismissive"],
                },
                new TopicDefinition("Knowledge")
                {
                    Keywords = ["knowledgeable", "knew what", "didn't know", "did not know", "no idea", "clueless", "expert*", "well informed", "misinformed",
                        "wrong information", "conflicting information"],
                },
            ],
        },
        new TopicDefinition("Customer support")
        {
            Keywords = ["customer service", "customer support", "support team", "help desk", "helpdesk", "hotline", "call centre", "call center",
                "support ticket", "live chat", "chatbot", "called", "phoned", "emailed"],
            Children =
            [
                new TopicDefinition("Resolution")
                {
                    Keywords = ["resolved", "unresolved", "not resolved", "solved", "fixed", "no solution", "no one could help", "nobody could help",
                        "still not fixed", "escalat*", "follow up", "followed up", "no response", "never heard back", "no reply"],
                },
            ],
        },
        new TopicDefinition("Wait times")
        {
            Keywords = ["wait*", "queue*", "on hold", "hold music", "took ages", "took forever", "hours on the phone", "long time", "slow response",
                "response time", "minutes on hold", "hours to", "days to reply"],
            Exclusions = ["no waiting", "didn't have to wait", "did not have to wait", "without waiting", "can't wait", "cannot wait"],
        },
        new TopicDefinition("Website and app")
        {
            Keywords = ["website", "web site", "site", "app", "mobile app", "online", "webpage", "web page", "portal", "checkout", "check out online"],
            Children =
            [
                new TopicDefinition("Login and account")
                {
                    Keywords = ["log in", "login", "logged out", "sign in", "signin", "password*", "account locked", "two factor", "verification code",
                        "reset my password"],
                },
                new TopicDefinition("Bugs and errors")
                {
                    Keywords = ["error*", "bug*", "crash*", "froze", "freez*", "glitch*", "not loading", "won't load", "doesn't load", "keeps crashing",
                        "page broken", "blank screen", "timed out"],
                },
                new TopicDefinition("Ease of use")
                {
                    Keywords = ["easy to use", "hard to use", "confusing", "intuitive", "user friendly", "navigat*", "hard to find", "easy to find",
                        "too many steps", "clunky"],
                },
            ],
        },
        new TopicDefinition("Price and value")
        {
            Keywords = ["price*", "pricing", "expensive", "overpriced", "cheap", "cheaper", "afford*", "value for money", "good value", "poor value",
                "worth the money", "not worth", "cost*", "discount*", "promo code", "coupon*", "voucher*", "sale"],
            Exclusions = ["cheaply made"],
        },
        new TopicDefinition("Store experience")
        {
            Keywords = ["store", "shop floor", "in store", "branch", "showroom", "fitting room*", "changing room*", "till*", "checkout queue",
                "parking", "opening hours", "clean", "dirty", "stock", "out of stock", "shelves"],
            Exclusions = ["app store", "online store", "store credit"],
        },
        new TopicDefinition("Communication")
        {
            Keywords = ["email*", "newsletter*", "notification*", "text message*", "sms", "spam", "kept informed", "not informed", "no update*",
                "communicat*", "contacted me", "letter*"],
        },
    ]);
}
