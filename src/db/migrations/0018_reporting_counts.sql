-- Reporting completeness counts (GET /roadmaps/{id}/reporting, issue 8), kept by triggers in
-- the transaction of every write, so that reading a period's completeness sums a few hundred
-- rows instead of joining every due measure with its responsible bodies and reports.
--
-- A pair (measure, responsible party) is due in a period when the measure is a leaf of the
-- period's roadmap that has started by the period's end and is not closed before its start
-- (src/services/reports/assignments.ts `dueSql`, domain `mustReport`). Each due pair adds, with
-- its report in that period (or none), one to `due` and to the figures its report's state
-- makes true, to the row of its party (organisation_id zero) and to the row of each of its
-- responsible organisations of that party. `owner` is the visibility bucket (the owner party
-- of an internal measure, else zero), so one table serves every reader. Lateness depends on the
-- day: `late_flag` counts reports marked late, `open` the pairs not handed in and not marked
-- late, which are late too once the due date has passed (the service adds them then).
-- The slot (by backend) spreads a hot row over several, so parallel writers seldom queue.
--
-- Triggers: reports (insert, update, delete: the pair's figures move from the old report to
-- the new one); measures (update of what makes a pair due or its bucket: old contributions out,
-- new in; delete, row level BEFORE, while links and reports still exist); measure_responsibles
-- (insert, delete: the pairs and rows that appear or go); periods (insert, update of dates or
-- roadmap: the period recounted). A report's trigger locks its measure (FOR NO KEY UPDATE), so
-- a report write and a change of its measure never count against each other's old state.
-- src/services/reports/completeness.test.ts holds the counts equal to the from-scratch query.
CREATE TABLE "reporting_counts" (
	"period_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner" uuid NOT NULL,
	"slot" smallint NOT NULL,
	"due" bigint DEFAULT 0 NOT NULL,
	"submitted" bigint DEFAULT 0 NOT NULL,
	"approved" bigint DEFAULT 0 NOT NULL,
	"returned" bigint DEFAULT 0 NOT NULL,
	"late_flag" bigint DEFAULT 0 NOT NULL,
	"open" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "reporting_counts_pk" PRIMARY KEY("period_id","party_id","organisation_id","owner","slot")
);
--> statement-breakpoint
ALTER TABLE "reporting_counts" ADD CONSTRAINT "reporting_counts_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TYPE accord_rc_delta AS (
  period_id uuid, party_id uuid, organisation_id uuid, owner uuid,
  due bigint, submitted bigint, approved bigint, returned bigint, late_flag bigint, open bigint
);
--> statement-breakpoint
CREATE TYPE accord_rc_measure AS (
  id uuid, roadmap_id uuid, child_count int, start_date date, due_date date, status measure_status,
  tier tier, owner_party_id uuid
);
--> statement-breakpoint
CREATE TYPE accord_rc_link AS (measure_id uuid, organisation_id uuid, party_id uuid);
--> statement-breakpoint
CREATE TYPE accord_rc_report AS (measure_id uuid, period_id uuid, party_id uuid, state report_state, late boolean, sgn int);
--> statement-breakpoint
-- One pair's figures with report state `st` (null: no report) and flag `lt`, signed.
CREATE FUNCTION accord_rc_figures(period_id uuid, party_id uuid, organisation_id uuid, owner uuid,
  st report_state, lt boolean, sgn int)
RETURNS accord_rc_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(period_id, party_id, organisation_id, owner, sgn,
    sgn * coalesce(st IN ('submitted', 'approved'), false)::int,
    sgn * coalesce(st = 'approved', false)::int,
    sgn * coalesce(st = 'returned', false)::int,
    sgn * coalesce(lt, false)::int,
    sgn * (st IS NULL OR (st IN ('draft', 'returned') AND NOT coalesce(lt, false)))::int)::accord_rc_delta
$$;
--> statement-breakpoint
-- The `dueSql` rule over a measure's and a period's fields.
CREATE FUNCTION accord_rc_due(child_count int, m_start date, m_due date, status measure_status, p_start date, p_end date)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT child_count = 0 AND m_start <= p_end AND (m_due >= p_start OR status NOT IN ('completed', 'cancelled'))
$$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_owner(tier tier, owner_party_id uuid) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN tier = 'internal' THEN coalesce(owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid)
    ELSE '00000000-0000-0000-0000-000000000000'::uuid END
