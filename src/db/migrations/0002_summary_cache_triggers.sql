-- Note every statement that changes a roadmap's measures, or the spheres and responsible
-- organisations of its measures, in roadmap_changes: a cached summary is current only while
-- its stamp equals the roadmap's newest change. Statement-level triggers with transition
-- tables add one small insert per statement, whatever the number of rows.
CREATE FUNCTION accord_note_measures_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO roadmap_changes (roadmap_id) SELECT DISTINCT roadmap_id FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_note_measures_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO roadmap_changes (roadmap_id) SELECT DISTINCT roadmap_id FROM old_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_note_links_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO roadmap_changes (roadmap_id)
    SELECT DISTINCT m.roadmap_id FROM new_rows r JOIN measures m ON m.id = r.measure_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION accord_note_links_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- rows removed by a measure's own deletion find no measure here; that deletion is noted
  -- by the measures trigger
  INSERT INTO roadmap_changes (roadmap_id)
    SELECT DISTINCT m.roadmap_id FROM old_rows r JOIN measures m ON m.id = r.measure_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measures_note_insert AFTER INSERT ON measures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_measures_new();
--> statement-breakpoint
CREATE TRIGGER measures_note_update AFTER UPDATE ON measures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_measures_new();
--> statement-breakpoint
CREATE TRIGGER measures_note_delete AFTER DELETE ON measures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_measures_old();
--> statement-breakpoint
CREATE TRIGGER measure_spheres_note_insert AFTER INSERT ON measure_spheres
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_links_new();
--> statement-breakpoint
CREATE TRIGGER measure_spheres_note_delete AFTER DELETE ON measure_spheres
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_links_old();
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_note_insert AFTER INSERT ON measure_responsibles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_links_new();
--> statement-breakpoint
CREATE TRIGGER measure_responsibles_note_delete AFTER DELETE ON measure_responsibles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_links_old();
