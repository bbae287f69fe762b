using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Core.Surveys;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Question).HasMaxLength(500);
        builder.Property(s => s.CommentPrompt).HasMaxLength(500);
        builder.Property(s => s.LinkId).HasMaxLength(32);
        builder.Property(s => s.Metric).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => s.LinkId).IsUnique();
    }
}
