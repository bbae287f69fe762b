using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Platform;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Conversations;

internal sealed class InboxConfiguration : IEntityTypeConfiguration<Inbox>
{
    public void Configure(EntityTypeBuilder<Inbox> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Assignment).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.WidgetKey).HasMaxLength(64);
        builder.Property(i => i.IdentitySecret).HasMaxLength(128);
        builder.Property(i => i.EmailAddress).HasMaxLength(320);
        builder.Property(i => i.Greeting).HasMaxLength(1000);
        builder.Property(i => i.OfflineMessage).HasMaxLength(1000);
        builder.Property(i => i.Color).HasMaxLength(7);
        builder.HasIndex(i => i.WidgetKey).IsUnique();
        builder.HasOne<Survey>().WithMany().HasForeignKey(i => i.FollowUpSurveyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(i => i.TouchPointId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class InboxAgentConfiguration : IEntityTypeConfiguration<InboxAgent>
{
    public void Configure(EntityTypeBuilder<InboxAgent> builder)
    {
        builder.HasOne<Inbox>().WithMany().HasForeignKey(a => a.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.InboxId, a.UserId }).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => new { t.WorkspaceId, t.Name }).IsUnique();
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique();
    }
}

internal sealed class AgentStatusConfiguration : IEntityTypeConfiguration<AgentStatus>
{
    public void Configure(EntityTypeBuilder<AgentStatus> builder)
    {
        builder.Property(a => a.Presence).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.WorkspaceId, a.UserId }).IsUnique();
    }
}

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> builder)
    {
        builder.Property(c => c.Shortcut).HasMaxLength(64);
        builder.Property(c => c.Body).HasMaxLength(ConversationLimits.MaxMessageLength);
        builder.HasIndex(c => new { c.WorkspaceId, c.Shortcut }).IsUnique();
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Subject).HasMaxLength(500);
        builder.Property(c => c.ContactName).HasMaxLength(200);
        builder.Property(c => c.ContactEmail).HasMaxLength(320);
        builder.Property(c => c.VisitorTokenHash).HasMaxLength(64);
        builder.Property(c => c.ReplyToken).HasMaxLength(32);
        builder.Property(c => c.CsatComment).HasMaxLength(ConversationLimits.MaxMessageLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Inbox>().WithMany().HasForeignKey(c => c.InboxId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(c => c.TouchPointId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.ReplyToken).IsUnique();
        builder.HasIndex(c => c.VisitorTokenHash);
        // The inbox lists a workspace's conversations by status, newest activity first.
        builder.HasIndex(c => new { c.WorkspaceId, c.Status, c.LastMessageAt });
        // Least-busy assignment counts each agent's open conversations.
        builder.HasIndex(c => new { c.AssigneeId, c.Status });
        builder.HasIndex(c => new { c.CustomerId, c.LastMessageAt });
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.Property(m => m.Author).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(ConversationLimits.MaxStoredBodyLength);
        builder.Property(m => m.EmailMessageId).HasMaxLength(998);
        builder.Property(m => m.ClientId).HasMaxLength(64);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.AuthorUserId).OnDelete(DeleteBehavior.SetNull);
        // Gap-free and unique per conversation: the database refuses a second message with the same number.
        builder.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        builder.HasIndex(m => new { m.ConversationId, m.ClientId }).IsUnique();
        builder.HasIndex(m => m.EmailMessageId);
    }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ConversationMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.MessageId);
    }
}

internal sealed class ConversationAgentConfiguration : IEntityTypeConfiguration<ConversationAgent>
{
    public void Configure(EntityTypeBuilder<ConversationAgent> builder)
    {
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.ConversationId, a.UserId }).IsUnique();
    }
}
