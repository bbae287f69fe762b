using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.Property(c => c.Region).HasMaxLength(100);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.LifecycleStage).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(c => c.Consent);
        builder.HasOne<Persona>().WithMany().HasForeignKey(c => c.PersonaId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.WorkspaceId, c.ExternalId }).IsUnique();
        builder.HasIndex(c => new { c.WorkspaceId, c.Email });
        builder.HasIndex(c => new { c.WorkspaceId, c.Phone });
        builder.HasIndex(c => new { c.WorkspaceId, c.Country, c.Region });
        builder.HasIndex(c => new { c.WorkspaceId, c.LifecycleStage });
        // Lists page newest first.
        builder.HasIndex(c => new { c.WorkspaceId, c.CreatedAt, c.Id });
    }
}
