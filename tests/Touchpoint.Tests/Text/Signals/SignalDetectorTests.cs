using Touchpoint.Core.Text.Signals;
using Touchpoint.Tests.TextAnalysis.Emotions;

namespace Touchpoint.Tests.TextAnalysis.Signals;

public sealed class SignalDetectorTests
{
    [Theory]
    [InlineData("Please cancel my account", SignalKinds.Churn, "cancel my account")]
    [InlineData("I'm switching to Vodafone", SignalKinds.Churn, "switching to Vodafone")]
    [InlineData("You lost a customer today", SignalKinds.Churn, "lost a customer")]
    [InlineData("This is the last time I order from you", SignalKinds.Churn, "last time I order")]
    [InlineData("I had to call three times before anyone helped", SignalKinds.Effort, "had to call three times")]
    [InlineData("I was transferred four times", SignalKinds.Effort, "transferred four times")]
    [InlineData("Nobody could help me", SignalKinds.Effort, "Nobody could help")]
    [InlineData("Still not resolved after a month", SignalKinds.Effort, "Still not resolved")]
    [InlineData("I need this fixed ASAP", SignalKinds.Urgency, "ASAP")]
    [InlineData("It has to arrive before Friday", SignalKinds.Urgency, "before Friday")]
    [InlineData("This is an emergency, the boiler is leaking", SignalKinds.Urgency, "emergency")]
    public void Detect_SignalPhrase_ReturnsKindWithMatchedSpan(string text, string kind, string evidence)
    {
        var signal = Assert.Single(SignalDetector.Detect(text), s => s.Kind == kind);

        Assert.Equal(evidence, signal.Evidence);
        Assert.InRange(signal.Confidence, 0.5, 1.0);
    }

    [Theory]
    [InlineData("I would never cancel, I love this service")]
    [InlineData("No need to cancel my subscription, you fixed it")]
    [InlineData("I almost cancelled my account but you fixed it")]
    [InlineData("I was going to switch to Sky but the agent convinced me to stay")]
    [InlineData("Cancel culture is everywhere")]
    [InlineData("The call took a minute and it was sorted")]
    [InlineData("Not urgent, whenever you have time")]
    [InlineData("Anna from my book club recommended you")]
    [InlineData("My friend Tom said your app is great")]
    [InlineData("The emergency plumber you sent was brilliant")]
    public void Detect_HardNegative_FindsNoSignal(string text)
    {
        var signals = SignalDetector.Detect(text);

        Assert.DoesNotContain(signals, s => s.Kind is SignalKinds.Churn or SignalKinds.Effort or SignalKinds.Urgency);
        Assert.DoesNotContain(signals, s => s.Employee is "Anna" or "Tom");
    }

    [Theory]
    [InlineData("Anna was fantastic, she solved everything", SignalKinds.PraiseEmployee, "Anna")]
    [InlineData("The agent, Tom, was rude", SignalKinds.ComplaintEmployee, "Tom")]
    [InlineData("Huge thanks to Priya in billing", SignalKinds.PraiseEmployee, "Priya")]
    [InlineData("Your customer service rep Jake was great", SignalKinds.PraiseEmployee, "Jake")]
    [InlineData("Complaint about Steve: he swore at me", SignalKinds.ComplaintEmployee, "Steve")]
    [InlineData("Your rep hung up on me", SignalKinds.ComplaintEmployee, null)]
    [InlineData("The lady on the phone was so kind", SignalKinds.PraiseEmployee, null)]
    [InlineData("The engineer didn't turn up", SignalKinds.ComplaintEmployee, null)]
    public void Detect_PersonOnTheTeam_ReturnsPraiseOrComplaintWithName(string text, string kind, string? employee)
    {
        var signal = Assert.Single(SignalDetector.Detect(text), s => s.Kind == kind);

        Assert.Equal(employee, signal.Employee);
        Assert.Contains(signal.Evidence, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_SeveralSignals_ReturnsEachOnce()
    {
        var signals = SignalDetector.Detect("I had to call five times and nobody could help. Cancel my subscription today, it's urgent!");

        Assert.Equal([SignalKinds.Churn, SignalKinds.Effort, SignalKinds.Urgency], signals.Select(s => s.Kind).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Quiero cancelar mi cuenta, es urgente")]
    [InlineData("Je veux résilier mon abonnement, c'est urgent")]
    [InlineData("Ich will mein Konto kündigen, sehr dringend")]
    [InlineData("Отмените мою подписку срочно")]
    [InlineData("请马上取消我的账户")]
    public void Detect_OtherLanguage_ReturnsNothing(string text)
    {
        Assert.Empty(SignalDetector.Detect(text));
    }

    [Theory]
    [MemberData(nameof(BadInput.Texts), MemberType = typeof(BadInput))]
    public void Detect_BadInput_NeverThrows(string? text)
    {
        var signals = SignalDetector.Detect(text!);

        Assert.All(signals, s => Assert.Contains(s.Kind, SignalKinds.All));
    }

    [Fact]
    public void Detect_ManyThreadsAtOnce_SameResultsAsOneThread()
    {
        var texts = new[] { "Cancel my account", "Had to call three times", "Urgent please", "Anna was great", "Nothing to see" };
        var expected = texts.Select(t => string.Join(',', SignalDetector.Detect(t))).ToArray();
        var results = new string[2000];

        Parallel.For(0, results.Length, i => results[i] = string.Join(',', SignalDetector.Detect(texts[i % texts.Length])));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % texts.Length], results[i]));
    }
}
