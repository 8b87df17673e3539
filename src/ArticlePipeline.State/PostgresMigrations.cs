namespace ArticlePipeline.State;

/// <summary>The PostgreSQL schema, as numbered migrations; never edit a released one, add the next.</summary>
internal static class PostgresMigrations
{
    /// <summary>All migrations in version order, for the tables in <paramref name="schema"/>.</summary>
    /// <param name="schema">The quoted schema name.</param>
    /// <returns>The migrations.</returns>
    public static IReadOnlyList<StateMigration> For(string schema) =>
    [
        new(1, "pages, translation memory, pending translations, work items", $"""
            CREATE TABLE {schema}.pages (
              url text PRIMARY KEY,
              etag text NULL,
              last_modified timestamptz NULL,
              content_hash text NULL,
              record_path text NULL,
              last_outcome text NOT NULL,
              failures integer NOT NULL DEFAULT 0,
              updated_at timestamptz NOT NULL,
              next_attempt_at timestamptz NULL,
              parked boolean NOT NULL DEFAULT false);
            CREATE INDEX ix_pages_content_hash ON {schema}.pages (content_hash);

            CREATE TABLE {schema}.translation_memory (
              segment_hash text NOT NULL,
              from_lang text NOT NULL,
              to_lang text NOT NULL,
              provider text NOT NULL,
              translation text NOT NULL,
              updated_at timestamptz NOT NULL,
              PRIMARY KEY (segment_hash, from_lang, to_lang, provider));

            CREATE TABLE {schema}.pending_translations (
              record_path text PRIMARY KEY,
              record_id text NOT NULL,
              languages text[] NOT NULL,
              reason text NOT NULL,
              since timestamptz NOT NULL);
            CREATE INDEX ix_pending_translations_since ON {schema}.pending_translations (since, record_path);

            CREATE TABLE {schema}.work_items (
              key text PRIMARY KEY,
              seq bigint GENERATED ALWAYS AS IDENTITY,
              source_id text NOT NULL,
              url text NOT NULL,
              enqueued_at timestamptz NOT NULL,
              attempts integer NOT NULL DEFAULT 0,
              lease_owner text NULL,
              lease_token uuid NULL,
              lease_expires_at timestamptz NULL,
              last_failure text NULL);
            CREATE INDEX ix_work_items_order ON {schema}.work_items (enqueued_at, seq);
            """),
        new(2, "typed page outcomes", StateMigration.TypedPageOutcomes($"{schema}.pages")),
        new(3, "revisit count of pages", $"ALTER TABLE {schema}.pages ADD COLUMN revisits integer NOT NULL DEFAULT 0;"),
        new(4, "work items by host, host leases", $"""
            ALTER TABLE {schema}.work_items ADD COLUMN host text NOT NULL DEFAULT '';
            CREATE INDEX ix_work_items_host ON {schema}.work_items (host, enqueued_at DESC, seq DESC);
            CREATE TABLE {schema}.host_leases (
              host text PRIMARY KEY,
              owner text NULL,
              token uuid NULL,
              expires_at timestamptz NULL,
              free_at timestamptz NOT NULL);
            """),
        new(5, "operations journal: record catalog and revisions, source runs, translation usage, parked index", $"""
            CREATE TABLE {schema}.records (
              source_id text NOT NULL,
              record_id text NOT NULL,
              url text NOT NULL,
              title text NOT NULL,
              source_language text NOT NULL,
              revision integer NOT NULL,
              written_at timestamptz NOT NULL,
              languages text NOT NULL,
              PRIMARY KEY (source_id, record_id));
            CREATE INDEX ix_records_written ON {schema}.records (written_at DESC, source_id, record_id);
            CREATE INDEX ix_records_source ON {schema}.records (source_id, written_at DESC, record_id);

            CREATE TABLE {schema}.record_revisions (
              seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              source_id text NOT NULL,
              record_id text NOT NULL,
              revision integer NOT NULL,
              written_at timestamptz NOT NULL,
              change text NOT NULL,
              manifest_line text NOT NULL);
            CREATE INDEX ix_record_revisions_record ON {schema}.record_revisions (source_id, record_id, seq);

            CREATE TABLE {schema}.source_runs (
              seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              source_id text NOT NULL,
              started_at timestamptz NOT NULL,
              duration_ms bigint NOT NULL,
              counts text NOT NULL);
            CREATE INDEX ix_source_runs_latest ON {schema}.source_runs (source_id, started_at DESC);

            CREATE TABLE {schema}.translation_usage (
              day date PRIMARY KEY,
              billed bigint NOT NULL,
              saved bigint NOT NULL);

            CREATE INDEX ix_pages_parked ON {schema}.pages (updated_at DESC) WHERE parked;
            CREATE INDEX ix_pending_translations_reason ON {schema}.pending_translations (reason, languages);

            -- Trigram indexes make searching for a part of a title or URL an index lookup. pg_trgm is a trusted
            -- extension (any user who may create in the database may add it); where it is missing or not allowed, the
            -- migration goes on without the indexes and searches scan.
            DO $trgm$
            BEGIN
              CREATE EXTENSION IF NOT EXISTS pg_trgm;
              CREATE INDEX ix_records_title_trgm ON {schema}.records USING gin (title gin_trgm_ops);
              CREATE INDEX ix_records_url_trgm ON {schema}.records USING gin (url gin_trgm_ops);
            EXCEPTION WHEN OTHERS THEN
              RAISE NOTICE 'pg_trgm is not available (%): record searches scan the catalog', SQLERRM;
            END
            $trgm$;
            """),
        new(6, "source runs filled in by the workers that complete their articles; the listed modification date of a work item", $"""
            ALTER TABLE {schema}.work_items ADD COLUMN listed_modified timestamptz NULL;
            ALTER TABLE {schema}.work_items ADD COLUMN run_id uuid NULL;
            ALTER TABLE {schema}.source_runs ADD COLUMN run_id uuid NULL;
            ALTER TABLE {schema}.source_runs ADD COLUMN queued integer NOT NULL DEFAULT 0;
            ALTER TABLE {schema}.source_runs ADD COLUMN done integer NOT NULL DEFAULT 0;
            CREATE UNIQUE INDEX ix_source_runs_run ON {schema}.source_runs (run_id);
            """),
        new(7, "a host wanted by name: its holder gives it up once its requests under way are answered", $"""
            ALTER TABLE {schema}.host_leases ADD COLUMN wanted_until timestamptz NULL;
            """),
    ];
}