$$;
--> statement-breakpoint
-- Whether any of the measures' roadmaps has a period: without one there is nothing to count
-- (a new roadmap filled by an import or the generator), so the triggers return at once.
CREATE FUNCTION accord_rc_any_period(ids uuid[]) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM periods p WHERE p.roadmap_id IN (SELECT m.roadmap_id FROM measures m WHERE m.id = ANY (ids)))
$$;
--> statement-breakpoint
-- Adds deltas to the counts, in key order (concurrent writers lock rows in one order). Rows of
-- a period being deleted are skipped: they go with it.
CREATE FUNCTION accord_rc_add(d accord_rc_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO reporting_counts AS c (period_id, party_id, organisation_id, owner, slot, due, submitted, approved, returned, late_flag, open)
  SELECT x.period_id, x.party_id, x.organisation_id, x.owner, (pg_backend_pid() % 16)::smallint,
         sum(x.due), sum(x.submitted), sum(x.approved), sum(x.returned), sum(x.late_flag), sum(x.open)
  FROM unnest(d) x
  WHERE EXISTS (SELECT 1 FROM periods p WHERE p.id = x.period_id)
  GROUP BY 1, 2, 3, 4
  HAVING sum(x.due) <> 0 OR sum(x.submitted) <> 0 OR sum(x.approved) <> 0 OR sum(x.returned) <> 0
      OR sum(x.late_flag) <> 0 OR sum(x.open) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (period_id, party_id, organisation_id, owner, slot) DO UPDATE
    SET due = c.due + excluded.due, submitted = c.submitted + excluded.submitted,
        approved = c.approved + excluded.approved, returned = c.returned + excluded.returned,
        late_flag = c.late_flag + excluded.late_flag, open = c.open + excluded.open;
$$;
--> statement-breakpoint
-- The contributions of measures `ms` (as given: old or new values) with links `ls`, in every
-- period of their roadmaps (or only `only_period`), with their reports as stored, signed.
CREATE FUNCTION accord_rc_parts(ms accord_rc_measure[], ls accord_rc_link[], sgn int, only_period uuid)
RETURNS SETOF accord_rc_delta LANGUAGE sql STABLE AS $$
  WITH m AS (SELECT * FROM unnest(ms)),
  l AS (SELECT DISTINCT * FROM unnest(ls)),
  pairs AS (
    SELECT m.id AS measure_id, p.id AS period_id, l.party_id, l.organisation_id,
           accord_rc_owner(m.tier, m.owner_party_id) AS owner
    FROM m JOIN periods p ON p.roadmap_id = m.roadmap_id AND (only_period IS NULL OR p.id = only_period)
    JOIN l ON l.measure_id = m.id
    WHERE accord_rc_due(m.child_count, m.start_date, m.due_date, m.status, p.start_date, p.end_date)
  ),
  g AS (
    SELECT measure_id, period_id, party_id, organisation_id, owner FROM pairs
    UNION ALL
    SELECT DISTINCT measure_id, period_id, party_id, '00000000-0000-0000-0000-000000000000'::uuid, owner FROM pairs
  )
  SELECT f.*
  FROM g LEFT JOIN reports r ON r.measure_id = g.measure_id AND r.period_id = g.period_id AND r.party_id = g.party_id
  CROSS JOIN LATERAL accord_rc_figures(g.period_id, g.party_id, g.organisation_id, g.owner, r.state, r.late, sgn) f
$$;
--> statement-breakpoint
-- The current links of some measures.
CREATE FUNCTION accord_rc_links(ids uuid[]) RETURNS accord_rc_link[] LANGUAGE sql STABLE AS $$
  SELECT ARRAY(SELECT ROW(mr.measure_id, mr.organisation_id, mr.party_id)::accord_rc_link
    FROM measure_responsibles mr WHERE mr.measure_id = ANY (ids))
$$;
--> statement-breakpoint
-- The current rows of some measures.
CREATE FUNCTION accord_rc_measures(ids uuid[]) RETURNS accord_rc_measure[] LANGUAGE sql STABLE AS $$
  SELECT ARRAY(SELECT ROW(m.id, m.roadmap_id, m.child_count, m.start_date, m.due_date, m.status, m.tier, m.owner_party_id)::accord_rc_measure
    FROM measures m WHERE m.id = ANY (ids))
$$;
--> statement-breakpoint
-- Report changes: each old row takes its figures out and puts back the pair's "no report";
-- each new row does the opposite, so an update moves the pair from the old state to the new.
CREATE FUNCTION accord_rc_reports(ch accord_rc_report[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM measures WHERE id IN (SELECT DISTINCT measure_id FROM unnest(ch)) ORDER BY id FOR NO KEY UPDATE;
  PERFORM accord_rc_add(ARRAY(
    WITH c AS (
      SELECT x.measure_id, x.period_id, x.party_id, v.st, v.lt, v.sgn
      FROM unnest(ch) x
      CROSS JOIN LATERAL (VALUES (x.state, x.late, x.sgn), (NULL::report_state, NULL::boolean, -x.sgn)) v(st, lt, sgn)
    ),
    g AS (
      SELECT c.*, accord_rc_owner(m.tier, m.owner_party_id) AS owner, m.id AS mid
      FROM c JOIN measures m ON m.id = c.measure_id
      JOIN periods p ON p.id = c.period_id AND p.roadmap_id = m.roadmap_id
      WHERE accord_rc_due(m.child_count, m.start_date, m.due_date, m.status, p.start_date, p.end_date)
    )
    SELECT accord_rc_figures(g.period_id, g.party_id, mr.organisation_id, g.owner, g.st, g.lt, g.sgn)
    FROM g JOIN measure_responsibles mr ON mr.measure_id = g.mid AND mr.party_id = g.party_id
    UNION ALL
    SELECT accord_rc_figures(g.period_id, g.party_id, '00000000-0000-0000-0000-000000000000'::uuid, g.owner, g.st, g.lt, g.sgn)
    FROM g WHERE EXISTS (SELECT 1 FROM measure_responsibles mr WHERE mr.measure_id = g.mid AND mr.party_id = g.party_id)));
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_reports_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_rc_reports(ARRAY(SELECT ROW(n.measure_id, n.period_id, n.party_id, n.state, n.late, 1)::accord_rc_report FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_reports_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ch accord_rc_report[];
BEGIN
  -- only the rows whose pair, state or flag changed (most updates touch the claim or stamps)
  ch := ARRAY(
    SELECT x FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (ROW(o.measure_id, o.period_id, o.party_id, o.state, o.late, -1)::accord_rc_report),
                               (ROW(n.measure_id, n.period_id, n.party_id, n.state, n.late, 1)::accord_rc_report)) v(x)
    WHERE (o.measure_id, o.period_id, o.party_id, o.state, o.late) IS DISTINCT FROM (n.measure_id, n.period_id, n.party_id, n.state, n.late));
  IF cardinality(ch) > 0 THEN PERFORM accord_rc_reports(ch); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_reports_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_rc_reports(ARRAY(SELECT ROW(o.measure_id, o.period_id, o.party_id, o.state, o.late, -1)::accord_rc_report FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_rc_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_reports_insert();
--> statement-breakpoint
CREATE TRIGGER reports_rc_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_reports_update();
--> statement-breakpoint
CREATE TRIGGER reports_rc_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_reports_delete();
--> statement-breakpoint
CREATE FUNCTION accord_rc_measures_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  olds accord_rc_measure[];
  news accord_rc_measure[];
BEGIN
  -- only the rows whose due rule inputs or bucket changed (most updates touch progress or text)
  olds := ARRAY(
    SELECT ROW(o.id, o.roadmap_id, o.child_count, o.start_date, o.due_date, o.status, o.tier, o.owner_party_id)::accord_rc_measure
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.roadmap_id, o.child_count = 0, o.start_date, o.due_date, o.status IN ('completed', 'cancelled'),
           accord_rc_owner(o.tier, o.owner_party_id))
      IS DISTINCT FROM (n.roadmap_id, n.child_count = 0, n.start_date, n.due_date, n.status IN ('completed', 'cancelled'),
           accord_rc_owner(n.tier, n.owner_party_id)));
  IF cardinality(olds) = 0 THEN RETURN NULL; END IF;
  IF NOT EXISTS (SELECT 1 FROM periods p WHERE p.roadmap_id IN (SELECT (o).roadmap_id FROM unnest(olds) o
      UNION SELECT n.roadmap_id FROM new_rows n)) THEN RETURN NULL; END IF;
  news := ARRAY(
    SELECT ROW(n.id, n.roadmap_id, n.child_count, n.start_date, n.due_date, n.status, n.tier, n.owner_party_id)::accord_rc_measure
    FROM new_rows n WHERE n.id IN (SELECT (x).id FROM unnest(olds) x));
  PERFORM accord_rc_add(ARRAY(
    SELECT x FROM accord_rc_parts(olds, accord_rc_links(ARRAY(SELECT (o).id FROM unnest(olds) o)), -1, NULL) x
    UNION ALL
    SELECT x FROM accord_rc_parts(news, accord_rc_links(ARRAY(SELECT (o).id FROM unnest(olds) o)), 1, NULL) x));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_measures_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.child_count > 0 OR NOT EXISTS (SELECT 1 FROM periods WHERE roadmap_id = OLD.roadmap_id) THEN RETURN OLD; END IF;
  PERFORM accord_rc_add(ARRAY(
    SELECT x FROM accord_rc_parts(
      ARRAY[ROW(OLD.id, OLD.roadmap_id, OLD.child_count, OLD.start_date, OLD.due_date, OLD.status, OLD.tier, OLD.owner_party_id)::accord_rc_measure],
      accord_rc_links(ARRAY[OLD.id]), -1, NULL) x));
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER measures_rc_update AFTER UPDATE ON measures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_measures_update();
--> statement-breakpoint
CREATE TRIGGER measures_rc_delete BEFORE DELETE ON measures
  FOR EACH ROW EXECUTE FUNCTION accord_rc_measures_delete();
--> statement-breakpoint
-- Links: the measures' contributions with the links as they are, minus those with the links
-- as they were (inserted ones absent, deleted ones present). Links removed by a measure's own
-- deletion find no measure, and were taken away by the measure's trigger.
-- The measures `ids` whose links were `was` and are now as stored.
CREATE FUNCTION accord_rc_relink(ids uuid[], was accord_rc_link[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT accord_rc_any_period(ids) THEN RETURN; END IF;
  PERFORM 1 FROM measures WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  PERFORM accord_rc_add(ARRAY(
    SELECT x FROM accord_rc_parts(accord_rc_measures(ids), accord_rc_links(ids), 1, NULL) x
    UNION ALL
    SELECT x FROM accord_rc_parts(accord_rc_measures(ids), was, -1, NULL) x));
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_responsibles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT measure_id FROM new_rows);
BEGIN
  PERFORM accord_rc_relink(ids, ARRAY(
    SELECT l FROM unnest(accord_rc_links(ids)) l
    WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.measure_id = l.measure_id AND n.organisation_id = l.organisation_id)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_responsibles_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT measure_id FROM old_rows);
BEGIN
  PERFORM accord_rc_relink(ids, accord_rc_links(ids) || ARRAY(
    SELECT ROW(o.measure_id, o.organisation_id, o.party_id)::accord_rc_link FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_rc_insert AFTER INSERT ON measure_responsibles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_responsibles_insert();
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_rc_delete AFTER DELETE ON measure_responsibles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_responsibles_delete();
--> statement-breakpoint
-- A period counted afresh: every measure of its roadmap with its links and reports. The table
-- lock waits for report writers in flight and holds new ones until this transaction ends, so
-- none is counted twice or lost; readers are not held up.
CREATE FUNCTION accord_rc_recount(pids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  p record;
BEGIN
  IF cardinality(pids) = 0 THEN RETURN; END IF;
  LOCK TABLE reporting_counts IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM reporting_counts WHERE period_id = ANY (pids);
  FOR p IN SELECT id, roadmap_id FROM periods WHERE id = ANY (pids) LOOP
    PERFORM accord_rc_add(ARRAY(
      SELECT x FROM accord_rc_parts(
        ARRAY(SELECT ROW(m.id, m.roadmap_id, m.child_count, m.start_date, m.due_date, m.status, m.tier, m.owner_party_id)::accord_rc_measure
              FROM measures m WHERE m.roadmap_id = p.roadmap_id AND m.child_count = 0),
        ARRAY(SELECT ROW(mr.measure_id, mr.organisation_id, mr.party_id)::accord_rc_link
              FROM measure_responsibles mr JOIN measures m ON m.id = mr.measure_id
              WHERE m.roadmap_id = p.roadmap_id AND m.child_count = 0),
        1, p.id) x));
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_periods_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_rc_recount(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_rc_periods_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.roadmap_id, o.start_date, o.end_date) IS DISTINCT FROM (n.roadmap_id, n.start_date, n.end_date));
BEGIN
  IF cardinality(ids) > 0 THEN PERFORM accord_rc_recount(ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER periods_rc_insert AFTER INSERT ON periods
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_periods_insert();
--> statement-breakpoint
CREATE TRIGGER periods_rc_update AFTER UPDATE ON periods
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_rc_periods_update();
--> statement-breakpoint
SELECT accord_rc_recount(ARRAY(SELECT id FROM periods));
