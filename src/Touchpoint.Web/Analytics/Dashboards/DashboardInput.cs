using Microsoft.AspNetCore.WebUtilities;
using Touchpoint.Core.Analytics;
using Touchpoint.Core.Analytics.Dashboards;
using Touchpoint.Core.Data;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Web.Analytics.Dashboards;

/// <summary>A dashboard as the API and the forms give it: checked field by field into rows, with an error per field that is not right.</summary>
internal sealed record DashboardInput(string? Name, bool? Shared, string? RoleDefault, string? Filters, IReadOnlyList<WidgetInput>? Widgets)
{
    public sealed record Checked(string Name, bool Shared, WorkspaceRole? RoleDefault, string Filters, List<DashboardWidget>? Widgets);

    public async Task<Checked?> CheckAsync(TouchpointDbContext db, bool mayShare, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > Dashboard.MaxNameLength)
        {
            errors["name"] = [$"Give the dashboard a name of 1 to {Dashboard.MaxNameLength} characters."];
        }

        WorkspaceRole? role = null;
        if (!string.IsNullOrWhiteSpace(RoleDefault))
        {
            if (Enum.TryParse<WorkspaceRole>(RoleDefault, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(RoleDefault, out _))
            {
                role = r;
            }
            else
            {
                errors["roleDefault"] = [$"Use one of: {string.Join(", ", Enum.GetNames<WorkspaceRole>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        var shared = Shared ?? false;
        if ((shared || role is not null) && !mayShare)
        {
            errors[role is not null ? "roleDefault" : "shared"] = ["Only owners and admins share dashboards with the workspace or set a role's default."];
        }

        if (role is not null && !shared)
        {
            errors["shared"] = ["A role's default dashboard must be shared, so the role can see it."];
        }

        var filters = await CheckFiltersAsync(Filters, "filters", db, errors, ct);
        List<DashboardWidget>? widgets = null;
        if (Widgets is not null)
        {
            if (Widgets.Count > Dashboard.MaxWidgets)
            {
                errors["widgets"] = [$"A dashboard holds at most {Dashboard.MaxWidgets} widgets."];
            }
            else
            {
                widgets = [];
                for (var i = 0; i < Widgets.Count; i++)
                {
                    if (await Widgets[i].CheckAsync(db, $"widgets[{i}]", errors, ct) is { } widget)
                    {
                        widget.Position = i;
                        widgets.Add(widget);
                    }
                }
            }
        }

        return errors.Count > 0 ? null : new Checked(name!, shared, role, filters, widgets);
    }

    /// <summary>A saved filter: the query string of a dashboard URL, checked like one.</summary>
    public static async Task<string> CheckFiltersAsync(string? filters, string field, TouchpointDbContext db, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        var text = (filters ?? "").Trim().TrimStart('?');
        if (text.Length > 1000)
        {
            errors[field] = ["Give filters as a query string of at most 1000 characters, e.g. channel=web&days=30."];
            return "";
        }

        var own = new Dictionary<string, string[]>();
        var query = QueryHelpers.ParseQuery(text);
        var unknown = query.Keys.Where(k => !DashboardFilterQuery.Names.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            own[field] = [$"Unknown filter {string.Join(", ", unknown)}: use {string.Join(", ", DashboardFilterQuery.Names)}."];
        }

        var filter = await DashboardFilterQuery.ReadAsync(new QueryCollection(query), db, own, ct);
        foreach (var (key, messages) in own)
        {
            errors[key == field ? field : $"{field}.{key}"] = messages;
        }

        return own.Count > 0 ? "" : DashboardFilterQuery.Write(filter);
    }
}

/// <summary>One widget as given: kind, metric, the dimension of a breakdown, an optional title and its own filters.</summary>
internal sealed record WidgetInput(string? Kind, string? Metric, string? Dimension, string? Title, string? Filters)
{
    public async Task<DashboardWidget?> CheckAsync(TouchpointDbContext db, string field, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var before = errors.Count;
        var kind = Parse<WidgetKind>(Kind, $"{field}.kind", "scoreCard, trend, distribution, breakdown, heatMap or topTopics", errors);
        var metric = Parse<SurveyMetric>(Metric ?? "nps", $"{field}.metric", "nps, csat or ces", errors);
        Dimension? dimension = null;
        if (kind == WidgetKind.Breakdown)
        {
            dimension = Parse<Dimension>(Dimension, $"{field}.dimension",
                string.Join(", ", Enum.GetNames<Dimension>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])), errors);
        }

        var title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim();
        if (title is { Length: > DashboardWidget.MaxTitleLength })
        {
            errors[$"{field}.title"] = [$"Give a title of at most {DashboardWidget.MaxTitleLength} characters."];
        }

        var filters = await DashboardInput.CheckFiltersAsync(Filters, $"{field}.filters", db, errors, ct);
        return errors.Count > before
            ? null
            : new DashboardWidget { Kind = kind!.Value, Metric = metric!.Value, Dimension = dimension, Title = title, Filters = filters };
    }

    private static T? Parse<T>(string? text, string field, string what, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(text) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            && !int.TryParse(text, out _))
        {
            return value;
        }

        errors[field] = [$"Use {what}."];
        return null;
    }
}
