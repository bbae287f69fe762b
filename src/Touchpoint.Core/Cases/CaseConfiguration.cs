using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Conversations;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Feedback;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(CaseLimits.MaxTitleLength);
        builder.Property(c => c.Description).HasMaxLength(CaseLimits.MaxTextLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ReplyToken).HasMaxLength(64);
        builder.Property(c => c.RootCause).HasMaxLength(CaseLimits.MaxCodeLength);
        builder.Property(c => c.ResolutionCode).HasMaxLength(CaseLimits.MaxCodeLength);
        builder.Property(c => c.ResolutionNote).HasMaxLength(CaseLimits.MaxTextLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOpen);
        builder.HasIndex(c => new { c.WorkspaceId, c.Number }).IsUnique();
        builder.HasIndex(c => c.ReplyToken).IsUnique();
        builder.HasIndex(c => new { c.WorkspaceId, c.Status, c.OwnerId });
        builder.HasIndex(c => new { c.WorkspaceId, c.TeamId, c.Status });
        builder.HasIndex(c => new { c.WorkspaceId, c.AlertRuleId, c.CustomerId });
        // Erasing a customer erases the cases about them: they quote the customer's words.
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Response>().WithMany().HasForeignKey(c => c.ResponseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AlertRule>().WithMany().HasForeignKey(c => c.AlertRuleId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(c => c.TouchPointId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(c => c.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CaseActivityConfiguration : IEntityTypeConfiguration<CaseActivity>
{
    public void Configure(EntityTypeBuilder<CaseActivity> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.CaseId, a.CreatedAt });
    }
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Assignment).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.WorkspaceId, r.Trigger, r.Enabled });
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.Property(p => p.Priority).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => new { p.WorkspaceId, p.Priority }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.EscalateToUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AuthorityLimitConfiguration : IEntityTypeConfiguration<AuthorityLimit>
{
    public void Configure(EntityTypeBuilder<AuthorityLimit> builder)
    {
        builder.Property(l => l.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Kind).HasMaxLength(CaseLimits.MaxCodeLength);
        builder.Property(l => l.MaxAmount).HasPrecision(18, 2);
        builder.HasIndex(l => new { l.WorkspaceId, l.Role, l.UserId, l.Kind }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompensationConfiguration : IEntityTypeConfiguration<Compensation>
{
    public void Configure(EntityTypeBuilder<Compensation> builder)
    {
        builder.Property(c => c.Kind).HasMaxLength(CaseLimits.MaxCodeLength);
        builder.Property(c => c.Amount).HasPrecision(18, 2);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Note).HasMaxLength(CaseLimits.MaxTextLength);
        builder.Property(c => c.DecisionNote).HasMaxLength(CaseLimits.MaxTextLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.ApprovalTokenHash).HasMaxLength(64);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.CaseId);
        builder.HasIndex(c => c.ApprovalTokenHash).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.ApproverId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.DecidedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> builder)
    {
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(500);
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
