using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Journeys;

namespace Touchpoint.Core.Surveys;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.LinkId).HasMaxLength(32);
        builder.Property(s => s.Metric).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => s.LinkId).IsUnique();
    }
}

internal sealed class SurveyVersionConfiguration : IEntityTypeConfiguration<SurveyVersion>
{
    public void Configure(EntityTypeBuilder<SurveyVersion> builder)
    {
        builder.Property(v => v.CreatedBy).HasMaxLength(200);
        builder.HasOne<Survey>().WithMany().HasForeignKey(v => v.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.SurveyId, v.Number }).IsUnique();
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.Token).HasMaxLength(64);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.SuppressedReason).HasMaxLength(300);
        builder.Property(i => i.Agent).HasMaxLength(200);
        builder.Property(i => i.OrderId).HasMaxLength(200);
        builder.Property(i => i.Language).HasMaxLength(16);
        builder.HasIndex(i => i.Token).IsUnique();
        builder.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(i => i.TouchPointId).OnDelete(DeleteBehavior.SetNull);
        // Quarantine: the customer's latest invitations; the list of a survey's invitations.
        builder.HasIndex(i => new { i.CustomerId, i.CreatedAt });
        builder.HasIndex(i => new { i.SurveyId, i.CreatedAt });
        // The scheduler and the reminder job look for due rows.
        builder.HasIndex(i => new { i.Status, i.ScheduledFor });
    }
}

internal sealed class ContactRulesConfiguration : IEntityTypeConfiguration<ContactRules>
{
    public void Configure(EntityTypeBuilder<ContactRules> builder)
    {
        builder.HasKey(r => r.WorkspaceId);
    }
}
