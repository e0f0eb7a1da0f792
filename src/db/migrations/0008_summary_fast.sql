-- The summary's partial sums (summary_parts, see src/db/schema.ts), kept equal to the
-- from-scratch aggregates by triggers in the transaction of every write, so that a cache
-- miss reads a few hundred rows instead of aggregating every measure.
--
-- Overdue and at-risk depend on the day: they are summed as of the roadmap's flag day
-- (summary_days.day, with the at-risk threshold the service passed). The first read of
-- another day moves it (accord_parts_set_day: flags zeroed, then counted afresh over the
-- open measures), under the day row's FOR UPDATE lock; every trigger takes FOR SHARE on it
-- before reading the day, so no write's flags are counted against a day they were not
-- computed for. The formula mirrors src/services/measures/queries.ts (`overdueSql`,
-- `atRiskSql`); summary tests hold the sums equal to those queries.
--
-- A measure contributes (1, weight × progress, weight) to the row of each of its groups:
-- 'all'; each sphere; each party among its responsible organisations (once per party);
-- each responsible organisation (with its party). Triggers:
--   measures      insert, update (statement level, transition tables): take away the old
--                 contributions, add the new ones, over the measure's current links;
--                 delete (row level, BEFORE, while its links still exist).
--   links         insert / delete (statement level): the contributions of the groups that
--                 appear or disappear; links removed by a measure's own deletion find no
--                 measure and were taken away by the measure's trigger.
CREATE TABLE "summary_parts" (
	"roadmap_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"group_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"status" "measure_status" NOT NULL,
	"leaf" boolean NOT NULL,
	"top" boolean NOT NULL,
	"owner" uuid NOT NULL,
	"slot" smallint NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"wp" numeric DEFAULT '0' NOT NULL,
	"w" numeric DEFAULT '0' NOT NULL,
	"overdue" bigint DEFAULT 0 NOT NULL,
	"at_risk" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "summary_parts_pk" PRIMARY KEY("roadmap_id","kind","group_id","party_id","status","leaf","top","owner","slot")
);
--> statement-breakpoint
ALTER TABLE "summary_parts" ADD CONSTRAINT "summary_parts_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "summary_days" (
	"roadmap_id" uuid PRIMARY KEY NOT NULL,
	"day" date,
	"threshold" double precision
);
--> statement-breakpoint
ALTER TABLE "summary_days" ADD CONSTRAINT "summary_days_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
INSERT INTO summary_days (roadmap_id) SELECT id FROM roadmaps;
--> statement-breakpoint
CREATE FUNCTION accord_days_roadmaps_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO summary_days (roadmap_id) SELECT id FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER roadmaps_days_insert AFTER INSERT ON roadmaps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_days_roadmaps_insert();
--> statement-breakpoint
-- Waits for a day move in flight and keeps the day still until this transaction ends.
CREATE FUNCTION accord_lock_days(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM summary_days WHERE roadmap_id = ANY (ids) ORDER BY roadmap_id FOR SHARE;
$$;
--> statement-breakpoint
CREATE TYPE accord_part_delta AS (
  roadmap_id uuid, kind text, group_id uuid, party_id uuid, status measure_status,
  leaf boolean, top boolean, owner uuid, n bigint, wp numeric, w numeric, overdue bigint, at_risk bigint
);
--> statement-breakpoint
-- Adds deltas to the sums, in key order (concurrent writers lock rows in one order). The
-- slot (by backend) spreads a hot sum over rows, so parallel writers seldom queue on one.
-- A roadmap being deleted is skipped: its rows go with it.
CREATE FUNCTION accord_parts_add(d accord_part_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO summary_parts AS p (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot, n, wp, w, overdue, at_risk)
  SELECT x.roadmap_id, x.kind, x.group_id, x.party_id, x.status, x.leaf, x.top, x.owner,
         (pg_backend_pid() % 8)::smallint, sum(x.n), sum(x.wp), sum(x.w), sum(x.overdue), sum(x.at_risk)
  FROM unnest(d) x
  WHERE EXISTS (SELECT 1 FROM roadmaps r WHERE r.id = x.roadmap_id)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(x.n) <> 0 OR sum(x.wp) <> 0 OR sum(x.w) <> 0 OR sum(x.overdue) <> 0 OR sum(x.at_risk) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot) DO UPDATE
    SET n = p.n + excluded.n, wp = p.wp + excluded.wp, w = p.w + excluded.w,
        overdue = p.overdue + excluded.overdue, at_risk = p.at_risk + excluded.at_risk;
$$;
--> statement-breakpoint
-- The groups of some measures, from their current links (joins, not = ANY: the planner
-- may hash a long list).
CREATE FUNCTION accord_measure_groups(ids uuid[])
RETURNS TABLE (measure_id uuid, kind text, group_id uuid, party_id uuid) LANGUAGE sql STABLE AS $$
  WITH i AS (SELECT DISTINCT id FROM unnest(ids) id)
  SELECT i.id, 'all', '00000000-0000-0000-0000-000000000000'::uuid, '00000000-0000-0000-0000-000000000000'::uuid FROM i
  UNION ALL
  SELECT s.measure_id, 'sphere', s.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid
    FROM i JOIN measure_spheres s ON s.measure_id = i.id
  UNION ALL
  SELECT DISTINCT r.measure_id, 'party', r.party_id, '00000000-0000-0000-0000-000000000000'::uuid
    FROM i JOIN measure_responsibles r ON r.measure_id = i.id
  UNION ALL
  SELECT r.measure_id, 'org', r.organisation_id, r.party_id
    FROM i JOIN measure_responsibles r ON r.measure_id = i.id
$$;
--> statement-breakpoint
-- Overdue and at-risk of one measure on a day (null day: not counted yet), as
-- `overdueSql` and `atRiskSql` of src/services/measures/queries.ts. Scalar SQL functions, so
-- that the planner inlines them.
CREATE FUNCTION accord_overdue(status measure_status, due date, day date) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((status NOT IN ('completed', 'cancelled') AND due < day)::int, 0)
$$;
--> statement-breakpoint
CREATE FUNCTION accord_at_risk(status measure_status, start date, due date, progress int, day date, threshold float8)
RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((status NOT IN ('completed', 'cancelled') AND due >= day AND start <= day
    AND ((day - start)::float8 / greatest(due - start, 1)) * 100 - progress > threshold)::int, 0)
$$;
--> statement-breakpoint
-- One measure's contribution to one group, signed, with its flags on day `d`.
CREATE FUNCTION accord_part_of(m measures, sgn int, kind text, group_id uuid, party_id uuid, d summary_days)
RETURNS accord_part_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(m.roadmap_id, kind, group_id, party_id, m.status, m.child_count = 0, m.parent_id IS NULL,
             coalesce(m.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid),
             sgn, sgn * m.weight::numeric * m.progress, sgn * m.weight::numeric,
             sgn * accord_overdue(m.status, m.due_date, d.day),
             sgn * accord_at_risk(m.status, m.start_date, m.due_date, m.progress, d.day, d.threshold))::accord_part_delta
$$;
--> statement-breakpoint
-- Each trigger first locks the day rows of the roadmaps it touches (accord_lock_days), then
-- reads the day in a later statement, which sees a day move committed while it waited.
CREATE FUNCTION accord_parts_measures_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_lock_days(ARRAY(SELECT DISTINCT roadmap_id FROM new_rows));
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(n, 1, g.kind, g.group_id, g.party_id, d)
    FROM new_rows n JOIN summary_days d ON d.roadmap_id = n.roadmap_id
    JOIN accord_measure_groups(ARRAY(SELECT id FROM new_rows)) g ON g.measure_id = n.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_measures_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  -- only rows whose summed or flagged attributes changed (most updates touch text or versions)
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.roadmap_id, o.status, o.child_count = 0, o.parent_id IS NULL, o.owner_party_id, o.weight, o.progress, o.start_date, o.due_date)
      IS DISTINCT FROM (n.roadmap_id, n.status, n.child_count = 0, n.parent_id IS NULL, n.owner_party_id, n.weight, n.progress, n.start_date, n.due_date));
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  PERFORM accord_lock_days(ARRAY(
    SELECT roadmap_id FROM old_rows WHERE id = ANY (changed) UNION SELECT roadmap_id FROM new_rows WHERE id = ANY (changed)));
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(o, -1, g.kind, g.group_id, g.party_id, d)
      FROM old_rows o JOIN summary_days d ON d.roadmap_id = o.roadmap_id
      JOIN accord_measure_groups(changed) g ON g.measure_id = o.id
    UNION ALL
    SELECT accord_part_of(n, 1, g.kind, g.group_id, g.party_id, d)
      FROM new_rows n JOIN summary_days d ON d.roadmap_id = n.roadmap_id
      JOIN accord_measure_groups(changed) g ON g.measure_id = n.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_measures_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a cascade from the roadmap's own deletion: its sums go with it
  IF NOT EXISTS (SELECT 1 FROM roadmaps WHERE id = OLD.roadmap_id) THEN RETURN OLD; END IF;
  PERFORM accord_lock_days(ARRAY[OLD.roadmap_id]);
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(OLD, -1, g.kind, g.group_id, g.party_id, d)
    FROM summary_days d, accord_measure_groups(ARRAY[OLD.id]) g WHERE d.roadmap_id = OLD.roadmap_id));
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_spheres_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM accord_lock_days(ARRAY(SELECT DISTINCT m.roadmap_id FROM new_rows r JOIN measures m ON m.id = r.measure_id));
    PERFORM accord_parts_add(ARRAY(
      SELECT accord_part_of(m, 1, 'sphere', r.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid, d)
      FROM new_rows r JOIN measures m ON m.id = r.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id));
  ELSE
    PERFORM accord_lock_days(ARRAY(SELECT DISTINCT m.roadmap_id FROM old_rows r JOIN measures m ON m.id = r.measure_id));
    PERFORM accord_parts_add(ARRAY(
      SELECT accord_part_of(m, -1, 'sphere', r.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid, d)
      FROM old_rows r JOIN measures m ON m.id = r.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A party group appears with a measure's first organisation of that party and disappears
-- with its last one; organisations count one by one.
CREATE FUNCTION accord_parts_responsibles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_lock_days(ARRAY(SELECT DISTINCT m.roadmap_id FROM new_rows r JOIN measures m ON m.id = r.measure_id));
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(m, 1, 'org', r.organisation_id, r.party_id, d)
      FROM new_rows r JOIN measures m ON m.id = r.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id
    UNION ALL
    SELECT accord_part_of(m, 1, 'party', p.party_id, '00000000-0000-0000-0000-000000000000'::uuid, d)
      FROM (SELECT DISTINCT measure_id, party_id FROM new_rows) p JOIN measures m ON m.id = p.measure_id
      JOIN summary_days d ON d.roadmap_id = m.roadmap_id
      WHERE NOT EXISTS (
        SELECT 1 FROM measure_responsibles x
        WHERE x.measure_id = p.measure_id AND x.party_id = p.party_id
          AND NOT EXISTS (SELECT 1 FROM new_rows y WHERE y.measure_id = x.measure_id AND y.organisation_id = x.organisation_id))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_responsibles_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_lock_days(ARRAY(SELECT DISTINCT m.roadmap_id FROM old_rows r JOIN measures m ON m.id = r.measure_id));
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(m, -1, 'org', r.organisation_id, r.party_id, d)
      FROM old_rows r JOIN measures m ON m.id = r.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id
    UNION ALL
    SELECT accord_part_of(m, -1, 'party', p.party_id, '00000000-0000-0000-0000-000000000000'::uuid, d)
      FROM (SELECT DISTINCT measure_id, party_id FROM old_rows) p JOIN measures m ON m.id = p.measure_id
      JOIN summary_days d ON d.roadmap_id = m.roadmap_id
      WHERE NOT EXISTS (
        SELECT 1 FROM measure_responsibles x WHERE x.measure_id = p.measure_id AND x.party_id = p.party_id)));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Moves a roadmap's flag day: waits for the writers in flight (their FOR SHARE), zeroes the
