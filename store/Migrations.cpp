#include "Migrations.h"

#include "Database.h"

#include <QCoreApplication>

namespace {

// Columns every synced record carries (SYNC.md).
#define SYNC_COLUMNS                                                                                         \
    "id TEXT PRIMARY KEY NOT NULL, rev INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, "     \
    "created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT "     \
    "NULL, "

// Version 1: the records of DOMAIN.md, the outbox and the audit log.
const char* const v1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE agencies ()sql" SYNC_COLUMNS R"sql(
  name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE users ()sql" SYNC_COLUMNS R"sql(
  username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, agency_id TEXT REFERENCES agencies(id),
  role TEXT NOT NULL, team TEXT NOT NULL DEFAULT '');
CREATE TABLE people ()sql" SYNC_COLUMNS R"sql(
  given_name TEXT NOT NULL DEFAULT '', family_name TEXT NOT NULL DEFAULT '', preferred_name TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT, nhs_number TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '', ward TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '', preferred_language TEXT NOT NULL DEFAULT '',
  gp_practice TEXT NOT NULL DEFAULT '', access_needs TEXT NOT NULL DEFAULT '');
CREATE TABLE cases ()sql" SYNC_COLUMNS R"sql(
  reference TEXT NOT NULL UNIQUE, status TEXT NOT NULL, referral_date TEXT NOT NULL,
  referring_agency_id TEXT REFERENCES agencies(id), referrer_name TEXT NOT NULL DEFAULT '',
  referrer_contact TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', consent TEXT NOT NULL,
  consent_date TEXT, consent_recorded_by TEXT NOT NULL DEFAULT '', lawful_basis TEXT NOT NULL DEFAULT '',
  risk TEXT NOT NULL, risk_rationale TEXT NOT NULL DEFAULT '', lead_worker TEXT NOT NULL DEFAULT '',
  review_date TEXT, status_date TEXT, closed_date TEXT, closure_reason TEXT NOT NULL DEFAULT '',
  decline_reason TEXT NOT NULL DEFAULT '');
CREATE INDEX cases_status ON cases(status, referral_date);
CREATE TABLE case_people ()sql" SYNC_COLUMNS R"sql(
  case_id TEXT NOT NULL REFERENCES cases(id), person_id TEXT NOT NULL REFERENCES people(id),
  role TEXT NOT NULL);
CREATE INDEX case_people_case ON case_people(case_id);
CREATE INDEX case_people_person ON case_people(person_id);
CREATE TABLE case_needs ()sql" SYNC_COLUMNS R"sql(
  case_id TEXT NOT NULL REFERENCES cases(id), need_key TEXT NOT NULL, severity TEXT NOT NULL,
  status TEXT NOT NULL, clutter_rating INTEGER NOT NULL DEFAULT 0, notes TEXT NOT NULL DEFAULT '');
CREATE INDEX case_needs_case ON case_needs(case_id);
CREATE TABLE case_agencies ()sql" SYNC_COLUMNS R"sql(
  case_id TEXT NOT NULL REFERENCES cases(id), agency_id TEXT NOT NULL REFERENCES agencies(id),
  contact TEXT NOT NULL DEFAULT '');
CREATE INDEX case_agencies_case ON case_agencies(case_id);
CREATE TABLE actions ()sql" SYNC_COLUMNS R"sql(
  case_id TEXT NOT NULL REFERENCES cases(id), description TEXT NOT NULL, agency_id TEXT REFERENCES agencies(id),
  owner TEXT NOT NULL DEFAULT '', due_date TEXT, status TEXT NOT NULL, completed_date TEXT,
  outcome TEXT NOT NULL DEFAULT '');
CREATE INDEX actions_case ON actions(case_id);
CREATE TABLE notes ()sql" SYNC_COLUMNS R"sql(
  case_id TEXT NOT NULL REFERENCES cases(id), occurred_on TEXT NOT NULL, author TEXT NOT NULL,
  agency_id TEXT REFERENCES agencies(id), kind TEXT NOT NULL, text TEXT NOT NULL,
  significant INTEGER NOT NULL DEFAULT 0, agency_only INTEGER NOT NULL DEFAULT 0,
  corrects_note_id TEXT REFERENCES notes(id));
CREATE INDEX notes_case ON notes(case_id, occurred_on);
CREATE TABLE assessments ()sql" SYNC_COLUMNS R"sql(
  case_id TEXT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, stage TEXT NOT NULL, assessed_on TEXT NOT NULL,
  ons4_1 INTEGER, ons4_2 INTEGER, ons4_3 INTEGER, ons4_4 INTEGER, pam_score REAL,
  gp_appointments INTEGER, ae_attendances INTEGER, period_months INTEGER);
CREATE INDEX assessments_case ON assessments(case_id, kind, stage);
CREATE TABLE reference_norms ()sql" SYNC_COLUMNS R"sql(
  scope TEXT NOT NULL, label TEXT NOT NULL, item INTEGER NOT NULL, value REAL NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL, row_id TEXT NOT NULL, base_rev INTEGER NOT NULL, op TEXT NOT NULL,
  payload TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, entity TEXT NOT NULL DEFAULT '', entity_id TEXT NOT NULL DEFAULT '',
  case_reference TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_case ON audit_log(case_reference);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER notes_immutable BEFORE UPDATE OF case_id, occurred_on, author, agency_id, kind, text,
  significant, agency_only, corrects_note_id ON notes
  BEGIN SELECT RAISE(ABORT, 'notes cannot be changed; add a correcting note'); END;
CREATE TRIGGER assessments_immutable BEFORE UPDATE OF case_id, kind, stage, assessed_on, ons4_1, ons4_2,
  ons4_3, ons4_4, pam_score, gp_appointments, ae_attendances, period_months ON assessments
  BEGIN SELECT RAISE(ABORT, 'assessments cannot be changed; record a new one'); END;
)sql";

// Version 2: full-text search (FTS4) over people's names, case reasons and notes, kept in
// step by triggers. docid = source rowid * 4 + kind, so each source row has one entry.
const char* const v2 = R"sql(
CREATE VIRTUAL TABLE search_index USING fts4(kind, body, notindexed=kind,
  tokenize=unicode61 "remove_diacritics=1");
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
  INSERT INTO search_index(docid, kind, body) VALUES (new.rowid * 4 + 1, 'person',
    new.given_name || ' ' || new.family_name || ' ' || new.preferred_name);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF given_name, family_name, preferred_name ON people BEGIN
  UPDATE search_index SET body = new.given_name || ' ' || new.family_name || ' ' || new.preferred_name
    WHERE docid = new.rowid * 4 + 1;
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
  DELETE FROM search_index WHERE docid = old.rowid * 4 + 1;
END;
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO search_index(docid, kind, body) VALUES (new.rowid * 4 + 2, 'case', new.reference || ' ' || new.reason);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF reference, reason ON cases BEGIN
  UPDATE search_index SET body = new.reference || ' ' || new.reason WHERE docid = new.rowid * 4 + 2;
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
  DELETE FROM search_index WHERE docid = old.rowid * 4 + 2;
END;
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO search_index(docid, kind, body) VALUES (new.rowid * 4 + 3, 'note', new.text);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  DELETE FROM search_index WHERE docid = old.rowid * 4 + 3;
END;
INSERT INTO search_index(docid, kind, body)
  SELECT rowid * 4 + 1, 'person', given_name || ' ' || family_name || ' ' || preferred_name FROM people;
INSERT INTO search_index(docid, kind, body) SELECT rowid * 4 + 2, 'case', reference || ' ' || reason FROM cases;
INSERT INTO search_index(docid, kind, body) SELECT rowid * 4 + 3, 'note', text FROM notes;
)sql";

// Version 3: the UK ONS4 norms (ONS APS, year ending March 2023) as editable reference rows.
// Fixed ids so every laptop and the server agree on them without syncing duplicates.
const char* const v3 = R"sql(
INSERT INTO reference_norms (id, created_at, created_by, updated_at, updated_by, scope, label, item, value) VALUES
 ('5e1f0000-0000-4000-8000-000000000001', '2023-03-31T00:00:00.000Z', 'system', '2023-03-31T00:00:00.000Z', 'system',
  'national', 'UK average (ONS APS, year ending March 2023)', 0, 7.45),
 ('5e1f0000-0000-4000-8000-000000000002', '2023-03-31T00:00:00.000Z', 'system', '2023-03-31T00:00:00.000Z', 'system',
  'national', 'UK average (ONS APS, year ending March 2023)', 1, 7.73),
 ('5e1f0000-0000-4000-8000-000000000003', '2023-03-31T00:00:00.000Z', 'system', '2023-03-31T00:00:00.000Z', 'system',
  'national', 'UK average (ONS APS, year ending March 2023)', 2, 7.39),
 ('5e1f0000-0000-4000-8000-000000000004', '2023-03-31T00:00:00.000Z', 'system', '2023-03-31T00:00:00.000Z', 'system',
  'national', 'UK average (ONS APS, year ending March 2023)', 3, 3.23);
)sql";

