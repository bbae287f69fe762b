using Touchpoint.Core.Text.Topics;

namespace Touchpoint.Tests.TextAnalysis.Topics;

public sealed class IntentClassifierTests
{
    // Labelled sentences written by the project for these tests.
    private static readonly (string Text, string Label)[] Training =
    [
        ("My parcel has not arrived yet", "delivery"),
        ("Where is my order, it was due last week", "delivery"),
        ("The courier never delivered the package", "delivery"),
        ("Delivery is three days late", "delivery"),
        ("Can you tell me when my shipment will arrive", "delivery"),
        ("The tracking page shows no movement on my parcel", "delivery"),
        ("Still waiting for the delivery driver", "delivery"),
        ("My order is stuck in transit", "delivery"),
        ("I want my money back for the broken lamp", "refund"),
        ("When will the refund reach my card", "refund"),
        ("Please refund the order I cancelled", "refund"),
        ("I returned the shoes but was not reimbursed", "refund"),
        ("The refund has not shown up on my statement", "refund"),
        ("How long does a refund take", "refund"),
        ("I was promised my money back two weeks ago", "refund"),
        ("Refund me for the missing item please", "refund"),
        ("I cannot log in to my account", "login"),
        ("The password reset email never comes", "login"),
        ("My account is locked after three attempts", "login"),
        ("The app says my password is wrong", "login"),
        ("I can't sign in on the website", "login"),
        ("The verification code does not work when I log in", "login"),
        ("Login fails with an error every time", "login"),
        ("How do I change my password", "login"),
    ];

    private static readonly IntentClassifier Model = IntentClassifier.Train(Training, new IntentTrainingOptions { MinDocumentFrequency = 1 });

    [Theory]
    [InlineData("my parcel is late and the courier has not come", "delivery")]
    [InlineData("I would like a refund to my card", "refund")]
    [InlineData("cannot sign in, the password is rejected", "login")]
    [InlineData("REFUNDS!!! where is my money", "refund")]
    [InlineData("the deliveries keep arriving late", "delivery")]
    public void Predict_UnseenSentence_ReturnsItsClass(string text, string expected)
    {
        var prediction = Model.Predict(text);

        Assert.Equal(expected, prediction.Label);
        Assert.InRange(prediction.Confidence, 1.0 / 3, 1.0);
    }

    [Fact]
    public void TopK_Always_ReturnsLabelsBestFirstWithConfidencesSummingToAtMostOne()
    {
        var top = Model.TopK("refund for a parcel that never arrived", 3);

        Assert.Equal(3, top.Count);
        Assert.Equal(new[] { "delivery", "login", "refund" }, top.Select(p => p.Label).Order());
        Assert.True(top[0].Confidence >= top[1].Confidence && top[1].Confidence >= top[2].Confidence);
        Assert.InRange(top.Sum(p => p.Confidence), 0.999, 1.001);
    }

    [Fact]
    public void WithConfidenceScale_Higher_RaisesConfidenceButKeepsTheLabel()
    {
        const string text = "refund for a parcel that never arrived";

        var sharper = Model.WithConfidenceScale(Model.Options.ConfidenceScale * 3);

        Assert.Equal(Model.Predict(text).Label, sharper.Predict(text).Label);
        Assert.True(sharper.Predict(text).Confidence > Model.Predict(text).Confidence);
        Assert.Equal(Model.Options.ConfidenceScale, Model.WithConfidenceScale(double.NaN).Options.ConfidenceScale);
    }

    [Fact]
    public void SaveLoad_RoundTrip_PredictsIdenticallyAndWritesTheSameBytes()
    {
        var bytes = Model.ToBytes();

        var loaded = IntentClassifier.Load(bytes);

        Assert.Equal(bytes, loaded.ToBytes());
        Assert.Equal(Model.Labels, loaded.Labels);
        Assert.Equal(Model.Options, loaded.Options);
        foreach (var text in Training.Select(t => t.Text).Append("something else entirely").Append("refnud my monye"))
        {
            Assert.Equal(Model.TopK(text, 3), loaded.TopK(text, 3));
        }
    }

