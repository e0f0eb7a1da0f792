-- Reporting periods (issue 8 §1): a roadmap's frequency and due days, and its periods.
CREATE TYPE "public"."reporting_frequency" AS ENUM('monthly', 'quarterly', 'half_yearly', 'yearly');--> statement-breakpoint
CREATE TYPE "public"."period_state" AS ENUM('open', 'closed', 'locked');--> statement-breakpoint
ALTER TABLE "roadmaps" ADD COLUMN "reporting_frequency" "reporting_frequency" DEFAULT 'quarterly' NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD COLUMN "report_due_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_report_due_days_check" CHECK ("roadmaps"."report_due_days" between 0 and 90);--> statement-breakpoint
CREATE TABLE "periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"code" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"report_due_date" date NOT NULL,
	"state" "period_state" DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"reopened_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_dates_check" CHECK ("periods"."end_date" >= "periods"."start_date")
);--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "periods_roadmap_code_idx" ON "periods" USING btree ("roadmap_id","code");--> statement-breakpoint
CREATE INDEX "periods_roadmap_start_idx" ON "periods" USING btree ("roadmap_id","start_date");--> statement-breakpoint
CREATE INDEX "periods_open_due_idx" ON "periods" USING btree ("report_due_date") WHERE "periods"."state" = 'open';--> statement-breakpoint
CREATE INDEX "periods_closed_idx" ON "periods" USING btree ("closed_at") WHERE "periods"."state" = 'closed';
