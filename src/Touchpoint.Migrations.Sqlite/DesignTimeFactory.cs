using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Touchpoint.Core.Data;

namespace Touchpoint.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for this provider without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TouchpointDbContext>
{
    public TouchpointDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TouchpointDbContext>();
        builder.UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name));
        return new TouchpointDbContext(builder.Options, new WorkspaceScope());
    }
}
