using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Customers;

internal sealed class CustomerIdentityConfiguration : IEntityTypeConfiguration<CustomerIdentity>
{
    public void Configure(EntityTypeBuilder<CustomerIdentity> builder)
    {
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Value).HasMaxLength(200);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.WorkspaceId, i.Kind, i.Value }).IsUnique();
        builder.HasIndex(i => i.CustomerId);
    }
}

internal sealed class CustomerTraitConfiguration : IEntityTypeConfiguration<CustomerTrait>
{
    public void Configure(EntityTypeBuilder<CustomerTrait> builder)
    {
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Text).HasMaxLength(256);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        // Rules ask "does this customer have key K with value V": one index probe per customer.
        builder.HasIndex(t => new { t.CustomerId, t.Key, t.Text });
        builder.HasIndex(t => new { t.CustomerId, t.Key, t.Number });
        // Counting everyone with key K = V scans one index range.
        builder.HasIndex(t => new { t.WorkspaceId, t.Key, t.Text });
    }
}

internal sealed class TraitDefinitionConfiguration : IEntityTypeConfiguration<TraitDefinition>
{
    public void Configure(EntityTypeBuilder<TraitDefinition> builder)
    {
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Label).HasMaxLength(100);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.Property(t => t.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Type).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => new { t.WorkspaceId, t.Key }).IsUnique();
    }
}

internal sealed class PersonaConfiguration : IEntityTypeConfiguration<Persona>
{
    public void Configure(EntityTypeBuilder<Persona> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(500);
        builder.HasIndex(p => new { p.WorkspaceId, p.Name }).IsUnique();
    }
}

internal sealed class LifecycleRuleConfiguration : IEntityTypeConfiguration<LifecycleRule>
{
    public void Configure(EntityTypeBuilder<LifecycleRule> builder)
    {
        builder.Property(r => r.Stage).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.WorkspaceId, r.Stage }).IsUnique();
    }
}
