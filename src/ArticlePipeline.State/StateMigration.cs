namespace ArticlePipeline.State;

/// <summary>One numbered schema change, applied once and recorded in the store's <c>schema_version</c> table.</summary>
/// <param name="Version">The version the schema has after this migration; versions start at 1 and have no gaps.</param>
/// <param name="Description">What the migration does.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
internal sealed record StateMigration(int Version, string Description, string Sql);
