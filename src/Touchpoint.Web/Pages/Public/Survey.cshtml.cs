using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Surveys.Definition;
using Touchpoint.Core.Text.Ingest;
using Touchpoint.Web.Feedback;
using Touchpoint.Web.Platform;

namespace Touchpoint.Web.Pages.Public;

/// <summary>
/// The survey page respondents open from a link: one page of questions at a time, plain HTML forms
/// that work without JavaScript. Each page posted is saved as a partial response (resumable by a
/// cookie, or by the invitation), logic decides the next page on the server, and the last page
/// completes the response. Opening a link records nothing but the invitation's "opened" time, so
/// mail scanners that fetch every link leave no answers behind.
/// No antiforgery token: the page is anonymous and acts with no one's authority, and it is also
/// shown inside other sites (the web intercept), where the antiforgery cookie is not sent. Abuse is
/// held off by rate and size limits, and invitations by their one-response rule.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimits.Public)]
[PublicEndpoint]
internal sealed class PublicSurveyModel(SurveyService surveys, WorkspaceScope scope, TouchpointDbContext db, TimeProvider clock, TextIngest text)
    : PageModel
{
    public const string ResumeCookie = "tp_resume";
    private const int ResumeDays = 30;

    public enum View
    {
        NotAvailable,
        InvalidLink,
        Closed,
        AlreadyAnswered,
        Questions,
    }

    public View Showing { get; private set; } = View.NotAvailable;
    public Survey? Survey { get; private set; }
    public SurveyDefinition? Definition { get; private set; }
    public SurveyPage? CurrentPage { get; private set; }
    public List<QuestionView> Questions { get; } = [];
    /// <summary>Errors in page order; a key with no question shown (a refused answer) is listed without a link.</summary>
    public List<(string Id, string Message, bool Linked)> Errors { get; } = [];
    public string Language { get; private set; } = "en";
    public bool IsFirstPage { get; private set; }
    public bool IsLastPage { get; private set; }
    public string? PageTitle { get; private set; }
    /// <summary>Form fields that carry the visit from page to page.</summary>
    public Dictionary<string, string> Carried { get; } = [];

    /// <summary>The customer's id in the company's systems, when a public link names one (<c>?customer=</c>); unsigned.</summary>
    public string? Customer { get; private set; }
    /// <summary>Where a public link was shared (<c>?channel=sms</c>); web when absent.</summary>
    public string? Channel { get; private set; }

    private SurveyInvitation? _invitation;
    private Response? _response;
    private JsonObject _answers = [];

    public async Task<IActionResult> OnGetAsync(string linkId)
    {
        if (!await LoadAsync(linkId))
        {
            return Page();
        }

        if (_invitation is { OpenedAt: null })
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.SurveyInvitations.Where(i => i.Id == _invitation.Id && i.OpenedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.OpenedAt, now));
        }

        var page = ResumePage();
        var preselected = new Dictionary<string, string>();
        if (_response is null && page == Definition!.Pages.FirstOrDefault() && Definition.Headline is { } headline
            && page.Questions.Contains(headline)
            && (Request.Query[headline.Id].FirstOrDefault() ?? Request.Query["score"].FirstOrDefault()) is { } score
            && int.TryParse(score, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && headline.Scale is { } scale && value >= scale.Min && value <= scale.Max)
        {
            // Shown chosen, not recorded: the answer is stored only when the respondent sends the page.
            _answers[headline.Id] = value;
        }

        await ShowAsync(page, []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string linkId)
    {
        if (!await LoadAsync(linkId))
        {
            if (Showing == View.AlreadyAnswered)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }

            return Page();
        }

        var expected = ResumePage();
        var postedPage = Request.Form["_page"].FirstOrDefault();
        if (postedPage is not null && postedPage != expected.Id)
        {
            // A stale tab or a replayed form: show where this response really is, change nothing.
            await ShowAsync(expected, []);
            return Page();
        }

        var read = SurveyForm.From(expected, Request.Form);
        var merged = _answers.DeepClone().AsObject();
        foreach (var question in expected.Questions.Where(q => q.Type != QuestionType.Hidden))
        {
            merged.Remove(question.Id);
        }

        foreach (var (id, value) in read.Answers)
        {
            merged[id] = value?.DeepClone();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (Request.Form["_action"] == "back")
        {
            return await BackAsync(expected, merged, now);
        }

        var errors = AnswerValidator.ValidatePage(expected, merged, read.Posted);
        foreach (var (id, message) in read.Errors)
        {
            errors[id] = message;
        }

        // Questions whose display condition depends on an answer on this same page appear once that
        // answer is sent (there is no script to show them at once): the page is shown again with
        // them, and they are not "missing" answers before the respondent has seen them.
        var revealed = Revealed(expected, merged);
        foreach (var id in revealed)
        {
            errors.Remove(id);
        }

        if (errors.Count > 0)
        {
            // Refused answers are not kept, not even on the page shown again.
            foreach (var id in errors.Keys.Where(id => errors[id] == AnswerValidator.NotShown))
            {
                merged.Remove(id);
            }

            _answers = merged;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await ShowAsync(expected, errors);
            return Page();
        }

        var next = revealed.Count > 0 ? expected : SurveyFlow.Next(Definition!, expected, SurveyFlow.View(merged));
        var response = _response ?? await StartAsync(now);
        if (next is null)
        {
            return await CompleteAsync(linkId, response, merged, now);
        }

        response.Answers = merged.ToJsonString();
        response.Language = Language;
        response.CurrentPage = next.Id;
        response.SubmittedAt = now;
        if (!await SaveAsync(response))
        {
            return await AnsweredElsewhereAsync(linkId);
        }

        _answers = merged;
        await ShowAsync(next, []);
        return Page();
    }

    /// <summary>Questions shown for the answers now that the page did not show when it was sent (its <c>_shown</c> field lists those it did).</summary>
    private HashSet<string> Revealed(SurveyPage page, JsonObject answers)
    {
        if (Request.Form["_shown"].FirstOrDefault() is not { } listed)
        {
            return [];
        }

        var before = listed.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return SurveyFlow.Shown(page, SurveyFlow.View(answers)).Select(q => q.Id).Where(id => !before.Contains(id))
            .Where(id => !ConditionEvaluator.IsAnswered(answers[id])).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Back to the page before, keeping what was typed here when it is a valid answer.</summary>
    private async Task<IActionResult> BackAsync(SurveyPage current, JsonObject merged, DateTime now)
    {
        foreach (var question in current.Questions)
        {
            if (merged[question.Id] is { } value && (!SurveyFlow.IsShown(question, SurveyFlow.View(merged))
                || AnswerValidator.Problem(question, value) is not null))
            {
                merged.Remove(question.Id);
            }
        }

        var path = SurveyFlow.Path(Definition!, SurveyFlow.View(merged));
        var index = path.IndexOf(current);
        var previous = index > 0 ? path[index - 1] : Definition!.Pages[0];
        if (_response is not null)
        {
            _response.Answers = merged.ToJsonString();
            _response.CurrentPage = previous.Id;
            _response.SubmittedAt = now;
            await db.SaveChangesAsync();
        }

        _answers = merged;
        await ShowAsync(previous, []);
        return Page();
    }

    /// <summary>Finds the survey, the invitation and any response to resume; false when the page shows a message instead of questions.</summary>
    private async Task<bool> LoadAsync(string linkId)
    {
        Survey = await surveys.FindByLinkAsync(linkId);
        if (Survey is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        scope.Enter(Survey.WorkspaceId);
        // The visit's settings come in the link's query, then travel in the form as _-prefixed
        // fields, which no question id collides with.
        var token = Carry("_t", "t");
        Customer = Carry("_customer", "customer");
        Channel = Carry("_channel", "channel");
        var tokenSent = (Request.HasFormContentType && Request.Form.ContainsKey("_t")) || Request.Query.ContainsKey("t");
        if (tokenSent && token is null)
        {
            // An empty or overlong token is a damaged link, never a public one.
            Showing = View.InvalidLink;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (token is not null)
        {
            _invitation = await db.SurveyInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token && i.SurveyId == Survey.Id);
            if (_invitation is null)
            {
                Showing = View.InvalidLink;
                Response.StatusCode = StatusCodes.Status404NotFound;
                return false;
            }
        }

        if (Survey.Status != SurveyStatus.Live)
        {
            Showing = View.Closed;
            return false;
        }

        if (_invitation is { Status: InvitationStatus.Responded })
        {
            Showing = View.AlreadyAnswered;
            return false;
        }

        _response = await FindResumableAsync(linkId);
        Definition = _response is not null && _response.Version != Survey.Version
            && await db.SurveyVersions.Where(v => v.SurveyId == Survey.Id && v.Number == _response.Version)
                .Select(v => v.Definition).FirstOrDefaultAsync() is { } answered
            ? SurveyDefinition.FromJson(answered)
            : Survey.ReadDefinition();
        if (Definition.Pages.Count == 0)
        {
            // Nothing to ask: as good as closed.
            Showing = View.Closed;
            return false;
        }

        _answers = _response is not null ? JsonNode.Parse(_response.Answers)?.AsObject() ?? [] : HiddenValues();
        Language = RespondentLanguage.Choose(Definition, Carry("_lang", "lang") ?? _response?.Language ?? _invitation?.Language,
            Request.Headers.AcceptLanguage.ToString());
        Carried["_lang"] = Language;
        Showing = View.Questions;
        return true;
    }

    /// <summary>An in-progress response of this visitor: the invitation's, else the one the form or the resume cookie names.</summary>
    private async Task<Response?> FindResumableAsync(string linkId)
    {
        if (_invitation is not null && !Survey!.Anonymous)
        {
            var ofInvitation = await db.Responses.FirstOrDefaultAsync(r => r.InvitationId == _invitation.Id);
            if (ofInvitation is not null)
            {
                return ofInvitation.Status == ResponseStatus.InProgress ? ofInvitation : null;
            }
        }

        var resume = (Request.HasFormContentType ? Request.Form["_r"].FirstOrDefault() : null) ?? Request.Cookies[ResumeCookie];
        if (string.IsNullOrEmpty(resume) || resume.Length > 100)
        {
            return null;
        }

        var hash = SecretTokens.Hash(resume);
        var found = await db.Responses.FirstOrDefaultAsync(r => r.ResumeToken == hash && r.SurveyId == Survey!.Id
            && r.Status == ResponseStatus.InProgress);
        if (found is not null)
        {
            Carried["_r"] = resume;
        }
        else
        {
            Response.Cookies.Delete(ResumeCookie, new CookieOptions { Path = $"/s/{linkId}" });
        }

        return found;
    }

    /// <summary>A setting from the form's <paramref name="field"/>, else the link's <paramref name="query"/>; carried on to the next page.</summary>
    private string? Carry(string field, string query)
    {
        var value = (Request.HasFormContentType ? Request.Form[field].FirstOrDefault() : null) ?? Request.Query[query].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            return null;
        }

        Carried[field] = value;
        return value;
    }

    private SurveyPage ResumePage() =>
        Definition!.Pages.FirstOrDefault(p => p.Id == _response?.CurrentPage) ?? Definition.Pages[0];

    /// <summary>Hidden fields: the invitation's values, else <c>?h.{id}=</c> on a public link (carried in the form).</summary>
    private JsonObject HiddenValues()
    {
        var values = new JsonObject();
        var fromInvitation = _invitation?.Hidden is { } json ? JsonNode.Parse(json) as JsonObject : null;
        foreach (var question in Definition!.Questions.Where(q => q.Type == QuestionType.Hidden))
        {
            var value = fromInvitation?[question.Id] is JsonValue v ? QuestionView.Plain(v)
                : Request.HasFormContentType && Request.Form.TryGetValue($"_h.{question.Id}", out var posted) ? posted.FirstOrDefault()
                : Request.Query[$"h.{question.Id}"].FirstOrDefault();
            if (!string.IsNullOrWhiteSpace(value) && value.Length <= AnswerValidator.MaxHiddenLength)
            {
                values[question.Id] = value.Trim();
                if (_invitation is null)
                {
                    Carried[$"_h.{question.Id}"] = value.Trim();
                }
            }
        }

        return values;
    }

    private async Task<Response> StartAsync(DateTime now)
    {
        var anonymous = Survey!.Anonymous;
        var customerId = anonymous ? null : _invitation?.CustomerId ?? await FindCustomerAsync();
        var touchPointId = _invitation?.TouchPointId ?? Survey.TouchPointId;
        var resume = SecretTokens.Create(24);
        Carried["_r"] = resume;
        return new Response
        {
            WorkspaceId = Survey.WorkspaceId,
            SurveyId = Survey.Id,
            Version = Survey.Version,
            Status = ResponseStatus.InProgress,
            Metric = Survey.Metric,
            CustomerId = customerId,
            InvitationId = anonymous ? null : _invitation?.Id,
            TouchPointId = touchPointId,
            JourneyStageId = touchPointId is { } tp
                ? await db.TouchPoints.Where(t => t.Id == tp).Select(t => (Guid?)t.StageId).FirstOrDefaultAsync()
                : null,
            Channel = _invitation?.Channel ?? ParseChannel() ?? (_invitation is null ? Core.Journeys.Channel.Web : Core.Journeys.Channel.Email),
            Agent = _invitation?.Agent,
            OrderId = _invitation?.OrderId,
            ConversationId = _invitation?.ConversationId,
            Language = Language,
            Device = anonymous ? null : DeviceDetector.FromUserAgent(Request.Headers.UserAgent.ToString()),
            StartedAt = now,
            SubmittedAt = now,
            ResumeToken = SecretTokens.Hash(resume),
        };
    }

    private async Task<IActionResult> CompleteAsync(string linkId, Response response, JsonObject answers, DateTime now)
    {
        if (_invitation is not null && !await InvitationClaim.ClaimAsync(db, _invitation.Id, now))
        {
            return await AnsweredElsewhereAsync(linkId);
        }

        response.Language = Language;
        ResponseCompletion.Complete(response, Definition!, answers, now);
        if (response.CustomerId is { } customer)
        {
            response.Snapshot = await ResponseSnapshot.TakeAsync(db, customer);
        }

        // Saved with the response (a partial one completed now included); dropped with it if another tab got there first.
        var analyses = await text.AnalyzeResponseAsync(response, Definition!, HttpContext.RequestAborted);
        db.AnalyzedTexts.AddRange(analyses);
        if (!await SaveAsync(response))
        {
            foreach (var analysis in analyses)
            {
                analysis.Labels.ForEach(label => db.Entry(label).State = EntityState.Detached);
                db.Entry(analysis).State = EntityState.Detached;
            }

            await InvitationClaim.ReleaseAsync(db, _invitation!);
            return await AnsweredElsewhereAsync(linkId);
        }

        if (_invitation is not null && response.InvitationId is not null)
        {
            await InvitationClaim.LinkAsync(db, _invitation.Id, response.Id);
        }

        Response.Cookies.Delete(ResumeCookie, new CookieOptions { Path = $"/s/{linkId}" });
        var query = Language != Definition!.DefaultLanguage ? $"?lang={Uri.EscapeDataString(Language)}" : "";
        return Redirect($"/s/{Uri.EscapeDataString(linkId)}/thanks{query}");
    }

    /// <summary>Saves a new or changed response; false when the invitation already has one (a second tab, a double click).</summary>
    private async Task<bool> SaveAsync(Response response)
    {
        var isNew = response.Id == 0;
        if (isNew)
        {
            db.Responses.Add(response);
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (isNew && response.InvitationId is not null)
        {
            db.Entry(response).State = EntityState.Detached;
            return false;
        }

        if (isNew && response.Status == ResponseStatus.InProgress)
        {
            Response.Cookies.Append(ResumeCookie, Carried["_r"], new CookieOptions
            {
                Path = $"/s/{RouteData.Values["linkId"]}",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
                MaxAge = TimeSpan.FromDays(ResumeDays),
                IsEssential = true,
            });
        }

        return true;
    }

    /// <summary>Another request of the same invitation got there first: resume its response, or thank the respondent.</summary>
    private async Task<IActionResult> AnsweredElsewhereAsync(string linkId)
    {
        _response = await FindResumableAsync(linkId);
        if (_response is null)
        {
            Showing = View.AlreadyAnswered;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        _answers = JsonNode.Parse(_response.Answers)?.AsObject() ?? [];
        await ShowAsync(ResumePage(), []);
        return Page();
    }

    private async Task ShowAsync(SurveyPage page, Dictionary<string, string> errors)
    {
        CurrentPage = page;
        Carried["_page"] = page.Id;
        var view = SurveyFlow.View(_answers);
        IsFirstPage = page == Definition!.Pages[0];
        IsLastPage = SurveyFlow.Next(Definition, page, view) is null;
        PageTitle = page.Title?.In(Language, Definition.DefaultLanguage);
        var pipe = await PipingAsync(view);
        foreach (var question in SurveyFlow.Shown(page, view))
        {
            errors.TryGetValue(question.Id, out var error);
            Questions.Add(QuestionView.Of(question, Language, Definition.DefaultLanguage, pipe, _answers[question.Id], error));
        }

        foreach (var (id, message) in errors)
        {
            Errors.Add((id, message, Questions.Any(q => q.Id == id)));
        }

        Carried["_shown"] = string.Join(' ', Questions.Select(q => q.Id));

        ViewData["Lang"] = Language;
        ViewData["Title"] = Survey!.Name;
        ViewData["Theme"] = Definition.Theme;
    }

    /// <summary>Values for {placeholders}: looked up only when a text on the survey asks for them. Anonymous surveys show no identity.</summary>
    private async Task<Func<string, string?>> PipingAsync(IReadOnlyDictionary<string, JsonNode?> answers)
    {
        string? customerName = null;
        string? touchPointName = null;
        var wantsCustomer = Definition!.Questions.Any(q => q.Title.Values.Any(t => t.Contains("{customer.", StringComparison.Ordinal)));
        if (wantsCustomer && !Survey!.Anonymous)
        {
            var customerId = _response?.CustomerId ?? _invitation?.CustomerId ?? await FindCustomerAsync();
            customerName = customerId is { } id ? await db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync() : null;
        }

        var touchPointId = _response?.TouchPointId ?? _invitation?.TouchPointId ?? Survey!.TouchPointId;
        if (touchPointId is { } tp && Definition.Questions.Any(q => q.Title.Values.Any(t => t.Contains("{touchPoint}", StringComparison.Ordinal))))
        {
            touchPointName = await db.TouchPoints.Where(t => t.Id == tp).Select(t => t.Name).FirstOrDefaultAsync();
        }

        var agent = _response?.Agent ?? _invitation?.Agent;
        return key => key switch
        {
            "customer.name" => customerName,
            "customer.firstName" => customerName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
            "agent" => agent,
            "touchPoint" => touchPointName,
            _ when key.StartsWith("hidden.", StringComparison.Ordinal) || key.StartsWith("answer.", StringComparison.Ordinal) =>
                AnswerText(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..], answers),
            _ => null,
        };
    }

    /// <summary>An answer as words: a choice's text rather than its stored value.</summary>
    private string? AnswerText(string questionId, IReadOnlyDictionary<string, JsonNode?> answers)
    {
        if (!answers.TryGetValue(questionId, out var value) || value is null)
        {
            return null;
        }

        var choices = Definition!.Find(questionId)?.Choices;
        string Word(JsonNode? node) => QuestionView.Plain(node) is { } plain
            ? choices?.FirstOrDefault(c => c.Value == plain)?.Text.In(Language, Definition.DefaultLanguage) ?? plain
            : "";
        return value is JsonArray items ? string.Join(", ", items.Select(Word)) : Word(value);
    }

    /// <summary>An unknown customer id is not the respondent's problem: the answer is kept, unlinked.</summary>
    private async Task<Guid?> FindCustomerAsync() =>
        string.IsNullOrWhiteSpace(Customer)
            ? null
            : await db.Customers.Where(c => c.ExternalId == Customer).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();

    private Channel? ParseChannel() =>
        Enum.TryParse<Channel>(Channel, ignoreCase: true, out var c) && !int.TryParse(Channel, out _) ? c : null;
}
