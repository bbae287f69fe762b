using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Migrations.Postgres.Migrations
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
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Metric = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    N = table.Column<long>(type: "bigint", nullable: false),
                    High = table.Column<long>(type: "bigint", nullable: false),
                    Middle = table.Column<long>(type: "bigint", nullable: false),
                    Low = table.Column<long>(type: "bigint", nullable: false),
                    Sum = table.Column<long>(type: "bigint", nullable: false),
                    SumOfSquares = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricRollups", x => new { x.WorkspaceId, x.Metric, x.Dimension, x.Day, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "RollupMarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UtcDay = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RowId = table.Column<long>(type: "bigint", nullable: true),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupStates",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Ready = table.Column<bool>(type: "boolean", nullable: false),
                    RebuiltThrough = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
