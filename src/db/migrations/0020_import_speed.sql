-- The import's save (issue 10: 10,000 rows under 5 s). The triggers on measure_responsibles
-- cost most of PostgreSQL's time in a bulk write:
--
-- * summary_parts (0008): a party group appears with a measure's first organisation of that
--   party. The test was an anti-join of the table's rows against the statement's transition
--   table, which has no index: every new row scanned all the others, so a statement's cost
--   grew with the square of its size and the batch writer had to cut its inserts into
--   250-row statements. Counting does the same in linear time: the group is new exactly when
--   all of the measure's rows of that party are in this statement (the rows are in the table
--   when an AFTER trigger runs, so the stored count includes them).
-- * reporting_counts (0018): the relink read the measures' links before it looked whether
--   their roadmaps have a period at all; a new roadmap (an import, the generator) has none.
--   And that look walked every measure of each roadmap with a period, filtering by the given
--   ids (the planner's choice for a long id list): it now finds the given measures' roadmaps
--   first, by their keys, then their periods.
CREATE OR REPLACE FUNCTION accord_parts_responsibles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accord_lock_days(ARRAY(SELECT DISTINCT m.roadmap_id FROM new_rows r JOIN measures m ON m.id = r.measure_id));
  PERFORM accord_parts_add(ARRAY(
    SELECT accord_part_of(m, 1, 'org', r.organisation_id, r.party_id, d)
      FROM new_rows r JOIN measures m ON m.id = r.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id
    UNION ALL
    SELECT accord_part_of(m, 1, 'party', p.party_id, '00000000-0000-0000-0000-000000000000'::uuid, d)
      FROM (SELECT measure_id, party_id, count(*) AS n FROM new_rows GROUP BY 1, 2) p
      JOIN measures m ON m.id = p.measure_id JOIN summary_days d ON d.roadmap_id = m.roadmap_id
      WHERE (SELECT count(*) FROM measure_responsibles x
             WHERE x.measure_id = p.measure_id AND x.party_id = p.party_id) = p.n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accord_rc_any_period(ids uuid[]) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM periods p
    WHERE p.roadmap_id = ANY (ARRAY(SELECT DISTINCT m.roadmap_id FROM measures m WHERE m.id = ANY (ids))))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accord_rc_responsibles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT measure_id FROM new_rows);
BEGIN
  IF NOT accord_rc_any_period(ids) THEN RETURN NULL; END IF;
  PERFORM accord_rc_relink(ids, ARRAY(
    SELECT l FROM unnest(accord_rc_links(ids)) l
    WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.measure_id = l.measure_id AND n.organisation_id = l.organisation_id)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accord_rc_responsibles_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT measure_id FROM old_rows);
BEGIN
  IF NOT accord_rc_any_period(ids) THEN RETURN NULL; END IF;
  PERFORM accord_rc_relink(ids, accord_rc_links(ids) || ARRAY(
    SELECT ROW(o.measure_id, o.organisation_id, o.party_id)::accord_rc_link FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Lock order of the trigger-kept sums. Every statement adds its deltas to summary_parts and
-- reporting_counts in key order, but one transaction does so in several statements (an
-- approval: the report's completeness rows, then its measure's groups and both parties' rows,
-- then each ancestor's roll-up), so two writers that shared a slot (pg_backend_pid() % 8 or
-- % 16) could each hold a row the other needed next: a deadlock, retried by mutate. Now a
-- transaction claims a slot of its own for both tables, on its first delta: a transaction-
-- scoped advisory lock per slot, the first free one from its backend's; two transactions in
-- flight never write the same sum rows, so they neither wait for nor deadlock on each other
-- there. With all 8 taken, it waits for its backend's slot (before it locks any sum row).
-- The lock is (727010, slot); tree.ts's renumbering lock is (727003, hash of the roadmap).
-- Rows written in slots 8–15 of reporting_counts before stay valid: readers sum all slots.
CREATE FUNCTION accord_slot() RETURNS smallint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s int := nullif(current_setting('accord.slot', true), '')::int;
  home int := pg_backend_pid() % 8;
BEGIN
  IF s IS NOT NULL THEN RETURN s; END IF;
  FOR i IN 0..7 LOOP
    IF pg_try_advisory_xact_lock(727010, (home + i) % 8) THEN s := (home + i) % 8; EXIT; END IF;
  END LOOP;
  IF s IS NULL THEN
    s := home;
    PERFORM pg_advisory_xact_lock(727010, s);
  END IF;
  PERFORM set_config('accord.slot', s::text, true);
  RETURN s;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accord_parts_add(d accord_part_delta[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s smallint;
BEGIN
  IF cardinality(d) = 0 THEN RETURN; END IF;
  s := accord_slot();
  INSERT INTO summary_parts AS p (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot, n, wp, w, overdue, at_risk)
  SELECT x.roadmap_id, x.kind, x.group_id, x.party_id, x.status, x.leaf, x.top, x.owner,
         s, sum(x.n), sum(x.wp), sum(x.w), sum(x.overdue), sum(x.at_risk)
  FROM unnest(d) x
  WHERE EXISTS (SELECT 1 FROM roadmaps r WHERE r.id = x.roadmap_id)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(x.n) <> 0 OR sum(x.wp) <> 0 OR sum(x.w) <> 0 OR sum(x.overdue) <> 0 OR sum(x.at_risk) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (roadmap_id, kind, group_id, party_id, status, leaf, top, owner, slot) DO UPDATE
    SET n = p.n + excluded.n, wp = p.wp + excluded.wp, w = p.w + excluded.w,
        overdue = p.overdue + excluded.overdue, at_risk = p.at_risk + excluded.at_risk;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accord_rc_add(d accord_rc_delta[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s smallint;
BEGIN
  IF cardinality(d) = 0 THEN RETURN; END IF;
  s := accord_slot();
  INSERT INTO reporting_counts AS c (period_id, party_id, organisation_id, owner, slot, due, submitted, approved, returned, late_flag, open)
  SELECT x.period_id, x.party_id, x.organisation_id, x.owner, s,
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
END $$;
