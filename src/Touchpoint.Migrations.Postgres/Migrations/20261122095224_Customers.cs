using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Customers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stages are now the eight journey stages; earlier free-text stages are cleared.
            migrationBuilder.Sql("""
                UPDATE "Customers" SET "LifecycleStage" = NULL WHERE "LifecycleStage" NOT IN
                ('Awareness', 'Discovery', 'Attraction', 'Interaction', 'Purchase', 'Use', 'Cultivation', 'Advocacy')
                """);
            migrationBuilder.DropIndex(
                name: "IX_Responses_CustomerId",
                table: "Responses");

            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "Outbox",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "LifecycleStage",
                table: "Customers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Consent_Email",
                table: "Customers",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Consent_Sms",
                table: "Customers",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Consent_Surveys",
                table: "Customers",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Consent_Tracking",
                table: "Customers",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSeenAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "Customers",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LifecycleSetManually",
                table: "Customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "Customers",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PersonaId",
                table: "Customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Customers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Customers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Traits",
                table: "Customers",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ApiKeys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerIdentities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerIdentities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerIdentities_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerTraits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Number = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerTraits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerTraits_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Properties = table.Column<string>(type: "text", nullable: false),
                    Context = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TouchPointId = table.Column<Guid>(type: "uuid", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Events_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Events_TouchPoints_TouchPointId",
                        column: x => x.TouchPointId,
                        principalTable: "TouchPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "LifecycleRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rule = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LifecycleRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Personas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Rule = table.Column<string>(type: "text", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Personas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rule = table.Column<string>(type: "text", nullable: true),
                    MemberCount = table.Column<int>(type: "integer", nullable: false),
                    RecomputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Segments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TouchPointMappings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TouchPointId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    EventType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    EventName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PathPrefix = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchPointMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TouchPointMappings_TouchPoints_TouchPointId",
                        column: x => x.TouchPointId,
                        principalTable: "TouchPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TraitDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsReportingTrait = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TraitDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SegmentMembers",
                columns: table => new
                {
                    SegmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentMembers", x => new { x.SegmentId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_SegmentMembers_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SegmentMembers_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_CustomerId_Metric_SubmittedAt",
                table: "Responses",
                columns: new[] { "CustomerId", "Metric", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_CustomerId",
                table: "Outbox",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PersonaId",
                table: "Customers",
                column: "PersonaId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_WorkspaceId_Country_Region",
                table: "Customers",
                columns: new[] { "WorkspaceId", "Country", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_WorkspaceId_CreatedAt_Id",
                table: "Customers",
                columns: new[] { "WorkspaceId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_WorkspaceId_LifecycleStage",
                table: "Customers",
                columns: new[] { "WorkspaceId", "LifecycleStage" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_WorkspaceId_Phone",
                table: "Customers",
                columns: new[] { "WorkspaceId", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerIdentities_CustomerId",
                table: "CustomerIdentities",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerIdentities_WorkspaceId",
                table: "CustomerIdentities",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerIdentities_WorkspaceId_Kind_Value",
                table: "CustomerIdentities",
                columns: new[] { "WorkspaceId", "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTraits_CustomerId_Key_Number",
                table: "CustomerTraits",
                columns: new[] { "CustomerId", "Key", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTraits_CustomerId_Key_Text",
                table: "CustomerTraits",
                columns: new[] { "CustomerId", "Key", "Text" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTraits_WorkspaceId",
                table: "CustomerTraits",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTraits_WorkspaceId_Key_Text",
                table: "CustomerTraits",
                columns: new[] { "WorkspaceId", "Key", "Text" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_CustomerId_Name_OccurredAt",
                table: "Events",
                columns: new[] { "CustomerId", "Name", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_CustomerId_OccurredAt",
                table: "Events",
                columns: new[] { "CustomerId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_TouchPointId",
                table: "Events",
                column: "TouchPointId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_WorkspaceId",
                table: "Events",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_WorkspaceId_MessageId",
                table: "Events",
                columns: new[] { "WorkspaceId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_WorkspaceId_OccurredAt",
                table: "Events",
                columns: new[] { "WorkspaceId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LifecycleRules_WorkspaceId",
                table: "LifecycleRules",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_LifecycleRules_WorkspaceId_Stage",
                table: "LifecycleRules",
                columns: new[] { "WorkspaceId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Personas_WorkspaceId",
                table: "Personas",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Personas_WorkspaceId_Name",
                table: "Personas",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SegmentMembers_CustomerId",
                table: "SegmentMembers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SegmentMembers_WorkspaceId",
                table: "SegmentMembers",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Segments_WorkspaceId",
                table: "Segments",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Segments_WorkspaceId_Name",
                table: "Segments",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TouchPointMappings_TouchPointId",
                table: "TouchPointMappings",
                column: "TouchPointId");

            migrationBuilder.CreateIndex(
                name: "IX_TouchPointMappings_WorkspaceId",
                table: "TouchPointMappings",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_TraitDefinitions_WorkspaceId",
                table: "TraitDefinitions",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_TraitDefinitions_WorkspaceId_Key",
                table: "TraitDefinitions",
                columns: new[] { "WorkspaceId", "Key" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Customers_Personas_PersonaId",
                table: "Customers",
                column: "PersonaId",
                principalTable: "Personas",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Customers_Personas_PersonaId",
                table: "Customers");

            migrationBuilder.DropTable(
                name: "CustomerIdentities");

            migrationBuilder.DropTable(
                name: "CustomerTraits");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "LifecycleRules");

            migrationBuilder.DropTable(
                name: "Personas");

            migrationBuilder.DropTable(
                name: "SegmentMembers");

            migrationBuilder.DropTable(
                name: "TouchPointMappings");

            migrationBuilder.DropTable(
                name: "TraitDefinitions");

            migrationBuilder.DropTable(
                name: "Segments");

            migrationBuilder.DropIndex(
                name: "IX_Responses_CustomerId_Metric_SubmittedAt",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_CustomerId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Customers_PersonaId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_WorkspaceId_Country_Region",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_WorkspaceId_CreatedAt_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_WorkspaceId_LifecycleStage",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_WorkspaceId_Phone",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "City",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Consent_Email",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Consent_Sms",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Consent_Surveys",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Consent_Tracking",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastSeenAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LifecycleSetManually",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PersonaId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Traits",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "ApiKeys");

            migrationBuilder.AlterColumn<string>(
                name: "LifecycleStage",
                table: "Customers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Responses_CustomerId",
                table: "Responses",
                column: "CustomerId");
        }
    }
}
