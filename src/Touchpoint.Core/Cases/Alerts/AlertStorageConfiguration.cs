using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Cases.Alerts;

internal sealed class AlertCursorConfiguration : IEntityTypeConfiguration<AlertCursor>
{
    public void Configure(EntityTypeBuilder<AlertCursor> builder)
    {
        builder.HasKey(c => c.Stream);
        builder.Property(c => c.Stream).HasMaxLength(32);
    }
}

internal sealed class AlertFiringConfiguration : IEntityTypeConfiguration<AlertFiring>
{
    public void Configure(EntityTypeBuilder<AlertFiring> builder)
    {
        builder.Property(f => f.ItemKey).HasMaxLength(64);
        builder.HasIndex(f => new { f.AlertRuleId, f.ItemKey }).IsUnique();
        builder.HasOne<AlertRule>().WithMany().HasForeignKey(f => f.AlertRuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