    [Fact]
    public void SaveLoad_ThroughAStream_RoundTrips()
    {
        using var stream = new MemoryStream();
        Model.Save(stream);
        stream.Position = 0;

        var loaded = IntentClassifier.Load(stream);

        Assert.Equal(Model.Predict("where is my parcel"), loaded.Predict("where is my parcel"));
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesTheSameModel()
    {
        var again = IntentClassifier.Train(Training, new IntentTrainingOptions { MinDocumentFrequency = 1, MaxDegreeOfParallelism = 1 });

        Assert.Equal(Model.ToBytes(), again.ToBytes());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😡😡😡")]
    [InlineData("配達が遅い")]
    [InlineData("!!! ???")]
    public void Predict_NothingTheModelKnows_ReturnsUnknownWithZeroConfidence(string text)
    {
        var prediction = Model.Predict(text);

        Assert.Equal(IntentPrediction.Unknown, prediction);
        Assert.Equal(IntentClassifier.UnknownLabel, prediction.Label);
        Assert.Equal(0, prediction.Confidence);
        Assert.Empty(Model.TopK(text, 5));
    }

    [Theory]
    [MemberData(nameof(BadTexts.All), MemberType = typeof(BadTexts))]
    public void Predict_BadInput_NeverThrows(string name, string? text)
    {
        var prediction = Model.Predict(text);
        var top = Model.TopK(text, 2);

        Assert.False(string.IsNullOrEmpty(prediction.Label), name);
        Assert.InRange(prediction.Confidence, 0, 1);
        Assert.True(top.Count <= 2, name);
    }

    [Theory]
    [MemberData(nameof(BadTexts.All), MemberType = typeof(BadTexts))]
    public void Train_BadInputAmongExamples_NeverThrows(string name, string? text)
    {
        var model = IntentClassifier.Train(Training.Append((text!, "noise")), new IntentTrainingOptions { MinDocumentFrequency = 1 });

        Assert.Contains("refund", model.Labels);
        Assert.Equal("refund", model.Predict("please refund my order").Label);
        Assert.NotNull(name);
    }

    [Fact]
    public void Train_NoExamples_PredictsUnknown()
    {
        var model = IntentClassifier.Train([]);

        Assert.Empty(model.Labels);
        Assert.Equal(IntentPrediction.Unknown, model.Predict("where is my parcel"));
        Assert.Equal(IntentPrediction.Unknown, IntentClassifier.Load(model.ToBytes()).Predict("where is my parcel"));
    }

    [Fact]
    public void Train_OneLabel_PredictsItWithFullConfidence()
    {
        var model = IntentClassifier.Train([("my parcel is late", "delivery"), ("the parcel never came", "delivery")], new IntentTrainingOptions { MinDocumentFrequency = 1 });

        Assert.Equal(new IntentPrediction("delivery", 1), model.Predict("parcel"));
    }

    [Fact]
    public void Train_BlankLabels_AreSkipped()
    {
        var model = IntentClassifier.Train(Training.Append(("untagged comment", " ")), new IntentTrainingOptions { MinDocumentFrequency = 1 });

        Assert.Equal(new[] { "delivery", "login", "refund" }, model.Labels);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(new byte[] { (byte)'T', (byte)'P', (byte)'I', (byte)'C', 1, 0, 0 })]
    public void Load_NotAModel_ThrowsInvalidData(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => IntentClassifier.Load(bytes));
    }

    [Fact]
    public void Load_TruncatedModel_ThrowsInvalidData()
    {
        var bytes = Model.ToBytes();

        Assert.Throws<InvalidDataException>(() => IntentClassifier.Load(bytes[..(bytes.Length / 2)]));
    }
}
