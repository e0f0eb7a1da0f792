-- Roadmap imports (issue 10 §1): the column mapping saved per roadmap for the next import.
CREATE TABLE "import_mappings" (
	"roadmap_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;
