using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Tracking;

internal sealed class TrackedEventConfiguration : IEntityTypeConfiguration<TrackedEvent>
{
    public void Configure(EntityTypeBuilder<TrackedEvent> builder)
    {
        builder.ToTable("Events");
        builder.Property(e => e.MessageId).HasMaxLength(100);
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(e => e.TouchPointId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => new { e.WorkspaceId, e.MessageId }).IsUnique();
        // The timeline and event-count rules read one customer's events by name and time.
        builder.HasIndex(e => new { e.CustomerId, e.OccurredAt });
        builder.HasIndex(e => new { e.CustomerId, e.Name, e.OccurredAt });
        builder.HasIndex(e => new { e.WorkspaceId, e.OccurredAt });
    }
}

internal sealed class TouchPointMappingConfiguration : IEntityTypeConfiguration<TouchPointMapping>
{
    public void Configure(EntityTypeBuilder<TouchPointMapping> builder)
    {
        builder.Property(m => m.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.EventType).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.EventName).HasMaxLength(200);
        builder.Property(m => m.PathPrefix).HasMaxLength(200);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(m => m.TouchPointId).OnDelete(DeleteBehavior.Cascade);
    }
}
