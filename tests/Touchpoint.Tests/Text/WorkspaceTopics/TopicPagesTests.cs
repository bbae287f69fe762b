using System.Net;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.TextAnalysis.WorkspaceTopics;

/// <summary>Settings > Topics and the Text page through their forms, without JavaScript.</summary>
[Collection(AppCollection.Name)]
public sealed class TopicPagesTests(AppFixture fixture)
{
    [Theory, OnSqlite, OnPostgres]
    public async Task TopicsPage_AddEditMoveDeleteAndTryASentence(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, builtIn) = await session.GetAsync("/settings/topics");
        var (added, _) = await session.SubmitAsync("/settings/topics", PageSession.Form(("Name", "Parking"), ("Parent", ""),
            ("Keywords", "parking\r\ncar park*"), ("Exclusions", "parking was easy"), ("MinimumCount", "1")), "/settings/topics?handler=Save");
        var (bad, badHtml) = await session.SubmitAsync("/settings/topics", PageSession.Form(("Name", "Broken"), ("Parent", ""),
            ("Keywords", "re*und"), ("MinimumCount", "1")), "/settings/topics?handler=Save");
        var (_, tried) = await session.GetAsync("/settings/topics?try=" + Uri.EscapeDataString("The car park was full <b>again</b>"));

        Assert.Contains("built-in customer-experience taxonomy", PageSession.Text(builtIn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Broken, keyword 1", PageSession.Text(badHtml), StringComparison.Ordinal);
        Assert.Contains("a * goes only at the end of a word", PageSession.Text(badHtml), StringComparison.Ordinal);
        Assert.Contains("<strong>Parking</strong>: 1 mention", tried, StringComparison.Ordinal);
        Assert.Contains("car park", PageSession.Text(tried), StringComparison.Ordinal);
        Assert.Contains("value=\"The car park was full &lt;b&gt;again&lt;/b&gt;\"", tried, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>again</b>", tried, StringComparison.Ordinal);
        var topics = await workspace.QueryAsync(db => db.TaxonomyTopics.ToListAsync());
        var parking = Assert.Single(topics, t => t.Name == "Parking");
        Assert.Null(parking.ParentId);
        Assert.Equal("parking\ncar park*", parking.Keywords);
        Assert.Contains(topics, t => t.Name == "Delivery");

        // Move Parking under Delivery (the first topic), renamed; then delete it.
        var position = topics.Where(t => t.ParentId == null).OrderBy(t => t.SortOrder).Select(t => t.Name).ToList().IndexOf("Parking").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (moved, _) = await session.SubmitAsync($"/settings/topics?edit={position}", PageSession.Form(("Position", position), ("Name", "Depot parking"), ("Parent", "0"),
            ("Keywords", "parking"), ("Exclusions", ""), ("MinimumCount", "2")), "/settings/topics?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var delivery = await workspace.QueryAsync(db => db.TaxonomyTopics.SingleAsync(t => t.Name == "Delivery" && t.ParentId == null));
        var depot = await workspace.QueryAsync(db => db.TaxonomyTopics.SingleAsync(t => t.Name == "Depot parking"));
        Assert.Equal(delivery.Id, depot.ParentId);
        Assert.Equal(2, depot.MinimumCount);
        Assert.Equal(2, await workspace.QueryAsync(db => db.TextSettings.Select(s => s.TaxonomyVersion).SingleAsync()));

        var (_, page) = await session.GetAsync("/settings/topics");
        var depotPosition = System.Text.RegularExpressions.Regex.Match(page, "edit=([0-9.]+)#topic-form\" aria-label=\"Edit Delivery &gt; Depot parking\"").Groups[1].Value;
        var (deleted, _) = await session.SubmitAsync("/settings/topics", [], $"/settings/topics?handler=Delete&position={depotPosition}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await workspace.QueryAsync(db => db.TaxonomyTopics.AnyAsync(t => t.Name == "Depot parking")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TextPage_ListsEncodedTexts_FiltersAndLetsAPersonLabel(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var other = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        var angry = await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "<script>alert(1)</script> My refund never came, awful service.");
        await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "Lovely staff, great visit!");
        var otherSurvey = (await other.Client().CreateSurveyAsync()).GetGuid("id");
        await AnalyzedTexts.AddCommentAsync(other, otherSurvey, "Another workspace's secret comment");
        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, all) = await session.GetAsync("/text");
        var (_, negative) = await session.GetAsync("/text?sentiment=negative");
        var (labelled, _) = await session.SubmitAsync("/text", PageSession.Form(("topic", "Refund chasing")), $"/text?handler=Label&id={angry}");
        var (_, byLabel) = await session.GetAsync("/text?topic=" + Uri.EscapeDataString("Refund chasing"));
        var (foreign, _) = await session.SubmitAsync("/text", PageSession.Form(("topic", "X")),
            $"/text?handler=Label&id={await other.QueryAsync(db => db.AnalyzedTexts.Select(t => t.Id).SingleAsync())}");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; My refund never came", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", all, StringComparison.Ordinal);
        Assert.Contains("Lovely staff", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Another workspace", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovely staff", negative, StringComparison.Ordinal);
        Assert.Contains("My refund never came", negative, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, labelled.StatusCode);
        Assert.Contains("Refund chasing (by a person)", PageSession.Text(byLabel), StringComparison.Ordinal);
        Assert.DoesNotContain("Lovely staff", byLabel, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var label = await workspace.QueryAsync(db => db.TextLabels.SingleAsync(l => l.Origin == LabelOrigin.Person));
        Assert.Equal(workspace.Owner.Id, label.CreatedBy);
        Assert.Equal(0, await other.QueryAsync(db => db.TextLabels.CountAsync(l => l.Origin == LabelOrigin.Person)));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TextPage_EmergingThemes_ShowsThisWeeksNewPhraseAndFiltersByIt(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        using var client = workspace.Client();
        var surveyId = (await client.CreateSurveyAsync()).GetGuid("id");
        var now = DateTime.UtcNow;
        foreach (var day in new[] { 10, 15, 20, 25 })
        {
            await AnalyzedTexts.AddCommentAsync(workspace, surveyId, "The checkout page was fine and the staff were kind.", now.AddDays(-day));
        }

        foreach (var (text, hours) in new[] { ("Broken coupon code at checkout <i>again</i>", 2), ("My broken coupon code was refused", 20), ("Broken coupon code, please fix", 30) })
        {
            await AnalyzedTexts.AddCommentAsync(workspace, surveyId, text, now.AddHours(-hours));
        }

        using var session = new PageSession(app);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, page) = await session.GetAsync("/text");
        var themes = System.Text.RegularExpressions.Regex.Match(page, "<ol data-testid=\"themes\">(.*?)</ol>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var (_, filtered) = await session.GetAsync("/text?phrase=" + Uri.EscapeDataString("broken coupon code"));

        Assert.Contains("broken coupon code", themes, StringComparison.Ordinal);
        Assert.Contains("3 this week, 0 in the 4 weeks before", themes, StringComparison.Ordinal);
        Assert.Contains("href=\"/text?phrase=broken%20coupon%20code\"", themes, StringComparison.Ordinal);
        Assert.Contains("Broken coupon code at checkout &lt;i&gt;again&lt;/i&gt;", filtered, StringComparison.Ordinal);
        Assert.Contains("please fix", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("staff were kind", filtered, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task TextPage_AnAgent_ReadsTextsButCannotLabelOrTrain(DatabaseProvider provider)
    {
        var app = fixture.App(provider);
        var workspace = await TestWorkspace.CreateAsync(app);
        var agent = await workspace.AddMemberAsync(Core.Platform.WorkspaceRole.Agent);
        using var client = workspace.Client();
        var id = await AnalyzedTexts.AddCommentAsync(workspace, (await client.CreateSurveyAsync()).GetGuid("id"), "The app keeps crashing at login.");
        using var session = new PageSession(app);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (_, page) = await session.GetAsync("/text");
        var (label, _) = await session.SubmitAsync("/text", PageSession.Form(("topic", "Login")), $"/text?handler=Label&id={id}");
        var (train, _) = await session.SubmitAsync("/text", [], "/text?handler=Train");

        Assert.Contains("The app keeps crashing at login.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Add label", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Train classifier", page, StringComparison.Ordinal);
        Assert.Contains("/denied", label.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/denied", train.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await workspace.QueryAsync(db => db.TextLabels.CountAsync(l => l.Origin == LabelOrigin.Person)));
    }
}
