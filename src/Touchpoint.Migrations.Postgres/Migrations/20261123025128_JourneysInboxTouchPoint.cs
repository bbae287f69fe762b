using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class JourneysInboxTouchPoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TouchPointId",
                table: "Inboxes",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Inboxes_TouchPointId",
                table: "Inboxes",
                column: "TouchPointId");

            migrationBuilder.AddForeignKey(
                name: "FK_Inboxes_TouchPoints_TouchPointId",
                table: "Inboxes",
                column: "TouchPointId",
                principalTable: "TouchPoints",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Inboxes_TouchPoints_TouchPointId",
                table: "Inboxes");

            migrationBuilder.DropIndex(
                name: "IX_Inboxes_TouchPointId",
                table: "Inboxes");

            migrationBuilder.DropColumn(
                name: "TouchPointId",
                table: "Inboxes");
        }
    }
}
