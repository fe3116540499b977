-- The decision point's tables (examples/authzen -db). Idempotent: the point
-- applies it when it starts (under an advisory lock, in one transaction), and
-- `psql -f db/schema.sql` applies it by hand.
--
-- Every table is keyed by (org_id, ...) and every statement the point sends
-- filters by org_id first: on Citus, org_id is the distribution column of
-- every table here, all co-located (see the README).

CREATE TABLE IF NOT EXISTS organizations (
  org_id   BIGINT PRIMARY KEY CHECK (org_id > 0),
  plan     TEXT   NOT NULL,            -- essential, professional, ultimate, enterprise
  revision BIGINT NOT NULL DEFAULT 0   -- bumped by every committed change of the organization
);

-- A person holds a system set (role, with optional scope and addons) or a
-- custom set (set_doc: clearance's set document, kept as text so that the
-- strict decoder sees the bytes that were written).
CREATE TABLE IF NOT EXISTS people (
  org_id       BIGINT NOT NULL,
  id           BIGINT NOT NULL CHECK (id > 0),
  role         TEXT,
  scope        TEXT,
  addons       TEXT[] NOT NULL DEFAULT '{}',
  set_doc      TEXT,
  workplace_id BIGINT,
  manager_id   BIGINT,
  PRIMARY KEY (org_id, id),
  CHECK ((role IS NULL) <> (set_doc IS NULL))
);
-- One Owner per organization, enforced by the database too.
CREATE UNIQUE INDEX IF NOT EXISTS people_one_owner ON people (org_id) WHERE role = 'owner';

-- Memberships of projects, deals and budgets: examples/listing's table.
CREATE TABLE IF NOT EXISTS memberships (
  org_id      BIGINT NOT NULL,
  person_id   BIGINT NOT NULL,
  target_type TEXT   NOT NULL CHECK (target_type IN ('project', 'deal', 'budget')),
  target_id   BIGINT NOT NULL CHECK (target_id > 0),
  PRIMARY KEY (org_id, person_id, target_type, target_id)
);

