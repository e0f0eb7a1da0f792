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
