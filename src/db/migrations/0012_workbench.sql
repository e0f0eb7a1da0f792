-- Baselines, commission meetings with their decisions, due-date change requests (issue 9 §3–5).
CREATE TYPE "public"."baseline_kind" AS ENUM('manual', 'approval', 'meeting');--> statement-breakpoint
CREATE TYPE "public"."change_request_state" AS ENUM('open', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."decision_effect" AS ENUM('creates', 'changes', 'closes', 'moves_dates');--> statement-breakpoint
CREATE TABLE "commission_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"date" date NOT NULL,
	"place" jsonb,
	"co_chairs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"held_at" timestamp with time zone,
	"protocol_name" text,
	"protocol_type" text,
	"protocol_size" integer,
	"protocol_sha256" text,
	"protocol_content" bytea,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commission_meetings_number_check" CHECK ("commission_meetings"."number" between 1 and 10000)
);--> statement-breakpoint
CREATE UNIQUE INDEX "commission_meetings_number_idx" ON "commission_meetings" USING btree ("number");--> statement-breakpoint
CREATE INDEX "commission_meetings_date_idx" ON "commission_meetings" USING btree ("date");--> statement-breakpoint
CREATE TABLE "meeting_roadmaps" (
	"meeting_id" uuid NOT NULL REFERENCES "commission_meetings"("id") ON DELETE cascade,
	"roadmap_id" uuid NOT NULL REFERENCES "roadmaps"("id") ON DELETE cascade,
	CONSTRAINT "meeting_roadmaps_pk" PRIMARY KEY ("meeting_id", "roadmap_id")
);--> statement-breakpoint
CREATE INDEX "meeting_roadmaps_roadmap_idx" ON "meeting_roadmaps" USING btree ("roadmap_id");--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "commission_meetings"("id") ON DELETE cascade,
	"number" integer NOT NULL,
	"text" jsonb NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_decisions_number_idx" ON "meeting_decisions" USING btree ("meeting_id", "number");--> statement-breakpoint
CREATE TABLE "decision_measures" (
	"decision_id" uuid NOT NULL REFERENCES "meeting_decisions"("id") ON DELETE cascade,
	"measure_id" uuid NOT NULL REFERENCES "measures"("id") ON DELETE cascade,
	"effect" "decision_effect" NOT NULL,
	CONSTRAINT "decision_measures_pk" PRIMARY KEY ("decision_id", "measure_id")
);--> statement-breakpoint
CREATE INDEX "decision_measures_measure_idx" ON "decision_measures" USING btree ("measure_id");--> statement-breakpoint
CREATE TABLE "baselines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL REFERENCES "roadmaps"("id") ON DELETE cascade,
	"name" jsonb NOT NULL,
	"kind" "baseline_kind" NOT NULL,
	"meeting_id" uuid REFERENCES "commission_meetings"("id") ON DELETE set null,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);--> statement-breakpoint
CREATE INDEX "baselines_roadmap_idx" ON "baselines" USING btree ("roadmap_id", "taken_at");--> statement-breakpoint
-- One row per measure at freezing time, of every tier: visibility is applied when read.
-- No foreign key to measures: a baseline outlives the measures removed after it.
CREATE TABLE "baseline_items" (
	"baseline_id" uuid NOT NULL REFERENCES "baselines"("id") ON DELETE cascade,
	"measure_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"sort_key" text NOT NULL,
	"title" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"tier" "tier" NOT NULL,
	"owner_party_id" uuid,
	"status" "measure_status" NOT NULL,
	"progress" smallint NOT NULL,
	"responsible" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sphere_ids" uuid[] DEFAULT '{}' NOT NULL,
	-- md5 of the compared fields: a diff of two baselines joins on it and loads only what differs
	"fingerprint" text NOT NULL,
	CONSTRAINT "baseline_items_pk" PRIMARY KEY ("baseline_id", "measure_id")
);--> statement-breakpoint
-- what a diff of two baselines compares first, read from the index alone: which measures
-- differ (and may be seen); only those rows are then fetched whole
CREATE INDEX "baseline_items_compare_idx" ON "baseline_items" USING btree ("baseline_id", "measure_id") INCLUDE ("fingerprint", "tier", "owner_party_id");--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL REFERENCES "measures"("id") ON DELETE cascade,
	"party_id" uuid NOT NULL REFERENCES "parties"("id"),
	"requested_by" uuid REFERENCES "users"("id"),
	"state" "change_request_state" DEFAULT 'open' NOT NULL,
	"due_date" date,
	"previous_due_date" date,
	"responsible" jsonb,
	"reason" text NOT NULL,
	"decided_by" uuid REFERENCES "users"("id"),
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"decision_id" uuid REFERENCES "meeting_decisions"("id") ON DELETE set null,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_requests_something_check" CHECK ("change_requests"."due_date" is not null or "change_requests"."responsible" is not null)
);--> statement-breakpoint
CREATE INDEX "change_requests_state_idx" ON "change_requests" USING btree ("state", "created_at");--> statement-breakpoint
CREATE INDEX "change_requests_measure_idx" ON "change_requests" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "change_requests_party_idx" ON "change_requests" USING btree ("party_id", "state");
