using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Platform;

namespace Touchpoint.Core.Analytics.Outcomes;

internal sealed class CustomerChurnRiskConfiguration : IEntityTypeConfiguration<CustomerChurnRisk>
{
    public void Configure(EntityTypeBuilder<CustomerChurnRisk> builder)
    {
        builder.HasKey(r => r.CustomerId);
        builder.Property(r => r.Reasons).HasMaxLength(4000);
        // The riskiest first, within a workspace: the API's list and the customers filter read this.
        builder.HasIndex(r => new { r.WorkspaceId, r.Score });
        // Erasing a customer erases their score.
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChurnModelFitConfiguration : IEntityTypeConfiguration<ChurnModelFit>
{
    public void Configure(EntityTypeBuilder<ChurnModelFit> builder)
    {
        builder.HasKey(f => f.WorkspaceId);
        builder.Property(f => f.Weights).HasMaxLength(4000);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(f => f.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutcomeSettingsConfiguration : IEntityTypeConfiguration<OutcomeSettings>
{
    public void Configure(EntityTypeBuilder<OutcomeSettings> builder)
    {
        builder.HasKey(s => s.WorkspaceId);
        builder.Property(s => s.PurchaseEvent).HasMaxLength(OutcomeSettings.MaxEventNameLength);
        builder.Property(s => s.ReferralSentEvent).HasMaxLength(OutcomeSettings.MaxEventNameLength);
        builder.Property(s => s.ReferralCompletedEvent).HasMaxLength(OutcomeSettings.MaxEventNameLength);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
