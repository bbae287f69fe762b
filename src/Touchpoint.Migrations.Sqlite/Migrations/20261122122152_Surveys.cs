using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Anonymous",
                table: "Surveys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Definition",
                table: "Surveys",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Intercept",
                table: "Surveys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QuarantineDays",
                table: "Surveys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReminderAfterDays",
                table: "Surveys",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Surveys",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Surveys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<int>(
                name: "Score",
                table: "Responses",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "Agent",
                table: "Responses",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "Responses",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "ConversationId",
                table: "Responses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CurrentPage",
                table: "Responses",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Device",
                table: "Responses",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DurationSeconds",
                table: "Responses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InvitationId",
                table: "Responses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "JourneyStageId",
                table: "Responses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Responses",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Notified",
                table: "Responses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OrderId",
                table: "Responses",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResumeToken",
                table: "Responses",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Snapshot",
                table: "Responses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StartedAt",
                table: "Responses",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Responses",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Responses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContactRules",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuarantineDays = table.Column<int>(type: "INTEGER", nullable: true),
                    QuietHoursStart = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietHoursEnd = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactRules", x => x.WorkspaceId);
                });

            migrationBuilder.CreateTable(
                name: "SurveyInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SuppressedReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ScheduledFor = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderOutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResponseId = table.Column<long>(type: "INTEGER", nullable: true),
                    TouchPointId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Hidden = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_TouchPoints_TouchPointId",
                        column: x => x.TouchPointId,
                        principalTable: "TouchPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SurveyVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyVersions_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Webhooks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Events = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Webhooks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_InvitationId",
                table: "Responses",
                column: "InvitationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Responses_JourneyStageId",
                table: "Responses",
                column: "JourneyStageId");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Notified_Status",
                table: "Responses",
                columns: new[] { "Notified", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_ResumeToken",
                table: "Responses",
                column: "ResumeToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactRules_WorkspaceId",
                table: "ContactRules",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_CustomerId_CreatedAt",
                table: "SurveyInvitations",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_Status_ScheduledFor",
                table: "SurveyInvitations",
                columns: new[] { "Status", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_SurveyId_CreatedAt",
                table: "SurveyInvitations",
                columns: new[] { "SurveyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_Token",
                table: "SurveyInvitations",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_TouchPointId",
                table: "SurveyInvitations",
                column: "TouchPointId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_WorkspaceId",
                table: "SurveyInvitations",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyVersions_SurveyId_Number",
                table: "SurveyVersions",
                columns: new[] { "SurveyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyVersions_WorkspaceId",
                table: "SurveyVersions",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Webhooks_WorkspaceId",
                table: "Webhooks",
                column: "WorkspaceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Responses_JourneyStages_JourneyStageId",
                table: "Responses",
                column: "JourneyStageId",
                principalTable: "JourneyStages",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // The walking skeleton's surveys become one-page definitions (score + comment), version 1;
            // their answers become completed responses of that version, already notified.
            migrationBuilder.Sql("""
                UPDATE "Surveys" SET "Version" = 1, "UpdatedAt" = "CreatedAt",
                  "Definition" = json_object('defaultLanguage', 'en', 'languages', json_array('en'), 'pages', json_array(json_object(
                    'id', 'p1', 'questions', json_array(
                      json_object('id', 'score', 'type', lower("Metric"), 'title', json_object('en', "Question"), 'required', json('true')),
                      json_object('id', 'comment', 'type', 'text', 'title', json_object('en', "CommentPrompt"))))));
                INSERT INTO "SurveyVersions" ("WorkspaceId", "SurveyId", "Number", "Definition", "CreatedAt", "CreatedBy")
                  SELECT "WorkspaceId", "Id", 1, "Definition", "CreatedAt", 'system' FROM "Surveys";
                UPDATE "Responses" SET "Version" = 1, "Status" = 'Completed', "StartedAt" = "SubmittedAt", "Notified" = 1,
                  "Answers" = CASE WHEN "Comment" IS NULL THEN json_object('score', "Score") ELSE json_object('score', "Score", 'comment', "Comment") END;
                """);

            migrationBuilder.DropColumn(
                name: "CommentPrompt",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Question",
                table: "Surveys");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Responses_JourneyStages_JourneyStageId",
                table: "Responses");

            migrationBuilder.DropTable(
                name: "ContactRules");

            migrationBuilder.DropTable(
                name: "SurveyInvitations");

            migrationBuilder.DropTable(
                name: "SurveyVersions");

            migrationBuilder.DropTable(
                name: "Webhooks");

            migrationBuilder.DropIndex(
                name: "IX_Responses_InvitationId",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Responses_JourneyStageId",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Responses_Notified_Status",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Responses_ResumeToken",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Anonymous",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Intercept",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "QuarantineDays",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "ReminderAfterDays",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Agent",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "ConversationId",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "CurrentPage",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Device",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "DurationSeconds",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "InvitationId",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "JourneyStageId",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Notified",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "ResumeToken",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Snapshot",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "Outbox");

            migrationBuilder.AddColumn<string>(
                name: "CommentPrompt",
                table: "Surveys",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Question",
                table: "Surveys",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<int>(
                name: "Score",
                table: "Responses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
