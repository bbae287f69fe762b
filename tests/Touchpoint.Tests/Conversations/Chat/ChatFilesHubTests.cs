using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;
using AfterChatData = Touchpoint.Tests.Conversations.AfterChat.ChatData;

namespace Touchpoint.Tests.Conversations.Chat;

/// <summary>
/// Files over the hub, in SignalR's JSON protocol: uploaded first, then sent with <c>SendWithFiles</c>;
/// every message path carries them with URLs for its reader, and a note's files never reach a visitor.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class ChatFilesHubTests(AppFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static async Task<Guid> UploadAsync(HttpClient client, string url, string name)
    {
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var content = new MultipartFormDataContent { { file, "file", name } };
        using var response = await client.PostAsync(url, content);
        return (await response.ExpectAsync(HttpStatusCode.Created)).GetGuid("id");
    }

    private static JsonElement OnlyFile(JsonElement message)
    {
        var files = message.GetProperty("attachments");
        Assert.Equal(1, files.GetArrayLength());
        return files[0];
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SendWithFiles_VisitorSendsAnUpload_EachSideGetsTheFileWithItsOwnUrl(DatabaseProvider provider)
    {
        var chat = await AfterChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        var app = chat.Workspace.App;
        using var visitorHttp = chat.Visitor();
        var fileId = await UploadAsync(visitorHttp, $"{chat.Widget}/attachments", "screen shot.png");
        await using var visitor = await HubTestClient.VisitorAsync(app, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(app, chat.Workspace.Owner.Email!);

        var ack = await visitor.InvokeAsync("SendWithFiles", chat.ConversationId, "c-1", "  ", new[] { fileId });
        var seq = ack.GetProperty("seq").GetInt64();
        var pushedToAgent = await agent.NextAsync("message", m => m.GetProperty("seq").GetInt64() == seq);
        var pushedToVisitor = await visitor.NextAsync("message", m => m.GetProperty("seq").GetInt64() == seq);
        var resend = await visitor.InvokeAsync("SendWithFiles", chat.ConversationId, "c-1", "  ", new[] { fileId });

        var visitorUrl = $"/chat/{chat.WidgetKey}/attachments/{fileId}";
        Assert.Equal("📎 screen shot.png", ack.GetProperty("body").GetString());
        Assert.Equal((fileId, "screen shot.png", "image/png", (long)Png.Length, visitorUrl), FileOf(OnlyFile(ack)));
        Assert.Equal(visitorUrl, OnlyFile(pushedToVisitor).GetProperty("url").GetString());
        Assert.Equal($"/conversations/attachments/{fileId}", OnlyFile(pushedToAgent).GetProperty("url").GetString());
        Assert.DoesNotContain(chat.VisitorToken, pushedToVisitor.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(ack.GetProperty("id").GetInt64(), resend.GetProperty("id").GetInt64());

        // Both URLs open the file for their reader: the visitor with their token, members with their session.
        using var anonymous = chat.Workspace.ClientWithKey(null);
        using var visitorDownload = await anonymous.GetAsync($"{visitorUrl}?visitor={Uri.EscapeDataString(chat.VisitorToken)}");
        var cookie = await HubTestClient.SignInCookieAsync(app, chat.Workspace.Owner.Email!, TestWorkspace.Password);
        using var memberRequest = new HttpRequestMessage(HttpMethod.Get, $"/conversations/attachments/{fileId}");
        memberRequest.Headers.Add("Cookie", cookie);
        using var memberDownload = await anonymous.SendAsync(memberRequest);
        Assert.Equal(Png, await visitorDownload.Content.ReadAsByteArrayAsync());
        Assert.Equal(Png, await memberDownload.Content.ReadAsByteArrayAsync());
        Assert.Equal(ack.GetProperty("id").GetInt64(), await chat.Workspace.QueryAsync(db => db.MessageAttachments
            .Where(a => a.Id == fileId).Select(a => a.MessageId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task SendWithFiles_ForeignSentOrUnknownFile_IsRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var chat = await AfterChatData.CreateAsync(workspace);
        var other = await AfterChatData.CreateAsync(workspace);
        using var visitorHttp = chat.Visitor();
        using var otherHttp = other.Visitor();
        var theirs = await UploadAsync(otherHttp, $"{other.Widget}/attachments", "theirs.png");
        var mine = await UploadAsync(visitorHttp, $"{chat.Widget}/attachments", "mine.png");
        await using var visitor = await HubTestClient.VisitorAsync(workspace.App, chat.ConversationId, chat.VisitorToken);
        await visitor.InvokeAsync("SendWithFiles", chat.ConversationId, "c-1", "Here it is", new[] { mine });

        var foreign = await visitor.FailsAsync("SendWithFiles", chat.ConversationId, "c-2", "Look", new[] { theirs });
        var mixed = await visitor.FailsAsync("SendWithFiles", chat.ConversationId, "c-3", "Look", new[] { mine, theirs });
        var again = await visitor.FailsAsync("SendWithFiles", chat.ConversationId, "c-4", "Again", new[] { mine });
        var unknown = await visitor.FailsAsync("SendWithFiles", chat.ConversationId, "c-5", "Guess", new[] { Guid.NewGuid() });
        var nothing = await visitor.FailsAsync("SendWithFiles", chat.ConversationId, "c-6", " ", Array.Empty<Guid>());
        var tooMany = await visitor.FailsAsync("SendWithFiles", chat.ConversationId, "c-7", "Many",
            Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToArray());

        Assert.All([foreign, mixed, again, unknown], e => Assert.Contains("uploaded to this conversation first and sent only once", e,
            StringComparison.Ordinal));
        Assert.Contains("needs some text or at least one file", nothing, StringComparison.Ordinal);
        Assert.Contains("at most 10 files", tooMany, StringComparison.Ordinal);
        Assert.Equal(1L, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId)
            .Select(c => c.LastSeq).SingleAsync()));
        Assert.Null(await workspace.QueryAsync(db => db.MessageAttachments.Where(a => a.Id == theirs).Select(a => a.MessageId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Since_ReturnsFiles_AndAVisitorNeverSeesANotesFile(DatabaseProvider provider)
    {
        var chat = await AfterChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        var app = chat.Workspace.App;
        using var api = chat.Workspace.Client();
        var reply = await UploadAsync(api, $"/api/v1/conversations/{chat.ConversationId}/attachments", "invoice.png");
        var internalCopy = await UploadAsync(api, $"/api/v1/conversations/{chat.ConversationId}/attachments", "internal.png");
        await using var visitor = await HubTestClient.VisitorAsync(app, chat.ConversationId, chat.VisitorToken);
        await using var agent = await HubTestClient.AgentAsync(app, chat.Workspace.Owner.Email!);

        await agent.InvokeAsync("SendWithFiles", chat.ConversationId, "a-1", "Your invoice", new[] { reply });
        var note = await chat.AppendAsync(MessageAuthor.Agent, "Internal copy", chat.Workspace.Owner.Id, isPrivate: true,
            attachments: [internalCopy]);
        await agent.NextAsync("message", m => m.GetProperty("seq").GetInt64() == note.Seq);
        await visitor.InvokeAsync("Send", chat.ConversationId, "c-1", "Thanks");
        await visitor.NextAsync("message", m => m.GetProperty("body").GetString() == "Thanks");

        var visitorSince = await visitor.InvokeAsync("Since", chat.ConversationId, 0);
        var agentSince = await agent.InvokeAsync("Since", chat.ConversationId, 0);

        Assert.Equal(["Your invoice", "Thanks"], visitorSince.EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal($"/chat/{chat.WidgetKey}/attachments/{reply}", OnlyFile(visitorSince[0]).GetProperty("url").GetString());
        Assert.Equal(0, visitorSince[1].GetProperty("attachments").GetArrayLength());
        Assert.DoesNotContain(internalCopy.ToString(), visitorSince.GetRawText(), StringComparison.Ordinal);
        Assert.All(visitor.Received("message"), m => Assert.DoesNotContain(internalCopy.ToString(), m.GetRawText(), StringComparison.Ordinal));
        var agentNote = agentSince.EnumerateArray().Single(m => m.GetProperty("private").GetBoolean());
        Assert.Equal($"/conversations/attachments/{internalCopy}", OnlyFile(agentNote).GetProperty("url").GetString());
        Assert.Equal($"/conversations/attachments/{reply}", OnlyFile(agentSince[0]).GetProperty("url").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task InboxPageCatchUp_ListsEachMessagesFilesWithTheMembersUrl(DatabaseProvider provider)
    {
        var chat = await AfterChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        using var visitorHttp = chat.Visitor();
        var fileId = await UploadAsync(visitorHttp, $"{chat.Widget}/attachments", "photo.png");
        await chat.AppendAsync(MessageAuthor.Customer, "Hello");
        var sent = await chat.AppendAsync(MessageAuthor.Customer, "A photo", attachments: [fileId]);
        var cookie = await HubTestClient.SignInCookieAsync(chat.Workspace.App, chat.Workspace.Owner.Email!, TestWorkspace.Password);
        using var client = chat.Workspace.ClientWithKey(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/inbox?handler=Messages&id={chat.ConversationId}&after=0");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Accept", "application/json");

        using var response = await client.SendAsync(request);
        var messages = await response.ExpectAsync(HttpStatusCode.OK);

        var withFile = messages.EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == sent.Id);
        Assert.Equal($"/conversations/attachments/{fileId}", OnlyFile(withFile).GetProperty("url").GetString());
        Assert.Equal(0, messages.EnumerateArray().Single(m => m.GetProperty("body").GetString() == "Hello").GetProperty("attachments")
            .GetArrayLength());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Resolution_TheVisitorIsAskedForARatingAndToldWhenItArrived(DatabaseProvider provider)
    {
        var chat = await AfterChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)), configure: i => i.CsatEnabled = true);
        await using var visitor = await HubTestClient.VisitorAsync(chat.Workspace.App, chat.ConversationId, chat.VisitorToken);

        await chat.AnsweredAndResolvedAsync();
        var question = await visitor.NextAsync("message", m => m.GetProperty("kind").GetString() == "csatQuestion");
        using var http = chat.Visitor();
        using var rate = await http.PostAsJsonAsync($"{chat.Widget}/csat", new { score = 4, comment = "Fine" });
        await rate.ExpectAsync(HttpStatusCode.NoContent);
        var rating = await visitor.NextAsync("message", m => m.GetProperty("kind").GetString() == "csatRating");
        var history = await visitor.InvokeAsync("Since", chat.ConversationId, 0);

        Assert.Equal("system", question.GetProperty("author").GetString());
        Assert.True(rating.GetProperty("seq").GetInt64() > question.GetProperty("seq").GetInt64());
        Assert.Equal(["csatQuestion", "csatRating"], history.EnumerateArray().Select(m => m.GetProperty("kind").GetString()).OfType<string>());
        Assert.All(history.EnumerateArray().Where(m => m.GetProperty("author").GetString() != "system"),
            m => Assert.Equal(JsonValueKind.Null, m.GetProperty("kind").ValueKind));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task WidgetScript_OffersExactlyTheFileTypesTheServerAccepts(DatabaseProvider provider)
    {
        using var client = fixture.App(provider).CreateClient();

        var script = await client.GetStringAsync("/chat/widget.js");

        var offered = FileTypes().Match(script).Groups[1].Value.Split(',');
        Assert.Equal(ConversationLimits.AllowedTypes.Keys.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
        Assert.Contains($"var MAX_FILE_BYTES = {ConversationLimits.MaxAttachmentBytes / 1024 / 1024} * 1024 * 1024;", script, StringComparison.Ordinal);
    }

    private static (Guid, string?, string?, long, string?) FileOf(JsonElement f) => (f.GetProperty("id").GetGuid(),
        f.GetProperty("fileName").GetString(), f.GetProperty("contentType").GetString(), f.GetProperty("size").GetInt64(),
        f.GetProperty("url").GetString());

    [GeneratedRegex("var FILE_TYPES = \"([^\"]+)\";")]
    private static partial Regex FileTypes();
}
