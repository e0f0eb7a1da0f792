-- The summary's partial sums (summary_parts, see src/db/schema.ts), kept equal to the
-- from-scratch aggregates by triggers in the transaction of every write, so that a cache
-- miss reads a few hundred rows instead of aggregating every measure. Overdue and at-risk
-- depend on the day and are not summed here (src/services/summary/flags.ts counts them).
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
	CONSTRAINT "summary_parts_pk" PRIMARY KEY("roadmap_id","kind","group_id","party_id","status","leaf","top","owner","slot")
);
--> statement-breakpoint
ALTER TABLE "summary_parts" ADD CONSTRAINT "summary_parts_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TYPE accord_part_delta AS (
  roadmap_id uuid, kind text, group_id uuid, party_id uuid, status measure_status,
  leaf boolean, top boolean, owner uuid, n bigint, wp numeric, w numeric
);
--> statement-breakpoint
-- Adds deltas to the sums, in key order (concurrent writers lock rows in one order). The
-- slot (by backend) spreads a hot sum over rows, so parallel writers seldom queue on one.
-- A roadmap being deleted is skipped: its rows go with it.
CREATE FUNCTION accord_parts_add(d accord_part_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO summary_parts AS p (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot, n, wp, w)
  SELECT x.roadmap_id, x.kind, x.group_id, x.party_id, x.status, x.leaf, x.top, x.owner,
         (pg_backend_pid() % 8)::smallint, sum(x.n), sum(x.wp), sum(x.w)
  FROM unnest(d) x
  WHERE EXISTS (SELECT 1 FROM roadmaps r WHERE r.id = x.roadmap_id)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(x.n) <> 0 OR sum(x.wp) <> 0 OR sum(x.w) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot) DO UPDATE
    SET n = p.n + excluded.n, wp = p.wp + excluded.wp, w = p.w + excluded.w;
$$;
--> statement-breakpoint
-- The groups of some measures, from their current links.
CREATE FUNCTION accord_measure_groups(ids uuid[])
RETURNS TABLE (measure_id uuid, kind text, group_id uuid, party_id uuid) LANGUAGE sql STABLE AS $$
  SELECT i, 'all', '00000000-0000-0000-0000-000000000000'::uuid, '00000000-0000-0000-0000-000000000000'::uuid
    FROM unnest(ids) i
  UNION ALL
  SELECT s.measure_id, 'sphere', s.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid
    FROM measure_spheres s WHERE s.measure_id = ANY (ids)
  UNION ALL
  SELECT DISTINCT r.measure_id, 'party', r.party_id, '00000000-0000-0000-0000-000000000000'::uuid
    FROM measure_responsibles r WHERE r.measure_id = ANY (ids)
  UNION ALL
  SELECT r.measure_id, 'org', r.organisation_id, r.party_id
    FROM measure_responsibles r WHERE r.measure_id = ANY (ids)
$$;
--> statement-breakpoint
-- One measure's contribution, signed.
CREATE FUNCTION accord_part_of(m measures, sgn int, kind text, group_id uuid, party_id uuid)
RETURNS accord_part_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(m.roadmap_id, kind, group_id, party_id, m.status, m.child_count = 0, m.parent_id IS NULL,
             coalesce(m.owner_party_id, '00000000-0000-0000-0000-000000000000'::uuid),
             sgn, sgn * m.weight::numeric * m.progress, sgn * m.weight::numeric)::accord_part_delta
