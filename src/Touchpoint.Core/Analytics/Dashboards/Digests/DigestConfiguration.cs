using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Analytics.Dashboards.Digests;

internal sealed class DigestSubscriptionConfiguration : IEntityTypeConfiguration<DigestSubscription>
{
    public void Configure(EntityTypeBuilder<DigestSubscription> builder)
    {
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(s => new { s.WorkspaceId, s.UserId }).IsUnique();
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.Property(d => d.PeriodKey).HasMaxLength(40);
        builder.HasIndex(d => new { d.SubscriptionId, d.PeriodKey }).IsUnique();
        builder.HasOne<DigestSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
