-- The organization of testdata/org.json, with two projects, a deal and two
-- budgets, for trying the point on PostgreSQL:
--   psql "$DATABASE_URL" -f db/seed.sql   (after the point, or psql, applied db/schema.sql)
BEGIN;
INSERT INTO organizations (org_id, plan) VALUES (1, 'ultimate') ON CONFLICT (org_id) DO NOTHING;
INSERT INTO people (org_id, id, role, scope, addons, set_doc) VALUES
  (1, 1, 'owner', NULL, '{}', NULL),
  (1, 2, 'admin', NULL, '{}', NULL),
  (1, 3, 'manager', 'restricted', '{}', NULL),
  (1, 4, 'staff', NULL, '{time}', NULL),
  (1, 5, 'client', NULL, '{budgets}', NULL),
  (1, 6, 'contractor', NULL, '{}', NULL),
  (1, 7, NULL, NULL, '{}', '{"version": 2, "name": "Accounting", "base": "staff", "scope": "member", "grant": ["invoices.view", "invoices.view_all", "invoices.manage_drafts", "invoices.finalize", "invoices.manage_finalized", "payments.view", "payments.manage", "invoices.manage", "expenses.manage_all"]}')
ON CONFLICT DO NOTHING;
INSERT INTO memberships (org_id, person_id, target_type, target_id) VALUES
  (1, 3, 'project', 10), (1, 3, 'deal', 30), (1, 3, 'budget', 20),
  (1, 4, 'project', 10), (1, 4, 'project', 11), (1, 4, 'budget', 20),
  (1, 5, 'project', 10), (1, 5, 'budget', 20),
  (1, 6, 'project', 11)
ON CONFLICT DO NOTHING;
INSERT INTO projects (org_id, id, visibility) VALUES (1, 10, 'private'), (1, 11, 'public'), (1, 12, 'private')
ON CONFLICT DO NOTHING;
INSERT INTO deals (org_id, id) VALUES (1, 30), (1, 31)
ON CONFLICT DO NOTHING;
INSERT INTO budgets (org_id, id, project_id, client_access, approver_id, approval_required) VALUES
  (1, 20, 10, true, 3, true), (1, 21, 12, false, NULL, false)
ON CONFLICT DO NOTHING;
COMMIT;
