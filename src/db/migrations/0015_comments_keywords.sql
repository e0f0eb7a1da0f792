-- Comments on measures and reports (issue 8 §6) and the keyword vocabularies that suggest a
-- provision's spheres (issue 10 §5).
CREATE TYPE "public"."comment_visibility" AS ENUM('shared', 'internal');--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"measure_id" uuid NOT NULL,
	"report_id" uuid,
	"parent_id" uuid,
	"author_id" uuid NOT NULL,
	"visibility" "comment_visibility" NOT NULL,
	"party_id" uuid,
	"body" text NOT NULL,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comments_internal_party_check" CHECK (("comments"."visibility" = 'internal') = ("comments"."party_id" is not null))
);--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_measure_idx" ON "comments" USING btree ("measure_id","seq") WHERE "comments"."report_id" is null;--> statement-breakpoint
CREATE INDEX "comments_report_idx" ON "comments" USING btree ("report_id","seq") WHERE "comments"."report_id" is not null;--> statement-breakpoint
CREATE INDEX "comments_parent_idx" ON "comments" USING btree ("parent_id");--> statement-breakpoint
CREATE TABLE "sphere_keywords" (
	"sphere_id" uuid PRIMARY KEY NOT NULL,
	"ru" text[] DEFAULT '{}'::text[] NOT NULL,
	"kk" text[] DEFAULT '{}'::text[] NOT NULL,
	"en" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "sphere_keywords" ADD CONSTRAINT "sphere_keywords_sphere_id_spheres_id_fk" FOREIGN KEY ("sphere_id") REFERENCES "public"."spheres"("id") ON DELETE cascade ON UPDATE no action;
