using System.Data;
using System.Data.Common;
using System.Text;
using DisclosurePortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// A clerk's draft save (<see cref="ReportRevision.Save"/>) written as one SQL statement: the revision's content and
/// the audit line of that save together, or neither when the page's version is stale. The revision is loaded
/// without change tracking for it.
/// </summary>
/// <remarks>
/// Why not <c>SaveChanges</c>: the same two rows through EF took a tracked load (an entity entry and snapshot for the
/// revision, its report and body), change detection, EF's update pipeline, and a transaction, i.e. BEGIN with the batch
/// and a separate COMMIT round trip. One statement is atomic by itself in PostgreSQL; with 16 clerks saving at once on
/// two cores that work was a sizeable share of the save's CPU (bench/clerk, perf; bench/README.md).
/// Every other change of a revision (submit, return, publish, correction) still goes through <c>SaveChanges</c>.
/// The columns and their conversions come from the EF model, so the stored values are exactly those SaveChanges writes
/// (<c>DraftSaveTests</c> compares them); <see cref="RevisionColumns"/> names what <see cref="ReportRevision.Save"/> can change.
/// </remarks>
public static class DraftSave
{
    /// <summary>The revision's properties that <see cref="ReportRevision.Save"/> changes: all of them are written.</summary>
    public static readonly IReadOnlyList<string> RevisionColumns =
        ["_counts", "_amounts", "_prose", "_explanations", nameof(ReportRevision.UpdatedAt), nameof(ReportRevision.UpdatedBy)];

    /// <summary>
    /// Writes what <paramref name="revision"/>'s last <see cref="ReportRevision.Save"/> changed and that save's audit
    /// line, provided the stored revision is still at <paramref name="pageVersion"/> (PostgreSQL's xmin). Returns the new
    /// version, or null when the revision changed since the page was loaded and nothing was written.
    /// </summary>
    public static async Task<uint?> WriteAsync(PortalDbContext db, ReportRevision revision, uint pageVersion, CancellationToken ct)
    {
        var saved = revision.History.LastOrDefault();
        if (saved is not { Action: RevisionAction.Saved, Id: 0 })
            throw new InvalidOperationException("DraftSave writes a revision right after ReportRevision.Save, and only then.");
        var statement = Statement.For(db.Model);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = statement.Sql;
            // Part of the caller's transaction when there is one (the page has none: the statement is atomic alone).
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < statement.Revision.Count; i++)
                Add(command, $"r{i}", statement.Revision[i], statement.Revision[i].GetGetter().GetClrValueUsingContainingEntity(revision));
            for (var i = 0; i < statement.Event.Count; i++)
                Add(command, $"e{i}", statement.Event[i], statement.Event[i].GetGetter().GetClrValueUsingContainingEntity(saved));
            Add(command, "id", statement.Id, revision.Id);
            Add(command, "version", statement.Version, pageVersion);
            return await command.ExecuteScalarAsync(ct) is uint version ? version : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, IProperty property, object? value) =>
        // The property's own mapping converts the value (jsonb text, enum name, timestamptz) as SaveChanges does.
        command.Parameters.Add(((RelationalTypeMapping)property.GetTypeMapping())
            .CreateParameter(command, name, value, property.IsNullable, ParameterDirection.Input));

    /// <summary>The statement for a model, built once from its table and column names.</summary>
    private sealed record Statement(string Sql, IReadOnlyList<IProperty> Revision, IReadOnlyList<IProperty> Event, IProperty Id,
        IProperty Version)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Statement> Built = new();

        public static Statement For(IModel model) => Built.GetValue(model, Build);

        private static Statement Build(IModel model)
        {
            var revisionType = model.FindEntityType(typeof(ReportRevision))!;
            var eventType = model.FindEntityType(typeof(RevisionEvent))!;
            var revisionTable = StoreObjectIdentifier.Table(revisionType.GetTableName()!, revisionType.GetSchema());
            var eventTable = StoreObjectIdentifier.Table(eventType.GetTableName()!, eventType.GetSchema());
            var revision = RevisionColumns.Select(n => revisionType.FindProperty(n)
                ?? throw new InvalidOperationException($"ReportRevision has no mapped property {n}")).ToList();
            var id = revisionType.FindPrimaryKey()!.Properties.Single();
            var version = revisionType.FindProperty(nameof(ReportRevision.Version))!;
            var foreignKey = eventType.GetForeignKeys().Single(k => k.PrincipalEntityType == revisionType).Properties.Single();
            // Every stored property of the audit line but its generated id and the revision it belongs to (a shadow key).
            var events = eventType.GetProperties()
                .Where(p => !p.IsPrimaryKey() && p != foreignKey && p.GetColumnName(eventTable) is not null).ToList();

            string Column(IProperty p, StoreObjectIdentifier table) => Quote(p.GetColumnName(table)!);
            var sql = new StringBuilder()
                .Append("WITH saved AS (UPDATE ").Append(Quote(revisionTable.Name)).Append(" SET ")
                .AppendJoin(", ", revision.Select((p, i) => $"{Column(p, revisionTable)} = @r{i}"))
                .Append(" WHERE ").Append(Column(id, revisionTable)).Append(" = @id AND ")
                .Append(Column(version, revisionTable)).Append(" = @version RETURNING ").Append(Column(version, revisionTable))
                .Append("), logged AS (INSERT INTO ").Append(Quote(eventTable.Name)).Append(" (")
                .AppendJoin(", ", events.Select(p => Column(p, eventTable))).Append(", ").Append(Column(foreignKey, eventTable))
                .Append(") SELECT ").AppendJoin(", ", events.Select((_, i) => $"@e{i}")).Append(", @id FROM saved) ")
                .Append("SELECT ").Append(Column(version, revisionTable)).Append(" FROM saved")
                .ToString();
            return new Statement(sql, revision, events, id, version);
        }

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
