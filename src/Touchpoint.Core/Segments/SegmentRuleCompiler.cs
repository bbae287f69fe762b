using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Data;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Segments;

/// <summary>
/// Turns a rule into a filter EF Core translates to SQL on SQLite and PostgreSQL. Every value from the
/// rule is captured in a closure, so EF sends it as a query parameter: rule text never becomes SQL text.
/// Children are joined by swapping their parameters for one shared parameter (no Expression.Invoke,
/// which EF cannot translate inside subqueries).
/// </summary>
public sealed class SegmentRuleCompiler(TouchpointDbContext db, DateTime utcNow)
{
    private readonly IQueryable<CustomerTrait> _traits = db.CustomerTraits;
    private readonly IQueryable<TrackedEvent> _events = db.Events;
    private readonly IQueryable<Response> _responses = db.Responses;
    private readonly IQueryable<SegmentMember> _members = db.SegmentMembers;

    public Expression<Func<Customer, bool>> Compile(SegmentRule rule)
    {
        var customer = Expression.Parameter(typeof(Customer), "c");
        return Expression.Lambda<Func<Customer, bool>>(Body(rule, customer), customer);
    }

    private Expression Body(SegmentRule? rule, ParameterExpression customer) => rule switch
    {
        AllOf all => Combine(all.Rules, customer, Expression.AndAlso, true),
        AnyOf any => Combine(any.Rules, customer, Expression.OrElse, false),
        NotRule not => Expression.Not(Body(not.Rule, customer)),
        _ => Inline(Leaf(rule), customer),
    };

    private Expression Combine(IReadOnlyList<SegmentRule>? rules, ParameterExpression customer,
        Func<Expression, Expression, BinaryExpression> join, bool whenEmpty)
    {
        if (rules is not { Count: > 0 })
        {
            return Expression.Constant(whenEmpty);
        }

        return rules.Select(r => Body(r, customer)).Aggregate((left, right) => join(left, right));
    }

    private static Expression Inline(Expression<Func<Customer, bool>> lambda, ParameterExpression customer) =>
        new ParameterReplacer(lambda.Parameters[0], customer).Visit(lambda.Body);

    private Expression<Func<Customer, bool>> Leaf(SegmentRule? rule) => rule switch
    {
        TraitCondition trait => Trait(trait),
        EventCondition e => Event(e),
        ScoreCondition score => Score(score),
        LifecycleCondition lifecycle => Lifecycle(lifecycle),
        RegionCondition region => Region(region),
        RadiusCondition radius => Radius(radius),
        PersonaCondition persona => Persona(persona),
        SegmentCondition segment => Segment(segment),
        ConsentCondition consent => Consent(consent),
        _ => c => false,
    };

    private Expression<Func<Customer, bool>> Trait(TraitCondition rule)
    {
        var traits = _traits;
        var key = rule.Key ?? "";
        var value = rule.Value ?? default;
        switch (rule.Op?.ToLowerInvariant())
        {
            case "exists":
                return c => traits.Any(t => t.CustomerId == c.Id && t.Key == key);
            case "notexists":
                return c => !traits.Any(t => t.CustomerId == c.Id && t.Key == key);
            case "eq":
                return TraitEquals(key, value);
            case "neq":
                // "Is not" includes customers without the trait, as people expect of "plan is not pro".
                var eq = TraitEquals(key, value);
                return Expression.Lambda<Func<Customer, bool>>(Expression.Not(eq.Body), eq.Parameters);
            case "contains":
                var part = TraitValue.AsText(value);
                return c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && t.Text != null && t.Text.Contains(part));
            case "in":
                var texts = (rule.Values ?? []).Select(TraitValue.AsText).Distinct().ToList();
                var numbers = (rule.Values ?? []).Select(NumberOf).Where(n => n is not null).Distinct().ToList();
                return numbers.Count == 0
                    ? c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && texts.Contains(t.Text!))
                    : c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && (texts.Contains(t.Text!) || numbers.Contains(t.Number)));
            default:
                var n = TraitValue.AsNumber(value) ?? double.NaN;
                return rule.Op?.ToLowerInvariant() switch
                {
                    "gt" => c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && t.Number > n),
                    "gte" => c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && t.Number >= n),
                    "lt" => c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && t.Number < n),
                    "lte" => c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && t.Number <= n),
                    _ => c => false,
                };
        }
    }

    /// <summary>Equal as text (case-insensitively) or, for a number or numeric text, as a number.</summary>
    private Expression<Func<Customer, bool>> TraitEquals(string key, JsonElement value)
    {
        var traits = _traits;
        var text = TraitValue.AsText(value);
        if (NumberOf(value) is { } number)
        {
            return c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && (t.Text == text || t.Number == number));
        }

        return c => traits.Any(t => t.CustomerId == c.Id && t.Key == key && t.Text == text);
    }

    private static double? NumberOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.IsFinite(n) => n,
        _ => null,
    };

    private Expression<Func<Customer, bool>> Event(EventCondition rule)
    {
        var events = _events;
        var name = rule.Name ?? "";
        var count = rule.Count ?? 0;
        var since = rule.WithinDays is { } days ? utcNow.AddDays(-days) : DateTime.MinValue;
        Expression<Func<Customer, int>> counted = rule.WithinDays is null
            ? c => events.Count(e => e.CustomerId == c.Id && e.Name == name)
            : c => events.Count(e => e.CustomerId == c.Id && e.Name == name && e.OccurredAt >= since);
        Expression<Func<int>> limit = () => count;
        return Compare(counted, rule.Op, limit.Body);
    }

    private Expression<Func<Customer, bool>> Score(ScoreCondition rule)
    {
        var responses = _responses;
        var metric = Enum.TryParse<SurveyMetric>(rule.Metric, ignoreCase: true, out var m) ? m : SurveyMetric.Nps;
        double? value = rule.Value ?? 0;
        Expression<Func<Customer, double?>> latest = c => responses
            .Where(r => r.CustomerId == c.Id && r.Metric == metric && r.Score != null)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Select(r => (double?)r.Score)
            .FirstOrDefault();
        Expression<Func<double?>> limit = () => value;
        var compared = Compare(latest, rule.Op, limit.Body);
        // Customers who never answered have no score: they meet no score condition, "neq" included.
        var answered = Expression.NotEqual(latest.Body, Expression.Constant(null, typeof(double?)));
        return Expression.Lambda<Func<Customer, bool>>(Expression.AndAlso(answered, compared.Body), latest.Parameters);
    }

    private static Expression<Func<Customer, bool>> Compare<T>(Expression<Func<Customer, T>> left, string? op, Expression right)
    {
        Expression body = op?.ToLowerInvariant() switch
        {
            "eq" => Expression.Equal(left.Body, right),
            "neq" => Expression.NotEqual(left.Body, right),
            "gt" => Expression.GreaterThan(left.Body, right),
            "gte" => Expression.GreaterThanOrEqual(left.Body, right),
            "lt" => Expression.LessThan(left.Body, right),
            "lte" => Expression.LessThanOrEqual(left.Body, right),
            _ => Expression.Constant(false),
        };
        return Expression.Lambda<Func<Customer, bool>>(body, left.Parameters);
    }

    private static Expression<Func<Customer, bool>> Lifecycle(LifecycleCondition rule)
    {
        var stages = (rule.Stages ?? [])
            .Select(s => LifecycleStages.TryParse(s, out var stage) ? stage : (LifecycleStage?)null)
            .Where(s => s is not null).Distinct().ToList();
        if (stages.Count == 0)
        {
            return c => false;
        }

        var customer = Expression.Parameter(typeof(Customer), "c");
        var body = stages.Select(stage =>
        {
            Expression<Func<Customer, bool>> one = c => c.LifecycleStage == stage;
            return Inline(one, customer);
        }).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Customer, bool>>(body, customer);
    }

    // ToLower() is what EF translates to lower() on both databases; string.Equals with a comparison is not translated.
