#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration projects.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Touchpoint.Migrations.$provider
  # The design package does not restore with its dependencies here; EfDesign=true references its
  # DLL alone, only while generating (see the project file).
  EfDesign=true dotnet build "$project" -v q -nologo
  EfDesign=true dotnet ef migrations add "$name" --project "$project" --startup-project "$project" \
    --output-dir Migrations --no-build
done
dotnet format whitespace src/Touchpoint.Migrations.Sqlite src/Touchpoint.Migrations.Postgres >/dev/null 2>&1 || true