// Version 4: drafts of unsaved edits, kept when the app locks with an editor open so nothing
// typed is lost and nothing is written outside the store. Local only: never synced.
const char* const v4 = R"sql(
CREATE TABLE drafts (key TEXT PRIMARY KEY NOT NULL, case_id TEXT, content TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
)sql";

// Version 5: the case list's order (newest referral first) as an index, so a page is read
// by walking it and stopping after the page instead of sorting every case.
const char* const v5 = R"sql(
CREATE INDEX cases_list_order ON cases(referral_date, reference);
)sql";

// Version 6: overdue actions found from the actions side (open ones by due date), so "overdue
// only" reads the late actions instead of asking every case in turn.
const char* const v6 = R"sql(
CREATE INDEX actions_open_due ON actions(status, due_date);
)sql";

// Version 7: the laptop's own sync bookkeeping (server, pinned certificate, device token,
// pull cursor, last outcome) as named values. Local only: never synced, never audited, and
// like everything else inside the encrypted file.
const char* const v7 = R"sql(
CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
)sql";

// Version 8: what the sync engine keeps (docs/SYNC.md, client engine). All local only.
// - outbox: delivery attempts, refusals, quarantine and the server's last reason, so one
//   change the server will not take never blocks the rest;
// - sync_base: the merge base, the last version of each synced row as the server had it;
// - sync_conflicts: a field changed on both sides to different values; the server's value
//   is in the record, the local one waits here for a worker's decision;
// - sync_reopen: a case closed elsewhere that this laptop changed after the closing;
// - sync_removals: cases taken off this laptop because the server no longer shares them;
// - sync_seen: the rows a full re-pull has seen so far (it may be interrupted and resume).
const char* const v8 = R"sql(
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN last_message TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_row ON outbox(entity, row_id, seq);
CREATE TABLE sync_base (entity TEXT NOT NULL, row_id TEXT NOT NULL, rev INTEGER NOT NULL,
  fields TEXT NOT NULL, PRIMARY KEY (entity, row_id));
