using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Touchpoint.Core.Data;

/// <summary>
/// Every instant is stored as UTC. SQLite hands DateTime back with Kind=Unspecified and PostgreSQL
/// refuses a non-UTC value for timestamptz; this converter makes both sides agree.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