-- flags and counts them afresh over the open measures, whose changes from now on wait for
-- this transaction. A no-op when the day and threshold are already these.
CREATE FUNCTION accord_parts_set_day(r uuid, new_day date, new_threshold float8) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cur summary_days;
BEGIN
  INSERT INTO summary_days (roadmap_id) VALUES (r) ON CONFLICT DO NOTHING;
  SELECT * INTO cur FROM summary_days WHERE roadmap_id = r FOR UPDATE;
  IF cur.day IS NOT DISTINCT FROM new_day AND cur.threshold IS NOT DISTINCT FROM new_threshold THEN RETURN; END IF;
  UPDATE summary_parts SET overdue = 0, at_risk = 0 WHERE roadmap_id = r AND (overdue <> 0 OR at_risk <> 0);
  UPDATE summary_days SET day = new_day, threshold = new_threshold WHERE roadmap_id = r RETURNING * INTO cur;
  PERFORM accord_parts_add(ARRAY(
    WITH f AS (
      SELECT * FROM (
        SELECT m.id, m.status, m.child_count = 0 AS leaf, m.parent_id IS NULL AS top,
               coalesce(m.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner,
               accord_overdue(m.status, m.due_date, new_day) AS overdue,
               accord_at_risk(m.status, m.start_date, m.due_date, m.progress, new_day, new_threshold) AS at_risk
        FROM measures m WHERE m.roadmap_id = r AND m.status NOT IN ('completed', 'cancelled')
      ) x WHERE x.overdue + x.at_risk > 0
    ), g AS (
      SELECT f.id, 'all' AS kind, '00000000-0000-0000-0000-000000000000'::uuid AS group_id, '00000000-0000-0000-0000-000000000000'::uuid AS party_id FROM f
      UNION ALL
      SELECT s.measure_id, 'sphere', s.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid FROM f JOIN measure_spheres s ON s.measure_id = f.id
      UNION ALL
      SELECT DISTINCT x.measure_id, 'party', x.party_id, '00000000-0000-0000-0000-000000000000'::uuid FROM f JOIN measure_responsibles x ON x.measure_id = f.id
      UNION ALL
      SELECT x.measure_id, 'org', x.organisation_id, x.party_id FROM f JOIN measure_responsibles x ON x.measure_id = f.id
    )
    SELECT ROW(r, g.kind, g.group_id, g.party_id, f.status, f.leaf, f.top, f.owner, 0, 0, 0,
               sum(f.overdue), sum(f.at_risk))::accord_part_delta
    FROM f JOIN g ON g.id = f.id
    GROUP BY g.kind, g.group_id, g.party_id, f.status, f.leaf, f.top, f.owner));
END $$;
--> statement-breakpoint
CREATE TRIGGER measures_parts_insert AFTER INSERT ON measures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_parts_measures_insert();
--> statement-breakpoint
CREATE TRIGGER measures_parts_update AFTER UPDATE ON measures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_parts_measures_update();
--> statement-breakpoint
CREATE TRIGGER measures_parts_delete BEFORE DELETE ON measures
  FOR EACH ROW EXECUTE FUNCTION accord_parts_measures_delete();
--> statement-breakpoint
CREATE TRIGGER measure_spheres_parts_insert AFTER INSERT ON measure_spheres
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_parts_spheres_change();
--> statement-breakpoint
CREATE TRIGGER measure_spheres_parts_delete AFTER DELETE ON measure_spheres
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_parts_spheres_change();
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_parts_insert AFTER INSERT ON measure_responsibles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_parts_responsibles_insert();
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_parts_delete AFTER DELETE ON measure_responsibles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_parts_responsibles_delete();
--> statement-breakpoint
-- Links are replaced, never updated in place: an update would bypass the sums, so refuse it.
CREATE FUNCTION accord_parts_no_link_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are deleted and inserted, not updated (summary_parts)', TG_TABLE_NAME;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_spheres_parts_no_update BEFORE UPDATE OF measure_id, sphere_id ON measure_spheres
  FOR EACH ROW EXECUTE FUNCTION accord_parts_no_link_update();
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_parts_no_update BEFORE UPDATE OF measure_id, organisation_id, party_id ON measure_responsibles
  FOR EACH ROW EXECUTE FUNCTION accord_parts_no_link_update();
--> statement-breakpoint
-- The sums of the measures already there, in one set-based pass (no flag day yet: the first
-- read sets it).
INSERT INTO summary_parts (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot, n, wp, w)
SELECT x.roadmap_id, x.kind, x.group_id, x.party_id, x.status, x.leaf, x.top, x.owner, 0, sum(x.n), sum(x.wp), sum(x.w)
FROM (
  SELECT (accord_part_of(m, 1, 'all', '00000000-0000-0000-0000-000000000000'::uuid, '00000000-0000-0000-0000-000000000000'::uuid, d)).*
    FROM measures m JOIN summary_days d ON d.roadmap_id = m.roadmap_id
  UNION ALL
  SELECT (accord_part_of(m, 1, 'sphere', s.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid, d)).*
    FROM measure_spheres s JOIN measures m ON m.id = s.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id
  UNION ALL
  SELECT (accord_part_of(m, 1, 'party', r.party_id, '00000000-0000-0000-0000-000000000000'::uuid, d)).*
    FROM (SELECT DISTINCT measure_id, party_id FROM measure_responsibles) r JOIN measures m ON m.id = r.measure_id
    JOIN summary_days d ON d.roadmap_id = m.roadmap_id
  UNION ALL
  SELECT (accord_part_of(m, 1, 'org', r.organisation_id, r.party_id, d)).*
    FROM measure_responsibles r JOIN measures m ON m.id = r.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id
) x
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
