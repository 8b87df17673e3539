namespace ArticlePipeline.State;

/// <summary>The SQLite schema, as numbered migrations; never edit a released one, add the next.</summary>
/// <remarks>
/// Times that are only read back are ISO 8601 text with their offset; times the store compares or orders by are
/// also kept as UTC ticks in INTEGER columns, because text with different offsets does not sort by instant.
/// </remarks>
internal static class SqliteMigrations
{
    /// <summary>All migrations in version order.</summary>
    public static IReadOnlyList<StateMigration> All { get; } =
    [
        // Version 1 is the table the first release created; IF NOT EXISTS keeps databases from it working.
        new(1, "pages", """
            CREATE TABLE IF NOT EXISTS pages (
              url TEXT PRIMARY KEY,
              etag TEXT NULL,
              last_modified TEXT NULL,
              content_hash TEXT NULL,
              record_path TEXT NULL,
              last_outcome TEXT NOT NULL,
              failures INTEGER NOT NULL DEFAULT 0,
              updated_at TEXT NOT NULL);
            """),
        new(2, "retry state of pages, translation memory, pending translations, work items", """
            ALTER TABLE pages ADD COLUMN next_attempt_at TEXT NULL;
            ALTER TABLE pages ADD COLUMN parked INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX ix_pages_content_hash ON pages (content_hash);

            CREATE TABLE translation_memory (
              segment_hash TEXT NOT NULL,
              from_lang TEXT NOT NULL,
              to_lang TEXT NOT NULL,
              provider TEXT NOT NULL,
              translation TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              PRIMARY KEY (segment_hash, from_lang, to_lang, provider)) WITHOUT ROWID;

            CREATE TABLE pending_translations (
              record_path TEXT PRIMARY KEY,
              record_id TEXT NOT NULL,
              languages TEXT NOT NULL,
              reason TEXT NOT NULL,
              since TEXT NOT NULL,
              since_ticks INTEGER NOT NULL);
            CREATE INDEX ix_pending_translations_since ON pending_translations (since_ticks, record_path);

            CREATE TABLE work_items (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              key TEXT NOT NULL UNIQUE,
              source_id TEXT NOT NULL,
              url TEXT NOT NULL,
              enqueued_ticks INTEGER NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              lease_owner TEXT NULL,
              lease_token TEXT NULL,
              lease_expires_ticks INTEGER NULL,
              last_failure TEXT NULL);
            CREATE INDEX ix_work_items_order ON work_items (enqueued_ticks, seq);
            """),
        new(3, "typed page outcomes", StateMigration.TypedPageOutcomes("pages")),
        new(4, "revisit count of pages", "ALTER TABLE pages ADD COLUMN revisits INTEGER NOT NULL DEFAULT 0;"),
        new(5, "operations journal: record catalog and revisions, source runs, translation usage, parked index", """
            CREATE TABLE records (
              source_id TEXT NOT NULL,
              record_id TEXT NOT NULL,
              url TEXT NOT NULL,
              title TEXT NOT NULL,
              source_language TEXT NOT NULL,
              revision INTEGER NOT NULL,
              written_at TEXT NOT NULL,
              written_ticks INTEGER NOT NULL,
              languages TEXT NOT NULL,
              PRIMARY KEY (source_id, record_id));
            CREATE INDEX ix_records_written ON records (written_ticks DESC, source_id, record_id);
            CREATE INDEX ix_records_source ON records (source_id, written_ticks DESC, record_id);

            -- Titles and URLs by trigram, so that searching for a part of either needs no scan of the catalog.
            CREATE VIRTUAL TABLE records_text USING fts5(title, url, content='records', content_rowid='rowid', tokenize='trigram');
            CREATE TRIGGER records_text_insert AFTER INSERT ON records BEGIN
              INSERT INTO records_text (rowid, title, url) VALUES (new.rowid, new.title, new.url);
            END;
            CREATE TRIGGER records_text_delete AFTER DELETE ON records BEGIN
              INSERT INTO records_text (records_text, rowid, title, url) VALUES ('delete', old.rowid, old.title, old.url);
            END;
            CREATE TRIGGER records_text_update AFTER UPDATE OF title, url ON records BEGIN
              INSERT INTO records_text (records_text, rowid, title, url) VALUES ('delete', old.rowid, old.title, old.url);
              INSERT INTO records_text (rowid, title, url) VALUES (new.rowid, new.title, new.url);
            END;

            CREATE TABLE record_revisions (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              source_id TEXT NOT NULL,
              record_id TEXT NOT NULL,
              revision INTEGER NOT NULL,
              written_at TEXT NOT NULL,
              change TEXT NOT NULL,
              manifest_line TEXT NOT NULL);
            CREATE INDEX ix_record_revisions_record ON record_revisions (source_id, record_id, seq);

            CREATE TABLE source_runs (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              source_id TEXT NOT NULL,
              started_at TEXT NOT NULL,
              started_ticks INTEGER NOT NULL,
              duration_ms INTEGER NOT NULL,
              counts TEXT NOT NULL);
            CREATE INDEX ix_source_runs_latest ON source_runs (source_id, started_ticks DESC);

            CREATE TABLE translation_usage (
              day TEXT PRIMARY KEY,
              billed INTEGER NOT NULL,
              saved INTEGER NOT NULL);

            CREATE INDEX ix_pages_parked ON pages (updated_at DESC) WHERE parked = 1;
            CREATE INDEX ix_pending_translations_reason ON pending_translations (reason, languages);
            """),
        new(6, "source runs filled in by the workers that complete their articles; the listed modification date of a work item", """
            ALTER TABLE work_items ADD COLUMN listed_modified_ticks INTEGER NULL;
            ALTER TABLE work_items ADD COLUMN run_id TEXT NULL;
            ALTER TABLE source_runs ADD COLUMN run_id TEXT NULL;
            ALTER TABLE source_runs ADD COLUMN queued INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE source_runs ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
            CREATE UNIQUE INDEX ix_source_runs_run ON source_runs (run_id);
            """),
    ];
}
