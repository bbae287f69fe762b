using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Data;
using Touchpoint.Web.Conversations;

namespace Touchpoint.Web.Cases.Work;

/// <summary>Builds <see cref="CaseDto"/>s for a page of cases with one query per kind of name, never one per case.</summary>
internal sealed class CaseViews(TouchpointDbContext db)
{
    public async Task<List<CaseDto>> DtosAsync(IReadOnlyList<Case> cases, CancellationToken ct)
    {
        var customerIds = cases.Select(c => c.CustomerId).OfType<Guid>().Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new CaseCustomerDto(c.Id, c.Name, c.Email)).ToDictionaryAsync(c => c.Id, ct);
        var userIds = cases.Select(c => c.OwnerId).OfType<Guid>().Distinct().ToList();
        var users = await UserNamesAsync(userIds, ct);
        var teamIds = cases.Select(c => c.TeamId).OfType<Guid>().Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var responseIds = cases.Select(c => c.ResponseId).OfType<long>().Distinct().ToList();
        var responses = await (from r in db.Responses.AsNoTracking()
                               where responseIds.Contains(r.Id)
                               join s in db.Surveys on r.SurveyId equals s.Id
                               select new { r.Id, Survey = s.Name, r.Metric, r.Score, r.Comment }).ToDictionaryAsync(r => r.Id, ct);
        var conversationIds = cases.Select(c => c.ConversationId).OfType<Guid>().Distinct().ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Subject, ct);
        var invitationIds = cases.Select(c => c.FollowUpInvitationId).OfType<Guid>().Distinct().ToList();
        var followUps = await (from i in db.SurveyInvitations.AsNoTracking()
                               where invitationIds.Contains(i.Id)
                               join r in db.Responses on i.ResponseId equals r.Id into answered
                               from r in answered.DefaultIfEmpty()
                               select new { i.Id, i.SurveyId, i.Status, i.SuppressedReason, i.SentAt, i.ResponseId, Score = (int?)r.Score, Comment = (string?)r.Comment })
            .ToDictionaryAsync(i => i.Id, ct);

        return cases.Select(c =>
        {
            CaseOpeningDto? opening = null;
            if (c.ResponseId is not null || c.ConversationId is not null)
            {
                var r = c.ResponseId is { } rid ? responses.GetValueOrDefault(rid) : null;
                opening = new CaseOpeningDto(c.ResponseId, r?.Survey, r is null ? null : JsonNames.Of(r.Metric), r?.Score, r?.Comment, c.ConversationId,
                    c.ConversationId is { } cid ? conversations.GetValueOrDefault(cid) : null);
            }

            var f = c.FollowUpInvitationId is { } fid ? followUps.GetValueOrDefault(fid) : null;
            return new CaseDto(c.Id, c.Number, c.Title, c.Description, JsonNames.Of(c.Status), JsonNames.Of(c.Priority), JsonNames.Of(c.Source),
                c.CustomerId is { } customer ? customers.GetValueOrDefault(customer) : null, opening, c.EventId, c.AlertRuleId, c.TouchPointId,
                c.OwnerId is { } owner ? new CaseRefDto(owner, users.GetValueOrDefault(owner) ?? "a former member") : null,
                c.TeamId is { } team ? new CaseRefDto(team, teams.GetValueOrDefault(team) ?? "(deleted)") : null,
                c.RootCause, c.ResolutionCode, c.ResolutionNote, c.CreatedAt, c.UpdatedAt, c.FirstContactAt, c.ResolvedAt, c.ClosedAt,
                c.ReopenCount, c.FirstResponseDueAt, c.ResolutionDueAt,
                f is null ? null : new CaseFollowUpDto(f.Id, f.SurveyId, JsonNames.Of(f.Status), f.SuppressedReason, f.SentAt, f.ResponseId, f.Score, f.Comment),
                c.Version);
        }).ToList();
    }

    public async Task<CaseDto> DtoAsync(Case c, bool withHistory, CancellationToken ct)
    {
        var dto = (await DtosAsync([c], ct))[0];
        return withHistory ? dto with { History = await HistoryAsync(c.Id, ct) } : dto;
    }

    public async Task<List<CaseActivityDto>> HistoryAsync(Guid caseId, CancellationToken ct)
    {
        var rows = await db.CaseActivities.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var users = await UserNamesAsync(rows.Select(r => r.ActorId).OfType<Guid>().Distinct().ToList(), ct);
        return rows.ConvertAll(a => new CaseActivityDto(a.Id, JsonNames.Of(a.Kind), a.ActorId,
            a.ActorId is { } actor ? users.GetValueOrDefault(actor) ?? "a former member" : null, a.Body, a.CreatedAt));
    }

    public async Task<Dictionary<Guid, string>> UserNamesAsync(List<Guid> ids, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
        .ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "a member" : u.DisplayName);
}
