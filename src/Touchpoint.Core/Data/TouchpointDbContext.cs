using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Core.Cases;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Email;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Segments;
using Touchpoint.Core.Surveys;
using Touchpoint.Core.Text.Storage;
using Touchpoint.Core.Tracking;

namespace Touchpoint.Core.Data;

/// <summary>
/// The one data context. Workspace isolation is enforced here and nowhere else: every entity that
/// implements <see cref="IWorkspaceOwned"/> is filtered to the current workspace on read, and a write
/// to a row of another workspace throws. Code that must cross workspaces (sign-in, public survey
/// links, background workers) says so with <c>IgnoreQueryFilters()</c>.
/// </summary>
public class TouchpointDbContext(DbContextOptions<TouchpointDbContext> options, WorkspaceScope scope)
    : IdentityUserContext<User, Guid>(options)
{
    /// <summary>Read by the query filters; EF parameterizes it per context instance.</summary>
    internal Guid CurrentWorkspaceId => scope.WorkspaceId;

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<JourneyStage> JourneyStages => Set<JourneyStage>();
    public DbSet<TouchPoint> TouchPoints => Set<TouchPoint>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerIdentity> CustomerIdentities => Set<CustomerIdentity>();
    public DbSet<CustomerTrait> CustomerTraits => Set<CustomerTrait>();
    public DbSet<TraitDefinition> TraitDefinitions => Set<TraitDefinition>();
    public DbSet<Persona> Personas => Set<Persona>();
    public DbSet<LifecycleRule> LifecycleRules => Set<LifecycleRule>();
    public DbSet<TrackedEvent> Events => Set<TrackedEvent>();
    public DbSet<TouchPointMapping> TouchPointMappings => Set<TouchPointMapping>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMember> SegmentMembers => Set<SegmentMember>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyVersion> SurveyVersions => Set<SurveyVersion>();
    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();
    public DbSet<ContactRules> ContactRules => Set<ContactRules>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<Inbox> Inboxes => Set<Inbox>();
    public DbSet<InboxAgent> InboxAgents => Set<InboxAgent>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<AgentStatus> AgentStatuses => Set<AgentStatus>();
    public DbSet<CannedReply> CannedReplies => Set<CannedReply>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();
    public DbSet<ConversationAgent> ConversationAgents => Set<ConversationAgent>();
    public DbSet<AnalyzedText> AnalyzedTexts => Set<AnalyzedText>();
    public DbSet<TextLabel> TextLabels => Set<TextLabel>();
    public DbSet<TaxonomyTopic> TaxonomyTopics => Set<TaxonomyTopic>();
    public DbSet<TextSettings> TextSettings => Set<TextSettings>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseActivity> CaseActivities => Set<CaseActivity>();
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<AuthorityLimit> AuthorityLimits => Set<AuthorityLimit>();
    public DbSet<Compensation> Compensations => Set<Compensation>();
    public DbSet<UserNotification> UserNotifications => Set<UserNotification>();
    public DbSet<Cases.Alerts.AlertCursor> AlertCursors => Set<Cases.Alerts.AlertCursor>();
    public DbSet<Cases.Alerts.AlertFiring> AlertFirings => Set<Cases.Alerts.AlertFiring>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Analytics.Outcomes.CustomerChurnRisk> CustomerChurnRisks => Set<Analytics.Outcomes.CustomerChurnRisk>();
    public DbSet<Analytics.Outcomes.ChurnModelFit> ChurnModelFits => Set<Analytics.Outcomes.ChurnModelFit>();
    public DbSet<Analytics.Outcomes.OutcomeSettings> OutcomeSettings => Set<Analytics.Outcomes.OutcomeSettings>();
    public DbSet<Analytics.Dashboards.Dashboard> Dashboards => Set<Analytics.Dashboards.Dashboard>();
    public DbSet<Analytics.Dashboards.DashboardWidget> DashboardWidgets => Set<Analytics.Dashboards.DashboardWidget>();
    public DbSet<Analytics.Dashboards.DashboardShareLink> DashboardShareLinks => Set<Analytics.Dashboards.DashboardShareLink>();
    public DbSet<Analytics.Dashboards.Digests.DigestSubscription> DigestSubscriptions => Set<Analytics.Dashboards.Digests.DigestSubscription>();
    public DbSet<Analytics.Dashboards.Digests.DigestDelivery> DigestDeliveries => Set<Analytics.Dashboards.Digests.DigestDelivery>();
    public DbSet<Analytics.Rollups.MetricRollup> MetricRollups => Set<Analytics.Rollups.MetricRollup>();
    public DbSet<Analytics.Rollups.RollupMark> RollupMarks => Set<Analytics.Rollups.RollupMark>();
    public DbSet<Analytics.Rollups.RollupState> RollupStates => Set<Analytics.Rollups.RollupState>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>().ToTable("Users");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("UserClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("UserLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("UserTokens");
        builder.ApplyConfigurationsFromAssembly(typeof(TouchpointDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IWorkspaceOwned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).HasQueryFilter(WorkspaceFilter(entity.ClrType));
                builder.Entity(entity.ClrType).HasIndex(nameof(IWorkspaceOwned.WorkspaceId));
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardWorkspaceWrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardWorkspaceWrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New rows join the current workspace; rows of another workspace are never written.</summary>
    private void GuardWorkspaceWrites()
    {
        foreach (var entry in ChangeTracker.Entries<IWorkspaceOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.WorkspaceId == Guid.Empty)
            {
                if (!scope.IsSet)
                {
                    throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} needs a workspace.");
                }

                entry.Entity.WorkspaceId = scope.WorkspaceId;
            }

            if (scope.IsSet && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity.WorkspaceId != scope.WorkspaceId)
            {
                throw new CrossWorkspaceWriteException(entry.Metadata.ClrType.Name);
            }
        }
    }

    private LambdaExpression WorkspaceFilter(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var owner = Expression.Property(entity, nameof(IWorkspaceOwned.WorkspaceId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentWorkspaceId));
        return Expression.Lambda(Expression.Equal(owner, current), entity);
    }
}
