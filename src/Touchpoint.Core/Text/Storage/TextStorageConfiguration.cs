using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Text.Storage;

internal sealed class AnalyzedTextConfiguration : IEntityTypeConfiguration<AnalyzedText>
{
    public void Configure(EntityTypeBuilder<AnalyzedText> builder)
    {
        builder.Property(t => t.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Field).HasMaxLength(100);
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.SentimentLabel).HasMaxLength(16);
        builder.Property(t => t.Emotion).HasMaxLength(16);
        // One analysis per text: re-scoring updates it, a resent message cannot add a second.
        builder.HasIndex(t => new { t.ResponseId, t.Field }).IsUnique();
        builder.HasIndex(t => t.MessageId).IsUnique();
        builder.HasOne(t => t.Response).WithMany().HasForeignKey(t => t.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Message).WithMany().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.WorkspaceId, t.OccurredAt });
        builder.HasIndex(t => new { t.WorkspaceId, t.TaxonomyVersion });
        builder.HasIndex(t => t.ConversationId);
        builder.HasIndex(t => t.CustomerId);
        builder.HasMany(t => t.Labels).WithOne().HasForeignKey(l => l.AnalyzedTextId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TextLabelConfiguration : IEntityTypeConfiguration<TextLabel>
{
    public void Configure(EntityTypeBuilder<TextLabel> builder)
    {
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Value).HasMaxLength(300);
        builder.HasIndex(l => new { l.WorkspaceId, l.Kind, l.Value, l.AnalyzedTextId });
        builder.HasIndex(l => new { l.AnalyzedTextId, l.Kind });
    }
}

internal sealed class TaxonomyTopicConfiguration : IEntityTypeConfiguration<TaxonomyTopic>
{
    public void Configure(EntityTypeBuilder<TaxonomyTopic> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Keywords).HasMaxLength(20_000);
        builder.Property(t => t.Exclusions).HasMaxLength(20_000);
        builder.HasOne<TaxonomyTopic>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TextSettingsConfiguration : IEntityTypeConfiguration<TextSettings>
{
    public void Configure(EntityTypeBuilder<TextSettings> builder)
    {
        builder.HasKey(s => s.WorkspaceId);
    }
}
