CREATE TABLE "roadmap_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_cache" (
	"roadmap_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"day" date NOT NULL,
	"stamp" bigint NOT NULL,
	"body" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "summary_cache_roadmap_id_scope_pk" PRIMARY KEY("roadmap_id","scope")
);
--> statement-breakpoint
ALTER TABLE "summary_cache" ADD CONSTRAINT "summary_cache_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roadmap_changes_roadmap_idx" ON "roadmap_changes" USING btree ("roadmap_id","id");