CREATE TABLE IF NOT EXISTS projects (
  org_id     BIGINT NOT NULL,
  id         BIGINT NOT NULL CHECK (id > 0),
  visibility TEXT   NOT NULL CHECK (visibility IN ('public', 'private')),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE IF NOT EXISTS deals (
  org_id BIGINT NOT NULL,
  id     BIGINT NOT NULL CHECK (id > 0),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE IF NOT EXISTS budgets (
  org_id            BIGINT  NOT NULL,
  id                BIGINT  NOT NULL CHECK (id > 0),
  project_id        BIGINT  NOT NULL,
  client_access     BOOLEAN NOT NULL DEFAULT false,
  approver_id       BIGINT,
  approval_required BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, id)
);

-- The change log: one row per changed person (person_id NULL: a change that
-- moves no principal, such as a project's visibility; kind 'organization':
-- the organization's plan, which moves every principal) at the revision the
-- change committed. A point catches up by reading the rows above the
-- revision it has applied; NOTIFY only wakes it.
CREATE TABLE IF NOT EXISTS changes (
  org_id    BIGINT NOT NULL,
  revision  BIGINT NOT NULL,
  kind      TEXT   NOT NULL DEFAULT 'person',
  person_id BIGINT
);
CREATE INDEX IF NOT EXISTS changes_by_revision ON changes (org_id, revision);

-- note_change is the statement trigger of people, memberships, projects,
-- deals and budgets. TG_ARGV[0] names the column of the person whose principal the
-- change moves ('' for none). In the transaction of the change, it bumps the
-- revision of every organization the statement touched (the row lock on the
-- organization orders its writers: revisions commit in order; a statement
-- touching several organizations locks them in org_id order, so two such
-- statements cannot deadlock), writes the
-- change log and notifies channel clearance_changes with
-- "ORG REVISION [PERSON ...]" (people listed while the payload stays short).
CREATE OR REPLACE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  col  text := TG_ARGV[0];
  src  text;
  note record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT * FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT * FROM old_rows';
  ELSE
    src := 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows';
  END IF;
  FOR note IN EXECUTE format($q$
      WITH touched AS (SELECT DISTINCT org_id, %s AS person_id FROM (%s) t),
      locked AS (
        SELECT o.org_id FROM organizations o
        WHERE o.org_id IN (SELECT org_id FROM touched)
        ORDER BY o.org_id FOR UPDATE),
      bumped AS (
        UPDATE organizations o SET revision = o.revision + 1
        FROM locked d
        WHERE o.org_id = d.org_id
        RETURNING o.org_id, o.revision),
      logged AS (
        INSERT INTO changes (org_id, revision, person_id)
        SELECT t.org_id, b.revision, t.person_id FROM touched t JOIN bumped b ON b.org_id = t.org_id
        RETURNING org_id, revision, person_id)
      SELECT org_id, revision, array_agg(person_id ORDER BY person_id) FILTER (WHERE person_id IS NOT NULL) AS people
      FROM logged GROUP BY org_id, revision$q$,
      CASE WHEN col = '' THEN 'NULL::bigint' ELSE quote_ident(col) END, src)
  LOOP
    PERFORM pg_notify('clearance_changes', note.org_id || ' ' || note.revision ||
      CASE WHEN note.people IS NOT NULL AND cardinality(note.people) <= 100
           THEN ' ' || array_to_string(note.people, ' ') ELSE '' END);
  END LOOP;
  RETURN NULL;
END
$fn$;

-- note_plan is the row trigger of organizations: a change of plan moves
-- every principal of the organization.
CREATE OR REPLACE FUNCTION note_plan() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.plan IS DISTINCT FROM OLD.plan THEN
    NEW.revision := OLD.revision + 1;
    INSERT INTO changes (org_id, revision, kind) VALUES (NEW.org_id, NEW.revision, 'organization');
    PERFORM pg_notify('clearance_changes', NEW.org_id || ' ' || NEW.revision);
  END IF;
  RETURN NEW;
END
$fn$;

-- note_truncate is the TRUNCATE trigger of people, memberships, projects,
-- deals and budgets: a truncation names no rows, so every organization moves
-- as a whole (kind 'organization': a point reads it all again), in org_id
-- order.
CREATE OR REPLACE FUNCTION note_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  o record;
BEGIN
  FOR o IN SELECT org_id FROM organizations ORDER BY org_id FOR UPDATE LOOP
    UPDATE organizations SET revision = revision + 1 WHERE org_id = o.org_id;
    INSERT INTO changes (org_id, revision, kind)
      SELECT org_id, revision, 'organization' FROM organizations WHERE org_id = o.org_id;
    PERFORM pg_notify('clearance_changes', o.org_id || ' ' || (SELECT revision FROM organizations WHERE org_id = o.org_id));
  END LOOP;
  RETURN NULL;
END
$fn$;

-- note_org_deleted is the row trigger of organizations on DELETE: the
-- organization's change log goes with it (a new organization of the same
-- ID starts its revisions again, and must not read the old log as its
-- own), and a point serving it is woken to find it gone.
CREATE OR REPLACE FUNCTION note_org_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM changes WHERE org_id = OLD.org_id;
  PERFORM pg_notify('clearance_changes', OLD.org_id || ' ' || OLD.revision);
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS organizations_deleted ON organizations;
CREATE TRIGGER organizations_deleted AFTER DELETE ON organizations
  FOR EACH ROW EXECUTE FUNCTION note_org_deleted();

DROP TRIGGER IF EXISTS organizations_plan ON organizations;
CREATE TRIGGER organizations_plan BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION note_plan();

DO $do$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('people', 'id'), ('memberships', 'person_id'), ('projects', ''), ('deals', ''), ('budgets', '')) AS v(tbl, col) LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_insert', t.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_update', t.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_delete', t.tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_change(%L)', t.tbl || '_insert', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_change(%L)', t.tbl || '_update', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_change(%L)', t.tbl || '_delete', t.tbl, t.col);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_truncate', t.tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_truncate()', t.tbl || '_truncate', t.tbl);
  END LOOP;
END
$do$;
