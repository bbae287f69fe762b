using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Platform;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.Property(w => w.TimeZone).HasMaxLength(64);
        builder.Property(w => w.WeekStart).HasConversion<string>().HasMaxLength(16);
    }
}
