using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsightsChurnRisk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChurnModelFits",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weights = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PriorOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    FittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TrainingCustomers = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingChurned = table.Column<int>(type: "INTEGER", nullable: false),
                    BacktestCutOff = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BacktestOutOfSample = table.Column<bool>(type: "INTEGER", nullable: false),
                    BacktestCustomers = table.Column<int>(type: "INTEGER", nullable: false),
                    BacktestChurned = table.Column<int>(type: "INTEGER", nullable: false),
                    Auc = table.Column<double>(type: "REAL", nullable: true),
                    TopDecileLift = table.Column<double>(type: "REAL", nullable: true),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChurnModelFits", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_ChurnModelFits_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerChurnRisks",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerChurnRisks", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_CustomerChurnRisks_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeSettings",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PurchaseEvent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferralSentEvent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferralCompletedEvent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChurnWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RecomputeRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSettings", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_OutcomeSettings_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChurnModelFits_WorkspaceId",
                table: "ChurnModelFits",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerChurnRisks_WorkspaceId",
                table: "CustomerChurnRisks",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerChurnRisks_WorkspaceId_Score",
                table: "CustomerChurnRisks",
                columns: new[] { "WorkspaceId", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeSettings_WorkspaceId",
                table: "OutcomeSettings",
                column: "WorkspaceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChurnModelFits");

            migrationBuilder.DropTable(
                name: "CustomerChurnRisks");

            migrationBuilder.DropTable(
                name: "OutcomeSettings");
        }
    }
}
