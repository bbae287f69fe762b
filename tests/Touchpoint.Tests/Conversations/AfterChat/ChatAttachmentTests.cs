using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Conversations.AfterChat;
using Touchpoint.Core.Data;
using Touchpoint.Tests.Infrastructure;

namespace Touchpoint.Tests.Conversations.AfterChat;

/// <summary>Files in chats: checked by extension and content, sent with a message, downloaded only by their visitor.</summary>
[Collection(AppCollection.Name)]
public sealed class ChatAttachmentTests(AppFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static MultipartFormDataContent File(byte[] bytes, string name, string contentType = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static async Task<(Guid Id, string Url)> UploadAsync(HttpClient client, string url, byte[] bytes, string name)
    {
        using var content = File(bytes, name);
        using var response = await client.PostAsync(url, content);
        var json = await response.ExpectAsync(HttpStatusCode.Created);
        return (json.GetGuid("id"), json.GetString("url")!);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Upload_SentWithAMessage_VisitorDownloadsItAsAnAttachment(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        using var visitor = chat.Visitor();
        var (id, url) = await UploadAsync(visitor, $"{chat.Widget}/attachments", Png, "screen shot.png");
        using var anonymous = chat.Workspace.ClientWithKey(null);
        using var unsent = await anonymous.GetAsync(url);

        var message = await chat.AppendAsync(MessageAuthor.Customer, "📎 screen shot.png", attachments: [id]);
        using var download = await anonymous.GetAsync(url);

        await Problem.AssertAsync(unsent, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(message.Id, await chat.Workspace.QueryAsync(db => db.MessageAttachments.Where(a => a.Id == id)
            .Select(a => a.MessageId).SingleAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Download_OtherVisitorOrPrivateNote_NotFound(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var chat = await ChatData.CreateAsync(workspace);
        var other = await ChatData.CreateAsync(workspace);
        using var agentClient = workspace.Client();
        var agent = await chat.AgentAsync();
        var (publicFile, publicUrl) = await UploadAsync(agentClient, $"/api/v1/conversations/{chat.ConversationId}/attachments", Png, "a.png");
        var (noteFile, _) = await UploadAsync(agentClient, $"/api/v1/conversations/{chat.ConversationId}/attachments", Png, "b.png");
        await chat.AppendAsync(MessageAuthor.Agent, "Here it is", agent.Id, attachments: [publicFile]);
        await chat.AppendAsync(MessageAuthor.Agent, "Internal copy", agent.Id, isPrivate: true, attachments: [noteFile]);
        using var anonymous = workspace.ClientWithKey(null);

        using var mine = await anonymous.GetAsync($"/chat/{chat.WidgetKey}/attachments/{publicFile}?visitor={Uri.EscapeDataString(chat.VisitorToken)}");
        using var note = await anonymous.GetAsync($"/chat/{chat.WidgetKey}/attachments/{noteFile}?visitor={Uri.EscapeDataString(chat.VisitorToken)}");
        using var stranger = await anonymous.GetAsync($"/chat/{chat.WidgetKey}/attachments/{publicFile}?visitor={Uri.EscapeDataString(other.VisitorToken)}");

        using var visitor = chat.Visitor();
        var visitorList = await visitor.GetJsonAsync($"{chat.Widget}/attachments");
        var agentList = await agentClient.GetJsonAsync($"/api/v1/conversations/{chat.ConversationId}/attachments");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.StartsWith("/api/v1/attachments/", publicUrl, StringComparison.Ordinal);
        Assert.Equal([publicFile], visitorList.EnumerateArray().Select(a => a.GetGuid("id")));
        Assert.Equal([publicFile, noteFile], agentList.EnumerateArray().Select(a => a.GetGuid("id")));
        await Problem.AssertAsync(note, HttpStatusCode.NotFound);
        await Problem.AssertAsync(stranger, HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Upload_HtmlNamedPngOrWrongTypeOrTooLarge_RefusedClearly(DatabaseProvider provider)
    {
        var chat = await ChatData.CreateAsync(await TestWorkspace.CreateAsync(fixture.App(provider)));
        using var visitor = chat.Visitor();

        using var html = File(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "cat.png");
        using var htmlAsText = File(Encoding.UTF8.GetBytes("  <script>alert(1)</script>"), "notes.txt", "text/plain");
        using var script = File(Encoding.UTF8.GetBytes("alert(1)"), "run.js", "text/javascript");
        using var huge = File(new byte[ConversationLimits.MaxAttachmentBytes + 1], "big.pdf", "application/pdf");
        using var htmlResponse = await visitor.PostAsync($"{chat.Widget}/attachments", html);
        using var textResponse = await visitor.PostAsync($"{chat.Widget}/attachments", htmlAsText);
        using var scriptResponse = await visitor.PostAsync($"{chat.Widget}/attachments", script);
        using var hugeResponse = await visitor.PostAsync($"{chat.Widget}/attachments", huge);

        await Problem.AssertFieldAsync(htmlResponse, HttpStatusCode.BadRequest, "file");
        await Problem.AssertFieldAsync(textResponse, HttpStatusCode.BadRequest, "file");
        await Problem.AssertFieldAsync(scriptResponse, HttpStatusCode.BadRequest, "file");
        await Problem.AssertFieldAsync(hugeResponse, HttpStatusCode.RequestEntityTooLarge, "file");
        Assert.Equal(0, await chat.Workspace.QueryAsync(db => db.MessageAttachments.CountAsync()));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Send_AnotherConversationsFile_StoresNothing(DatabaseProvider provider)
    {
        var workspace = await TestWorkspace.CreateAsync(fixture.App(provider));
        var chat = await ChatData.CreateAsync(workspace);
        var other = await ChatData.CreateAsync(workspace);
        using var otherVisitor = other.Visitor();
        var (foreign, _) = await UploadAsync(otherVisitor, $"{other.Widget}/attachments", Png, "theirs.png");

        await Assert.ThrowsAsync<AttachmentNotSendableException>(() => chat.AppendAsync(MessageAuthor.Customer, "📎 theirs.png",
            attachments: [foreign]));

        Assert.Equal(0, await workspace.QueryAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == chat.ConversationId)));
        Assert.Equal(0, await workspace.QueryAsync(db => db.Conversations.Where(c => c.Id == chat.ConversationId).Select(c => c.LastSeq).SingleAsync()));
        Assert.Null(await workspace.QueryAsync(db => db.MessageAttachments.Where(a => a.Id == foreign).Select(a => a.MessageId).SingleAsync()));
    }
}
