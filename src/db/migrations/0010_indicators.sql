-- Joint statuses remember the approved reports they were computed from (reconcile is idempotent),
-- and indicators of a measure with their targets per reporting period (issue 8 §3–4).
ALTER TABLE "joint_statuses" ADD COLUMN "reports_basis" text;--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"unit" text NOT NULL,
	"direction" text DEFAULT 'up' NOT NULL,
	"baseline_value" double precision,
	"baseline_date" date,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_unit_check" CHECK ("indicators"."unit" in ('percent', 'count', 'tonnes', 'usd_million', 'km', 'days', 'index')),
	CONSTRAINT "indicators_direction_check" CHECK ("indicators"."direction" in ('up', 'down'))
);--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"indicator_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "indicator_targets_indicator_id_period_id_pk" PRIMARY KEY("indicator_id","period_id")
);--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicators_measure_idx" ON "indicators" USING btree ("measure_id","position");--> statement-breakpoint
CREATE INDEX "indicator_targets_period_idx" ON "indicator_targets" USING btree ("period_id");
