using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations;
using Touchpoint.Web.Conversations.Attachments;
using Touchpoint.Web.Platform;

using Touchpoint.Web.Text;

namespace Touchpoint.Web.Pages.Inbox;

/// <summary>
/// The agent inbox: conversations by view on the left, the selected thread in the middle, the
/// customer's context on the right. Every action is a plain form post (works without JavaScript);
/// inbox.js adds live updates over the hub and posts the same forms in the background.
/// </summary>
[Authorize(Policy = "feedback.view")]
internal sealed class InboxModel(TouchpointDbContext db, ConversationLog log, ConversationChanges changes, ConversationMerger merger,
    AgentPresence agentPresence, CustomerTimeline timeline, TimeProvider clock) : PageModel
{
    public static readonly (string Key, string Label)[] Views =
        [("mine", "Mine"), ("unassigned", "Unassigned"), ("open", "All open"), ("pending", "Pending"), ("snoozed", "Snoozed"), ("resolved", "Resolved")];

    public sealed record Option(Guid Id, string Name);

    public string View { get; private set; } = "mine";
    public Guid? InboxFilter { get; private set; }
    public Guid? TeamFilter { get; private set; }
    public Priority? PriorityFilter { get; private set; }
    public List<Conversation> Conversations { get; private set; } = [];
    public Dictionary<string, int> ViewCounts { get; private set; } = [];
    public Conversation? Selected { get; private set; }
    public List<ConversationMessage> Messages { get; private set; } = [];
    /// <summary>The files of <see cref="Messages"/>, by message id (read in one query).</summary>
    public Dictionary<long, IReadOnlyList<MessageFileDto>> Files { get; private set; } = [];
    /// <summary>What the analyser found in the customer's messages, by message id.</summary>
    public Dictionary<long, TextAnalysisDto> Analyses { get; private set; } = [];

    /// <summary>The sentiment of the customer's latest analysed message: how they feel now.</summary>
    public SentimentDto? LatestCustomerSentiment =>
        Messages.LastOrDefault(m => Analyses.TryGetValue(m.Id, out var a) && a.Scored) is { } last ? Analyses[last.Id].Sentiment : null;
    public CustomerProfile? Profile { get; private set; }
    public List<Conversation> OtherConversations { get; private set; } = [];
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public List<Option> Agents { get; private set; } = [];
    public List<Option> Teams { get; private set; } = [];
    public List<Option> Inboxes { get; private set; } = [];
    public List<CannedReply> CannedReplies { get; private set; } = [];
    public Presence MyPresence { get; private set; } = Presence.Offline;
    public bool CanAct { get; private set; }
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public string? Error { get; private set; }

    public string NameOf(Guid? userId) => userId is { } id && Names.TryGetValue(id, out var name) ? name : "";

    public string Link(string? view = null, Guid? id = null) => Url.Page("/Inbox/Index", new
    {
        view = view ?? View,
        inbox = InboxFilter,
        team = TeamFilter,
        priority = PriorityFilter is { } p ? JsonNames.Of(p) : null,
        id,
    })!;

    public async Task<IActionResult> OnGetAsync(string? view, Guid? inbox, Guid? team, string? priority, Guid? id, CancellationToken ct)
    {
        await LoadAsync(view, inbox, team, priority, id, ct);
        if (id is not null && Selected is null)
        {
            return NotFound();
        }

        // Opening a conversation reads it: the unread count drops and the customer may see the receipt.
        if (Selected is { } open && open.AgentReadSeq < open.LastSeq && CanAct)
        {
            await db.Conversations.Where(c => c.Id == open.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgentReadSeq, open.LastSeq), ct);
        }

        return Page();
    }

    /// <summary>What a reconnecting page missed: the selected conversation's messages after a sequence number.</summary>
    public async Task<IActionResult> OnGetMessagesAsync(Guid id, long after, CancellationToken ct)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == id, ct))
        {
            return NotFound();
        }

        var messages = await log.AfterAsync(id, Math.Max(0, after), includePrivate: true, take: 500, ct);
        return new JsonResult(await MessageFiles.DtosAsync(db, messages, FileAudience.Agents, ct));
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id, string? body, bool note, Guid? canned, string? view, CancellationToken ct)
    {
        if (!User.Has(Permission.HandleConversations))
        {
            return Forbid();
        }

        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(body) && canned is { } cannedId)
        {
            body = await db.CannedReplies.Where(r => r.Id == cannedId).Select(r => r.Body).FirstOrDefaultAsync(ct);
        }

        var errors = new Dictionary<string, string[]>();
        MessageText.Check(body, "body", errors);
        if (conversation.MergedIntoId is not null)
        {
            errors["body"] = ["This conversation was merged into another one; write there."];
        }

        if (errors.Count > 0)
        {
            return await FailAsync(errors.Values.First()[0], view, id, ct);
        }

        var message = await log.AppendAsync(id, new ConversationLog.NewMessage(MessageAuthor.Agent, body!, User.UserId(), note), ct);
        await db.Conversations.Where(c => c.Id == id && c.AgentReadSeq < message.Seq)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AgentReadSeq, message.Seq), ct);
        return WantsJson ? new JsonResult(await MessageFiles.DtoAsync(db, message, FileAudience.Agents, ct)) : Redirect(Link(view, id));
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid id, string? status, string? priority, DateTime? snoozedUntil, string? assignee,
        string? team, Guid? version, string? view, CancellationToken ct)
    {
        if (!User.Has(Permission.HandleConversations))
        {
            return Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        var newStatus = EnumField.Read<ConversationStatus>(string.IsNullOrEmpty(status) ? null : status, "status", errors);
        var newPriority = EnumField.Read<Priority>(string.IsNullOrEmpty(priority) ? null : priority, "priority", errors);
        var (setAssignee, assigneeId) = Choice(assignee == "me" ? User.UserId()?.ToString() : assignee);
        var (setTeam, teamId) = Choice(team);
        if (errors.Count > 0)
        {
            return await FailAsync(errors.Values.First()[0], view, id, ct);
        }

        // The form's time is the agent's local time as the browser sent it; the page says it is UTC.
        var until = snoozedUntil is { } local ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : (DateTime?)null;
        var result = await changes.ApplyAsync(id, new ConversationChanges.Change(newStatus, newPriority, newStatus == ConversationStatus.Snoozed ? until : null,
            setAssignee, assigneeId, setTeam, teamId), version, await ConversationsApi.ActorNameAsync(User, changes, ct), ct);
        return result.Outcome switch
        {
            ConversationChanges.Outcome.NotFound => NotFound(),
            ConversationChanges.Outcome.StaleVersion => await FailAsync("Someone else changed this conversation meanwhile; here is what it shows now. Nothing was changed.", view, id, ct),
            ConversationChanges.Outcome.Invalid => await FailAsync(result.Errors!.Values.First()[0], view, id, ct),
            _ => WantsJson ? new JsonResult(new { version = result.Conversation!.Version }) : Redirect(Link(view, id)),
        };
    }

    public async Task<IActionResult> OnPostMergeAsync(Guid id, Guid? into, string? view, CancellationToken ct)
    {
        if (!User.Has(Permission.HandleConversations))
        {
            return Forbid();
        }

        if (into is not { } target)
        {
            return await FailAsync("Pick the conversation to merge this one into.", view, id, ct);
        }

        var result = await merger.MergeAsync(id, target, await ConversationsApi.ActorNameAsync(User, changes, ct), ct);
        return result.Outcome switch
        {
            ConversationMerger.Outcome.Merged => Redirect(Link(view, target)),
            ConversationMerger.Outcome.Conflict => await FailAsync(result.Reason!, view, id, ct),
            _ => NotFound(),
        };
    }

    /// <summary>The presence toggle; inbox.js also posts it every 30 seconds as the heartbeat.</summary>
    public async Task<IActionResult> OnPostPresenceAsync(string? presence, string? view, CancellationToken ct)
    {
        if (User.UserId() is not { } me || !User.Has(Permission.HandleConversations))
        {
            return Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        var chosen = EnumField.Read<Presence>(string.IsNullOrEmpty(presence) ? null : presence, "presence", errors);
        if (errors.Count > 0)
        {
            return WantsJson ? new JsonResult(new { error = errors["presence"][0] }) { StatusCode = 400 } : Redirect(Link(view));
        }

        var status = await agentPresence.SetAsync(me, chosen, null, ct);
        return WantsJson ? new JsonResult(new { presence = JsonNames.Of(status.Presence) }) : Redirect(Link(view));
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> FailAsync(string message, string? view, Guid id, CancellationToken ct)
    {
        if (WantsJson)
        {
            return new JsonResult(new { error = message }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(view, null, null, null, id, ct);
        return Page();
    }

    private static (bool Set, Guid? Id) Choice(string? value) => value switch
    {
        null or "" => (false, null),
        "none" => (true, null),
        _ => Guid.TryParse(value, out var id) ? (true, id) : (false, null),
    };

    private async Task LoadAsync(string? view, Guid? inbox, Guid? team, string? priority, Guid? id, CancellationToken ct)
    {
        View = Views.Any(v => v.Key == view) ? view! : "mine";
        InboxFilter = inbox;
        TeamFilter = team;
        PriorityFilter = Enum.TryParse<Priority>(priority, ignoreCase: true, out var p) && !(priority ?? "").Any(char.IsDigit) ? p : null;
        CanAct = User.Has(Permission.HandleConversations);
        var me = User.UserId();
        var filtered = ConversationFilters.Apply(db.Conversations.AsNoTracking().Where(c => c.MergedIntoId == null), null, InboxFilter,
            TeamFilter, PriorityFilter, null, null);
        IQueryable<Conversation> InView(string key) => key switch
        {
            "mine" => filtered.Where(c => c.AssigneeId == me && c.Status != ConversationStatus.Resolved),
            "unassigned" => filtered.Where(c => c.AssigneeId == null && c.Status == ConversationStatus.Open),
            "open" => filtered.Where(c => c.Status == ConversationStatus.Open),
            "pending" => filtered.Where(c => c.Status == ConversationStatus.Pending),
            "snoozed" => filtered.Where(c => c.Status == ConversationStatus.Snoozed),
            _ => filtered.Where(c => c.Status == ConversationStatus.Resolved),
        };
        foreach (var (key, _) in Views.Where(v => v.Key != "resolved"))
        {
            ViewCounts[key] = await InView(key).CountAsync(ct);
        }

        Conversations = await InView(View).OrderByDescending(c => c.LastMessageAt).Take(100).ToListAsync(ct);
        if (id is { } selectedId)
        {
            Selected = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == selectedId, ct);
        }

        if (Selected is { } s)
        {
            Messages = await log.AfterAsync(s.Id, 0, includePrivate: true, take: 1000, ct);
            var dtos = await MessageFiles.DtosAsync(db, Messages, FileAudience.Agents, ct);
            Files = dtos.ToDictionary(m => m.Id, m => m.Attachments ?? []);
            Analyses = dtos.Where(m => m.Analysis is not null).ToDictionary(m => m.Id, m => m.Analysis!);
            if (s.CustomerId is { } customerId && await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct) is { } customer)
            {
                Profile = await CustomerProfile.LoadAsync(db, customer, ct);
                Timeline = (await timeline.ReadAsync(customerId, null, 8, kinds: null, ct)).Items;
            }

            OtherConversations = s.CustomerId is { } owner
                ? await db.Conversations.AsNoTracking().Where(c => c.CustomerId == owner && c.Id != s.Id && c.MergedIntoId == null)
                    .OrderByDescending(c => c.LastMessageAt).Take(20).ToListAsync(ct)
                : [];
        }

        var members = await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct);
        Names = members.ToDictionary(m => m.Id, m => string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName);
        Agents = Names.Select(n => new Option(n.Key, n.Value)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
        Inboxes = await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).Select(i => new Option(i.Id, i.Name)).ToListAsync(ct);
        CannedReplies = await db.CannedReplies.AsNoTracking().OrderBy(r => r.Shortcut).ToListAsync(ct);
        if (me is { } userId && await db.AgentStatuses.AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, ct) is { } status)
        {
            MyPresence = AgentsApi.Effective(status, clock.GetUtcNow().UtcDateTime);
        }
    }
}
