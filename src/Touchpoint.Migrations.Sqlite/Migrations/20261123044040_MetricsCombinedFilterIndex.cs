using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MetricsCombinedFilterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Responses_WorkspaceId_Metric_TouchPointId_SubmittedAt",
                table: "Responses",
                columns: new[] { "WorkspaceId", "Metric", "TouchPointId", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_WorkspaceId_Metric_TouchPointId_SubmittedAt",
                table: "Responses");
        }
    }
}
