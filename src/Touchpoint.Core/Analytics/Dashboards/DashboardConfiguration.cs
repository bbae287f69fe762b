using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Analytics.Dashboards;

internal sealed class DashboardConfiguration : IEntityTypeConfiguration<Dashboard>
{
    public void Configure(EntityTypeBuilder<Dashboard> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(Dashboard.MaxNameLength);
        builder.Property(d => d.Filters).HasMaxLength(2000);
        builder.Property(d => d.RoleDefault).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(d => new { d.WorkspaceId, d.OwnerId });
        builder.HasMany(d => d.Widgets).WithOne().HasForeignKey(w => w.DashboardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DashboardWidgetConfiguration : IEntityTypeConfiguration<DashboardWidget>
{
    public void Configure(EntityTypeBuilder<DashboardWidget> builder)
    {
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Metric).HasConversion<string>().HasMaxLength(10);
        builder.Property(w => w.Dimension).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Title).HasMaxLength(DashboardWidget.MaxTitleLength);
        builder.Property(w => w.Filters).HasMaxLength(2000);
        builder.HasIndex(w => new { w.DashboardId, w.Position });
    }
}

internal sealed class DashboardShareLinkConfiguration : IEntityTypeConfiguration<DashboardShareLink>
{
    public void Configure(EntityTypeBuilder<DashboardShareLink> builder)
    {
        builder.Property(l => l.CreatedBy).HasMaxLength(200);
        builder.HasOne<Dashboard>().WithMany().HasForeignKey(l => l.DashboardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.DashboardId);
    }
}
