using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Email;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Kind).HasMaxLength(16);
        // An email address, or a webhook URL.
        builder.Property(m => m.Recipient).HasMaxLength(2000);
        builder.Property(m => m.Reference).HasMaxLength(100);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // 32 hex digits and a space per file: a reply carries at most a handful.
        builder.Property(m => m.ConversationFiles).HasMaxLength(2000);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.WorkspaceId);
        builder.HasIndex(m => m.CustomerId);
    }
}
