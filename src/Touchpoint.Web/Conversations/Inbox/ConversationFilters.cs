using Touchpoint.Core.Conversations;

namespace Touchpoint.Web.Conversations;

/// <summary>The list filters the API and the inbox page share.</summary>
internal static class ConversationFilters
{
    public static IQueryable<Conversation> Apply(IQueryable<Conversation> query, ConversationStatus? status, Guid? inbox, Guid? team,
        Priority? priority, Guid? customer, string? q)
    {
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (inbox is { } i)
        {
            query = query.Where(c => c.InboxId == i);
        }

        if (team is { } t)
        {
            query = query.Where(c => c.TeamId == t);
        }

        if (priority is { } p)
        {
            query = query.Where(c => c.Priority == p);
        }

        if (customer is { } cu)
        {
            query = query.Where(c => c.CustomerId == cu);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(c => (c.Subject != null && c.Subject.Contains(text)) || (c.ContactName != null && c.ContactName.Contains(text))
                || (c.ContactEmail != null && c.ContactEmail.Contains(text)));
        }

        return query;
    }
}
