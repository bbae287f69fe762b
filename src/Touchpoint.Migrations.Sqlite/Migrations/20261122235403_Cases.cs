using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OwnerTeamId",
                table: "TouchPoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Assignment = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastAssignedUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertRules_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "AuthorityLimits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MaxAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthorityLimits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuthorityLimits_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FirstResponseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WarnAtPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessHours = table.Column<string>(type: "TEXT", nullable: true),
                    EscalateToUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReassignOnBreach = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Users_EscalateToUserId",
                        column: x => x.EscalateToUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "UserNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserNotifications_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponseId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventId = table.Column<long>(type: "INTEGER", nullable: true),
                    AlertRuleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TouchPointId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReplyToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RootCause = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolutionCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstContactAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SlaPolicyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FirstResponseDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolutionDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SlaWarnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstResponseBreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolutionBreachedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpInvitationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_AlertRules_AlertRuleId",
                        column: x => x.AlertRuleId,
                        principalTable: "AlertRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cases_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cases_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Cases_Responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "Responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cases_SlaPolicies_SlaPolicyId",
                        column: x => x.SlaPolicyId,
                        principalTable: "SlaPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cases_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cases_TouchPoints_TouchPointId",
                        column: x => x.TouchPointId,
                        principalTable: "TouchPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Cases_Users_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CaseActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: true),
                    Data = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseActivities_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseActivities_Users_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Compensations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RequestedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApproverId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    ApprovalTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Compensations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Compensations_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Compensations_Users_ApproverId",
                        column: x => x.ApproverId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Compensations_Users_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Compensations_Users_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TouchPoints_OwnerTeamId",
                table: "TouchPoints",
                column: "OwnerTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertRules_TeamId",
                table: "AlertRules",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertRules_WorkspaceId",
                table: "AlertRules",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertRules_WorkspaceId_Trigger_Enabled",
                table: "AlertRules",
                columns: new[] { "WorkspaceId", "Trigger", "Enabled" });

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityLimits_UserId",
                table: "AuthorityLimits",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityLimits_WorkspaceId",
                table: "AuthorityLimits",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityLimits_WorkspaceId_Role_UserId_Kind",
                table: "AuthorityLimits",
                columns: new[] { "WorkspaceId", "Role", "UserId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseActivities_ActorId",
                table: "CaseActivities",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseActivities_CaseId_CreatedAt",
                table: "CaseActivities",
                columns: new[] { "CaseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseActivities_WorkspaceId",
                table: "CaseActivities",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AlertRuleId",
                table: "Cases",
                column: "AlertRuleId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ConversationId",
                table: "Cases",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CustomerId",
                table: "Cases",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OwnerId",
                table: "Cases",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReplyToken",
                table: "Cases",
                column: "ReplyToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ResponseId",
                table: "Cases",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SlaPolicyId",
                table: "Cases",
                column: "SlaPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_TeamId",
                table: "Cases",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_TouchPointId",
                table: "Cases",
                column: "TouchPointId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkspaceId",
                table: "Cases",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkspaceId_AlertRuleId_CustomerId",
                table: "Cases",
                columns: new[] { "WorkspaceId", "AlertRuleId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkspaceId_Number",
                table: "Cases",
                columns: new[] { "WorkspaceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkspaceId_Status_OwnerId",
                table: "Cases",
                columns: new[] { "WorkspaceId", "Status", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkspaceId_TeamId_Status",
                table: "Cases",
                columns: new[] { "WorkspaceId", "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Compensations_ApprovalTokenHash",
                table: "Compensations",
                column: "ApprovalTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Compensations_ApproverId",
                table: "Compensations",
                column: "ApproverId");

            migrationBuilder.CreateIndex(
                name: "IX_Compensations_CaseId",
                table: "Compensations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Compensations_DecidedById",
                table: "Compensations",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_Compensations_RequestedById",
                table: "Compensations",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_Compensations_WorkspaceId",
                table: "Compensations",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_EscalateToUserId",
                table: "SlaPolicies",
                column: "EscalateToUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_WorkspaceId",
                table: "SlaPolicies",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_WorkspaceId_Priority",
                table: "SlaPolicies",
                columns: new[] { "WorkspaceId", "Priority" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserNotifications_UserId_ReadAt_CreatedAt",
                table: "UserNotifications",
                columns: new[] { "UserId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserNotifications_WorkspaceId",
                table: "UserNotifications",
                column: "WorkspaceId");

            migrationBuilder.AddForeignKey(
                name: "FK_TouchPoints_Teams_OwnerTeamId",
                table: "TouchPoints",
                column: "OwnerTeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_TouchPoints_Teams_OwnerTeamId",
                table: "TouchPoints");

            migrationBuilder.DropTable(
                name: "AuthorityLimits");

            migrationBuilder.DropTable(
                name: "CaseActivities");

            migrationBuilder.DropTable(
                name: "Compensations");

            migrationBuilder.DropTable(
                name: "UserNotifications");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "AlertRules");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropIndex(
                name: "IX_TouchPoints_OwnerTeamId",
                table: "TouchPoints");

            migrationBuilder.DropColumn(
                name: "OwnerTeamId",
                table: "TouchPoints");
        }
    }
}
