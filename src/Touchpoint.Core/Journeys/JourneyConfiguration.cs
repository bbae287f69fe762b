using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Conversations;

namespace Touchpoint.Core.Journeys;

internal sealed class JourneyConfiguration : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> builder)
    {
        builder.Property(j => j.Name).HasMaxLength(200);
        builder.Property(j => j.Description).HasMaxLength(2000);
        builder.HasMany(j => j.Stages).WithOne().HasForeignKey(s => s.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JourneyStageConfiguration : IEntityTypeConfiguration<JourneyStage>
{
    public void Configure(EntityTypeBuilder<JourneyStage> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasMany(s => s.TouchPoints).WithOne(t => t.Stage).HasForeignKey(t => t.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TouchPointConfiguration : IEntityTypeConfiguration<TouchPoint>
{
    public void Configure(EntityTypeBuilder<TouchPoint> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