CREATE TABLE sync_conflicts (id INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL,
  row_id TEXT NOT NULL, case_id TEXT, field TEXT NOT NULL, local_value TEXT NOT NULL,
  server_value TEXT NOT NULL, server_rev INTEGER NOT NULL, detected_at TEXT NOT NULL,
  resolved_at TEXT, resolved_by TEXT, resolution TEXT);
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, id);
CREATE TABLE sync_reopen (case_id TEXT PRIMARY KEY NOT NULL, server_status TEXT NOT NULL,
  raised_at TEXT NOT NULL, decided_at TEXT, decided_by TEXT);
CREATE TABLE sync_removals (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL,
  case_reference TEXT NOT NULL, reason TEXT NOT NULL, removed_at TEXT NOT NULL, acknowledged_at TEXT,
  acknowledged_by TEXT);
CREATE TABLE sync_seen (entity TEXT NOT NULL, row_id TEXT NOT NULL, PRIMARY KEY (entity, row_id));
)sql";

#undef SYNC_COLUMNS

const char* const steps[] = {v1, v2, v3, v4, v5, v6, v7, v8};
constexpr int stepCount = static_cast<int>(sizeof(steps) / sizeof(steps[0]));

} // namespace

int Migrations::latestVersion()
{
    return stepCount;
}

int Migrations::currentVersion(Database& db)
{
    return static_cast<int>(db.scalar("PRAGMA user_version"));
}

void Migrations::migrate(Database& db, int target)
{
    if (target < 0)
        target = latestVersion();
    const int current = currentVersion(db);
    if (current > latestVersion())
        throw StoreError(StoreError::Code::NewerSchema,
            QCoreApplication::translate("Migrations",
                "This store was written by a newer version of Pivot Casebook "
                "(schema %1; this version knows up to %2). Update the app.")
                .arg(current)
                .arg(latestVersion()));
    for (int version = current + 1; version <= target; ++version) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(steps[version - 1]);
            db.exec(QByteArray("PRAGMA user_version = " + QByteArray::number(version)).constData());
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
    }
}
