-- At risk through a missing report and the late-report flag (issue 8 §3). What a report,
-- period or joint status changes can move a roadmap's summary (at risk, report missing,
-- late report, disputed), so those writes note a roadmap change like measure writes do
-- (0002): the cached summary, monitoring counts included, is current only while its stamp
-- is the roadmap's newest change. Updates note one only when a counted column changed.
CREATE FUNCTION accord_note_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT m.roadmap_id FROM new_rows r JOIN measures m ON m.id = r.measure_id;
  ELSIF TG_OP = 'DELETE' THEN
    -- reports removed by their measure's deletion find no measure: that deletion is noted
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT m.roadmap_id FROM old_rows r JOIN measures m ON m.id = r.measure_id;
  ELSE
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT m.roadmap_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN measures m ON m.id IN (n.measure_id, o.measure_id)
      WHERE (o.state, o.late, o.party_id, o.period_id, o.measure_id)
        IS DISTINCT FROM (n.state, n.late, n.party_id, n.period_id, n.measure_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_note_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_reports();
--> statement-breakpoint
CREATE TRIGGER reports_note_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_reports();
--> statement-breakpoint
CREATE TRIGGER reports_note_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_reports();
--> statement-breakpoint
CREATE FUNCTION accord_note_joint_statuses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT m.roadmap_id FROM new_rows j JOIN measures m ON m.id = j.measure_id;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT m.roadmap_id FROM old_rows j JOIN measures m ON m.id = j.measure_id;
  ELSE
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT m.roadmap_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN measures m ON m.id IN (n.measure_id, o.measure_id)
      WHERE (o.state, o.period_id, o.measure_id) IS DISTINCT FROM (n.state, n.period_id, n.measure_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER joint_statuses_note_insert AFTER INSERT ON joint_statuses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_joint_statuses();
--> statement-breakpoint
CREATE TRIGGER joint_statuses_note_update AFTER UPDATE ON joint_statuses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_joint_statuses();
--> statement-breakpoint
CREATE TRIGGER joint_statuses_note_delete AFTER DELETE ON joint_statuses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_joint_statuses();
--> statement-breakpoint
CREATE FUNCTION accord_note_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO roadmap_changes (roadmap_id) SELECT DISTINCT roadmap_id FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    -- a roadmap's own deletion takes its periods along: nothing left to note
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT o.roadmap_id FROM old_rows o WHERE EXISTS (SELECT 1 FROM roadmaps r WHERE r.id = o.roadmap_id);
  ELSE
    INSERT INTO roadmap_changes (roadmap_id)
      SELECT DISTINCT x.roadmap_id FROM new_rows n JOIN old_rows o ON o.id = n.id,
        LATERAL (VALUES (n.roadmap_id), (o.roadmap_id)) x (roadmap_id)
      WHERE (o.roadmap_id, o.end_date, o.report_due_date) IS DISTINCT FROM (n.roadmap_id, n.end_date, n.report_due_date);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER periods_note_insert AFTER INSERT ON periods
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_periods();
--> statement-breakpoint
CREATE TRIGGER periods_note_update AFTER UPDATE ON periods
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_periods();
--> statement-breakpoint
CREATE TRIGGER periods_note_delete AFTER DELETE ON periods
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accord_note_periods();
--> statement-breakpoint
-- Cached bodies from before hold no monitoring counts: computed afresh on the next read.
DELETE FROM summary_cache;
