using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Analytics.Rollups;

internal sealed class MetricRollupConfiguration : IEntityTypeConfiguration<MetricRollup>
{
    public void Configure(EntityTypeBuilder<MetricRollup> builder)
    {
        // A breakdown reads one workspace, metric and dimension over a range of days, every key.
        builder.HasKey(r => new { r.WorkspaceId, r.Metric, r.Dimension, r.Day, r.Key });
        builder.Property(r => r.Metric).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Dimension).HasMaxLength(16);
        builder.Property(r => r.Key).HasMaxLength(300);
        builder.Ignore(r => r.Tally);
        // The maintainer replaces a workspace's days.
        builder.HasIndex(r => new { r.WorkspaceId, r.Day });
    }
}

internal sealed class RollupMarkConfiguration : IEntityTypeConfiguration<RollupMark>
{
    public void Configure(EntityTypeBuilder<RollupMark> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.WorkspaceId, m.Id });
    }
}

internal sealed class RollupStateConfiguration : IEntityTypeConfiguration<RollupState>
{
    public void Configure(EntityTypeBuilder<RollupState> builder)
    {
        builder.HasKey(s => s.WorkspaceId);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
    }
}
