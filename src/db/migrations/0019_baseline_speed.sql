-- Baseline speed (issue 9 §3): the columns a diff compares (fingerprint, tier, owner) move into
-- the primary key's index, so a freeze fills one index instead of two equal-keyed ones and a diff
-- of two baselines merge-joins two index-only scans of it.
ALTER TABLE "baseline_items" DROP CONSTRAINT "baseline_items_pk";--> statement-breakpoint
ALTER TABLE "baseline_items" ADD CONSTRAINT "baseline_items_pk" PRIMARY KEY ("baseline_id", "measure_id") INCLUDE ("fingerprint", "tier", "owner_party_id");--> statement-breakpoint
DROP INDEX "baseline_items_compare_idx";
