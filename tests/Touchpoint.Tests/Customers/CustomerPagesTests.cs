using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Customers;

/// <summary>The Customers list and the 360 profile page, as a signed-in member uses them.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerPagesTests(AppFixture fixture)
{
    private const string HostileName = "<script>alert('x')</script> Eve";

    private static async Task<Guid> ArrangeAsync(TestWorkspace workspace)
    {
        using var client = workspace.Client();
        var id = (await client.CreateCustomerAsync(new
        {
            externalId = "eve-1",
            name = HostileName,
            email = "eve@example.com",
            traits = new
            {
                age = 34,
                plan = "pro",
                favouriteColour = "teal",
                interests = new[] { "hiking", "yoga" },
                home = new { latitude = 52.37, longitude = 4.89 },
            },
            latitude = 52.37,
            longitude = 4.89,
            city = "Amsterdam",
            country = "NL",
        })).GetGuid("id");
        await workspace.InWorkspaceAsync(async services =>
        {
            var db = services.GetRequiredService<TouchpointDbContext>();
            db.TraitDefinitions.AddRange(
                new TraitDefinition { Key = "age", Label = "Age", Category = TraitCategory.Demographic, Type = TraitType.Number },
                new TraitDefinition { Key = "plan", Label = "Plan", Category = TraitCategory.Behavioral, Type = TraitType.Text },
                new TraitDefinition { Key = "interests", Label = "Interests", Category = TraitCategory.Psychographic, Type = TraitType.List },
                new TraitDefinition { Key = "home", Label = "Home", Category = TraitCategory.Geographic, Type = TraitType.Coordinates });
            await db.SaveChangesAsync();
        });
        return id;
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task CustomersPage_Search_ListsTheCustomerWithTheirNameAsText(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var id = await ArrangeAsync(workspace);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync("/customers?q=EVE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"/customers/{id}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains(HostileName, PageSession.Text(html), StringComparison.Ordinal);
        var (_, none) = await session.GetAsync("/customers?q=nobody-here");
        Assert.Contains("No customers match", none, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ProfilePage_ShowsTraitsByCatalogueCategoryAndAMapPlace(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var id = await ArrangeAsync(workspace);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (response, html) = await session.GetAsync($"/customers/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PageSession.Text(html);
        Assert.Contains("Demographic Age 34", text, StringComparison.Ordinal);
        Assert.Contains("Psychographic Interests hiking, yoga", text, StringComparison.Ordinal);
        Assert.Contains("Behavioural Plan pro", text, StringComparison.Ordinal);
        Assert.Contains("Other favouriteColour teal", text, StringComparison.Ordinal);
        Assert.Contains("Geographic Home 52.37, 4.89", text, StringComparison.Ordinal);
        Assert.Contains("Amsterdam, NL", text, StringComparison.Ordinal);
        Assert.Contains("data-latitude=\"52.37\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var (missing, _) = await session.GetAsync($"/customers/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ProfilePage_Timeline_ShowsTheCustomersChatEncodedWithALinkToTheInbox(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var id = await ArrangeAsync(workspace);
        var conversationId = await Conversations.ConversationData.CreateAsync(workspace);
        await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.CustomerId, id)));
        await workspace.InWorkspaceAsync(s => s.GetRequiredService<ConversationLog>().AppendAsync(conversationId,
            new ConversationLog.NewMessage(MessageAuthor.Customer, "<img src=x onerror=alert(1)> where is my parcel?")));
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/customers/{id}");

        Assert.Contains("Chat: <img src=x onerror=alert(1)> where is my parcel?", PageSession.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains($"/inbox?view=open&amp;id={conversationId}", html, StringComparison.Ordinal);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ProfilePage_LifecycleForm_SetsTheStageByHandAndHandsItBack(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var id = await ArrangeAsync(workspace);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(workspace.Owner.Email!, TestWorkspace.Password);
        using var api = workspace.Client();

        var (set, _) = await session.SubmitAsync($"/customers/{id}", PageSession.Form(("stage", "advocacy")), $"/customers/{id}?handler=Lifecycle");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var manual = await api.GetJsonAsync($"/api/v1/customers/{id}");
        Assert.Equal("advocacy", manual.GetString("lifecycleStage"));
        Assert.True(manual.GetProperty("lifecycleSetManually").GetBoolean());
        var (_, page) = await session.GetAsync($"/customers/{id}");
        Assert.Contains("Advocacy (set by hand)", PageSession.Text(page), StringComparison.Ordinal);

        await session.SubmitAsync($"/customers/{id}", PageSession.Form(("stage", "")), $"/customers/{id}?handler=Lifecycle");
        Assert.False((await api.GetJsonAsync($"/api/v1/customers/{id}")).GetProperty("lifecycleSetManually").GetBoolean());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task ProfilePage_ForAnAgent_ShowsNoLifecycleFormAndRefusesThePost(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var id = await ArrangeAsync(workspace);
        var agent = await workspace.AddMemberAsync(WorkspaceRole.Agent);
        using var session = new PageSession(workspace.App);
        await session.SignInAsync(agent.Email!, TestWorkspace.Password);

        var (_, html) = await session.GetAsync($"/customers/{id}");
        Assert.DoesNotContain("Save stage", html, StringComparison.Ordinal);
        var token = PageSession.AntiforgeryToken(html)!;
        var (refused, _) = await session.PostAsync($"/customers/{id}?handler=Lifecycle",
            PageSession.Form(("stage", "advocacy"), ("__RequestVerificationToken", token)));

        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/denied", StringComparison.Ordinal) == true,
            $"Expected the post to be refused, got {(int)refused.StatusCode} to {refused.Headers.Location}.");
        using var api = workspace.Client();
        Assert.False((await api.GetJsonAsync($"/api/v1/customers/{id}")).GetProperty("lifecycleSetManually").GetBoolean());
    }
}
