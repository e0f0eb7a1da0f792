-- Baseline speed (issue 9 §3). The fingerprint becomes the md5 as a uuid: 16 fixed bytes,
-- compared as one value. What a diff of two baselines reads (fingerprint, sort key, tier,
-- owner) moves into the primary key's index, so a diff merge-joins two index-only scans of it
-- and knows each difference's kind and code order without reading a row, and a freeze fills
-- one index instead of two equal-keyed ones.
ALTER TABLE "baseline_items" ALTER COLUMN "fingerprint" TYPE uuid USING "fingerprint"::uuid;--> statement-breakpoint
ALTER TABLE "baseline_items" DROP CONSTRAINT "baseline_items_pk";--> statement-breakpoint
DROP INDEX "baseline_items_compare_idx";--> statement-breakpoint
ALTER TABLE "baseline_items" ADD CONSTRAINT "baseline_items_pk" PRIMARY KEY ("baseline_id", "measure_id") INCLUDE ("fingerprint", "sort_key", "tier", "owner_party_id");
