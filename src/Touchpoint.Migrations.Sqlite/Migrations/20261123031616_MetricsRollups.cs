using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MetricsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MetricRollups",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    N = table.Column<long>(type: "INTEGER", nullable: false),
                    High = table.Column<long>(type: "INTEGER", nullable: false),
                    Middle = table.Column<long>(type: "INTEGER", nullable: false),
                    Low = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<long>(type: "INTEGER", nullable: false),
                    SumOfSquares = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricRollups", x => new { x.WorkspaceId, x.Metric, x.Dimension, x.Day, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "RollupMarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UtcDay = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RowId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupStates",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Ready = table.Column<bool>(type: "INTEGER", nullable: false),
                    RebuiltThrough = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupStates", x => x.WorkspaceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MetricRollups_WorkspaceId_Day",
                table: "MetricRollups",
                columns: new[] { "WorkspaceId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_RollupMarks_WorkspaceId_Id",
                table: "RollupMarks",
                columns: new[] { "WorkspaceId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MetricRollups");

            migrationBuilder.DropTable(
                name: "RollupMarks");

            migrationBuilder.DropTable(
                name: "RollupStates");
        }
    }
}
