using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Core.Customers;
using Touchpoint.Core.Journeys;
using Touchpoint.Core.Surveys;

namespace Touchpoint.Core.Feedback;

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.Property(r => r.Metric).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Comment).HasMaxLength(ResponseSubmission.MaxCommentLength);
        builder.Property(r => r.Agent).HasMaxLength(200);
        builder.Property(r => r.OrderId).HasMaxLength(200);
        builder.Property(r => r.Language).HasMaxLength(16);
        builder.Property(r => r.Device).HasMaxLength(16);
        builder.Property(r => r.ResumeToken).HasMaxLength(64);
        builder.Property(r => r.CurrentPage).HasMaxLength(100);
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<TouchPoint>().WithMany().HasForeignKey(r => r.TouchPointId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<JourneyStage>().WithMany().HasForeignKey(r => r.JourneyStageId).OnDelete(DeleteBehavior.SetNull);
        // One response per invitation: the database says no to a second, whatever the race.
        builder.HasIndex(r => r.InvitationId).IsUnique();
        builder.HasIndex(r => r.ResumeToken).IsUnique();
        builder.HasIndex(r => new { r.Notified, r.Status });
        // Metrics read a workspace's responses of one metric over a time range.
        builder.HasIndex(r => new { r.WorkspaceId, r.Metric, r.SubmittedAt });
        // Combined filters (not rolled up) nearly always name a touch point (which fixes the channel and stage):
        // the metric's answers at one touch point over a time range, without reading the others.
        builder.HasIndex(r => new { r.WorkspaceId, r.Metric, r.TouchPointId, r.SubmittedAt });
        // Lists page newest first by (SubmittedAt, Id), in the workspace or in one survey.
        builder.HasIndex(r => new { r.WorkspaceId, r.SubmittedAt, r.Id });
        builder.HasIndex(r => new { r.WorkspaceId, r.SurveyId, r.SubmittedAt });
        // A customer's timeline and their latest score per metric.
        builder.HasIndex(r => new { r.CustomerId, r.Metric, r.SubmittedAt });
    }
}