$$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_measures_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(n, 1, g.kind, g.group_id, g.party_id)
    FROM new_rows n JOIN accord_measure_groups(ARRAY(SELECT id FROM new_rows)) g ON g.measure_id = n.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_measures_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  -- only rows whose summed attributes changed (most updates touch text, dates or versions)
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.roadmap_id, o.status, o.child_count = 0, o.parent_id IS NULL, o.owner_party_id, o.weight, o.progress)
      IS DISTINCT FROM (n.roadmap_id, n.status, n.child_count = 0, n.parent_id IS NULL, n.owner_party_id, n.weight, n.progress));
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(o, -1, g.kind, g.group_id, g.party_id)
      FROM old_rows o JOIN accord_measure_groups(changed) g ON g.measure_id = o.id
    UNION ALL
    SELECT accord_part_of(n, 1, g.kind, g.group_id, g.party_id)
      FROM new_rows n JOIN accord_measure_groups(changed) g ON g.measure_id = n.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_measures_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a cascade from the roadmap's own deletion: its sums go with it
  IF NOT EXISTS (SELECT 1 FROM roadmaps WHERE id = OLD.roadmap_id) THEN RETURN OLD; END IF;
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(OLD, -1, g.kind, g.group_id, g.party_id)
    FROM accord_measure_groups(ARRAY[OLD.id]) g));
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_spheres_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM accord_parts_add(ARRAY(
      SELECT accord_part_of(m, 1, 'sphere', r.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid)
      FROM new_rows r JOIN measures m ON m.id = r.measure_id));
  ELSE
    PERFORM accord_parts_add(ARRAY(
      SELECT accord_part_of(m, -1, 'sphere', r.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid)
      FROM old_rows r JOIN measures m ON m.id = r.measure_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A party group appears with a measure's first organisation of that party and disappears
-- with its last one; organisations count one by one.
CREATE FUNCTION accord_parts_responsibles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(m, 1, 'org', r.organisation_id, r.party_id)
      FROM new_rows r JOIN measures m ON m.id = r.measure_id
    UNION ALL
    SELECT accord_part_of(m, 1, 'party', p.party_id, '00000000-0000-0000-0000-000000000000'::uuid)
      FROM (SELECT DISTINCT measure_id, party_id FROM new_rows) p JOIN measures m ON m.id = p.measure_id
      WHERE NOT EXISTS (
        SELECT 1 FROM measure_responsibles x
        WHERE x.measure_id = p.measure_id AND x.party_id = p.party_id
          AND NOT EXISTS (SELECT 1 FROM new_rows y WHERE y.measure_id = x.measure_id AND y.organisation_id = x.organisation_id))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_parts_responsibles_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(m, -1, 'org', r.organisation_id, r.party_id)
      FROM old_rows r JOIN measures m ON m.id = r.measure_id
    UNION ALL
    SELECT accord_part_of(m, -1, 'party', p.party_id, '00000000-0000-0000-0000-000000000000'::uuid)
      FROM (SELECT DISTINCT measure_id, party_id FROM old_rows) p JOIN measures m ON m.id = p.measure_id
      WHERE NOT EXISTS (
        SELECT 1 FROM measure_responsibles x WHERE x.measure_id = p.measure_id AND x.party_id = p.party_id)));
  RETURN NULL;
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
-- The sums of the measures already there, in one set-based pass.
INSERT INTO summary_parts (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot, n, wp, w)
SELECT d.roadmap_id, d.kind, d.group_id, d.party_id, d.status, d.leaf, d.top, d.owner, 0, sum(d.n), sum(d.wp), sum(d.w)
FROM (
  SELECT (accord_part_of(m, 1, 'all', '00000000-0000-0000-0000-000000000000'::uuid, '00000000-0000-0000-0000-000000000000'::uuid)).*
    FROM measures m
  UNION ALL
  SELECT (accord_part_of(m, 1, 'sphere', s.sphere_id, '00000000-0000-0000-0000-000000000000'::uuid)).*
    FROM measure_spheres s JOIN measures m ON m.id = s.measure_id
  UNION ALL
  SELECT (accord_part_of(m, 1, 'party', r.party_id, '00000000-0000-0000-0000-000000000000'::uuid)).*
    FROM (SELECT DISTINCT measure_id, party_id FROM measure_responsibles) r JOIN measures m ON m.id = r.measure_id
  UNION ALL
  SELECT (accord_part_of(m, 1, 'org', r.organisation_id, r.party_id)).*
    FROM measure_responsibles r JOIN measures m ON m.id = r.measure_id
) d
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