#pragma warning disable CA1862
    private static Expression<Func<Customer, bool>> Region(RegionCondition rule)
    {
        var country = rule.Country?.Trim().ToUpperInvariant();
        var region = rule.Region?.Trim().ToLowerInvariant();
        var city = rule.City?.Trim().ToLowerInvariant();
        Expression<Func<Customer, bool>> result = c => true;
        if (!string.IsNullOrEmpty(country))
        {
            result = And(result, c => c.Country == country);
        }

        if (!string.IsNullOrEmpty(region))
        {
            result = And(result, c => c.Region != null && c.Region.ToLower() == region);
        }

        if (!string.IsNullOrEmpty(city))
        {
            result = And(result, c => c.City != null && c.City.ToLower() == city);
        }

        return result;
    }
#pragma warning restore CA1862

    private static Expression<Func<Customer, bool>> Radius(RadiusCondition rule)
    {
        var latitude = rule.Latitude ?? 0;
        var longitude = rule.Longitude ?? 0;
        // cos(latitude) is computed here: SQLite has no trigonometry, and one value serves every row.
        var cosLatitude = Math.Cos(latitude * Math.PI / 180.0);
        var degrees = (rule.Km ?? 0) / RuleGeometry.KmPerDegree;
        var maxSquared = degrees * degrees;
        return c => c.Latitude != null && c.Longitude != null
            && ((c.Latitude.Value - latitude) * (c.Latitude.Value - latitude))
            + ((c.Longitude.Value - longitude) * cosLatitude * ((c.Longitude.Value - longitude) * cosLatitude)) <= maxSquared;
    }

    private static Expression<Func<Customer, bool>> Persona(PersonaCondition rule)
    {
        Guid? persona = Guid.TryParse(rule.Persona, out var id) ? id : Guid.Empty;
        return c => c.PersonaId == persona;
    }

    private Expression<Func<Customer, bool>> Segment(SegmentCondition rule)
    {
        var members = _members;
        var segment = Guid.TryParse(rule.Segment, out var id) ? id : Guid.Empty;
        return c => members.Any(m => m.SegmentId == segment && m.CustomerId == c.Id);
    }

    private static Expression<Func<Customer, bool>> Consent(ConsentCondition rule)
    {
        // Only an explicit true is consent; false matches "not consented" (said no, or never asked).
        var given = rule.Value ?? true;
        return rule.Flag?.ToLowerInvariant() switch
        {
            "email" => given ? c => c.Consent.Email == true : c => c.Consent.Email != true,
            "sms" => given ? c => c.Consent.Sms == true : c => c.Consent.Sms != true,
            "surveys" => given ? c => c.Consent.Surveys == true : c => c.Consent.Surveys != true,
            "tracking" => given ? c => c.Consent.Tracking == true : c => c.Consent.Tracking != true,
            _ => c => false,
        };
    }

    private static Expression<Func<Customer, bool>> And(Expression<Func<Customer, bool>> left, Expression<Func<Customer, bool>> right)
    {
        var customer = left.Parameters[0];
        return Expression.Lambda<Func<Customer, bool>>(Expression.AndAlso(left.Body, Inline(right, customer)), customer);
    }
}

/// <summary>Swaps one lambda parameter for another, so separately written conditions share one customer.</summary>
internal sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
