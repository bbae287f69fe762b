using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TextAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnalyzedTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResponseId = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Scored = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sentiment = table.Column<double>(type: "REAL", nullable: false),
                    SentimentLabel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Emotion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: false),
                    TaxonomyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    AnalyzedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyzedTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalyzedTexts_ConversationMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "ConversationMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnalyzedTexts_Responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "Responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaxonomyTopics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Exclusions = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    MinimumCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxonomyTopics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxonomyTopics_TaxonomyTopics_ParentId",
                        column: x => x.ParentId,
                        principalTable: "TaxonomyTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TextSettings",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomTaxonomy = table.Column<bool>(type: "INTEGER", nullable: false),
                    TaxonomyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    RescoredVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ClassifierModel = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ClassifierTrainedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClassifierExamples = table.Column<int>(type: "INTEGER", nullable: false),
                    ClassifierAccuracy = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextSettings", x => x.WorkspaceId);
                });

            migrationBuilder.CreateTable(
                name: "TextLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnalyzedTextId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextLabels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TextLabels_AnalyzedTexts_AnalyzedTextId",
                        column: x => x.AnalyzedTextId,
                        principalTable: "AnalyzedTexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_ConversationId",
                table: "AnalyzedTexts",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_CustomerId",
                table: "AnalyzedTexts",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_MessageId",
                table: "AnalyzedTexts",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_ResponseId_Field",
                table: "AnalyzedTexts",
                columns: new[] { "ResponseId", "Field" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_WorkspaceId",
                table: "AnalyzedTexts",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_WorkspaceId_OccurredAt",
                table: "AnalyzedTexts",
                columns: new[] { "WorkspaceId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyzedTexts_WorkspaceId_TaxonomyVersion",
                table: "AnalyzedTexts",
                columns: new[] { "WorkspaceId", "TaxonomyVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxonomyTopics_ParentId",
                table: "TaxonomyTopics",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_TaxonomyTopics_WorkspaceId",
                table: "TaxonomyTopics",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_TextLabels_AnalyzedTextId_Kind",
                table: "TextLabels",
                columns: new[] { "AnalyzedTextId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_TextLabels_WorkspaceId",
                table: "TextLabels",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_TextLabels_WorkspaceId_Kind_Value_AnalyzedTextId",
                table: "TextLabels",
                columns: new[] { "WorkspaceId", "Kind", "Value", "AnalyzedTextId" });

            migrationBuilder.CreateIndex(
                name: "IX_TextSettings_WorkspaceId",
                table: "TextSettings",
                column: "WorkspaceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TaxonomyTopics");

            migrationBuilder.DropTable(
                name: "TextLabels");

            migrationBuilder.DropTable(
                name: "TextSettings");

            migrationBuilder.DropTable(
                name: "AnalyzedTexts");
        }
    }
}
