CREATE TYPE "public"."agreement_kind" AS ENUM('declaration', 'agreement', 'treaty', 'memorandum', 'protocol', 'programme', 'other');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('signed', 'in_force', 'suspended', 'terminated');--> statement-breakpoint
CREATE TYPE "public"."completion_form" AS ENUM('legal_act_adopted', 'agreement_signed', 'agreement_ratified', 'event_held', 'facility_commissioned', 'project_launched', 'report_delivered', 'other');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('ru', 'kk', 'en');--> statement-breakpoint
CREATE TYPE "public"."measure_status" AS ENUM('not_started', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('government', 'ministry', 'agency', 'committee', 'service', 'company', 'institution', 'other');--> statement-breakpoint
CREATE TYPE "public"."party_kind" AS ENUM('state', 'international_organisation');--> statement-breakpoint
CREATE TYPE "public"."responsible_role" AS ENUM('lead', 'co_executor');--> statement-breakpoint
CREATE TYPE "public"."roadmap_status" AS ENUM('draft', 'approved', 'archived');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'coordinator', 'reporter', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."tier" AS ENUM('internal', 'shared', 'public');--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"agreement_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "agreement_parties_agreement_id_party_id_pk" PRIMARY KEY("agreement_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "agreement_kind" NOT NULL,
	"title" jsonb NOT NULL,
	"signed_on" date,
	"signed_place" jsonb,
	"binding" boolean NOT NULL,
	"status" "agreement_status" DEFAULT 'signed' NOT NULL,
	"full_text" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"party_scope" uuid,
	"request_id" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_dependencies" (
	"measure_id" uuid NOT NULL,
	"depends_on_id" uuid NOT NULL,
	CONSTRAINT "measure_dependencies_measure_id_depends_on_id_pk" PRIMARY KEY("measure_id","depends_on_id"),
	CONSTRAINT "measure_dependencies_self_check" CHECK ("measure_dependencies"."measure_id" <> "measure_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "measure_provisions" (
	"measure_id" uuid NOT NULL,
	"provision_id" uuid NOT NULL,
	CONSTRAINT "measure_provisions_measure_id_provision_id_pk" PRIMARY KEY("measure_id","provision_id")
);
--> statement-breakpoint
CREATE TABLE "measure_responsibles" (
	"measure_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"role" "responsible_role" NOT NULL,
	CONSTRAINT "measure_responsibles_measure_id_organisation_id_pk" PRIMARY KEY("measure_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "measure_spheres" (
	"measure_id" uuid NOT NULL,
	"sphere_id" uuid NOT NULL,
	CONSTRAINT "measure_spheres_measure_id_sphere_id_pk" PRIMARY KEY("measure_id","sphere_id")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"sort_key" text NOT NULL,
	"depth" smallint DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"completion_form" "completion_form" NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"tier" "tier" DEFAULT 'shared' NOT NULL,
	"owner_party_id" uuid,
	"status" "measure_status" DEFAULT 'not_started' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"child_count" integer DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measures_dates_check" CHECK ("measures"."due_date" >= "measures"."start_date"),
	CONSTRAINT "measures_progress_check" CHECK ("measures"."progress" between 0 and 100),
	CONSTRAINT "measures_owner_check" CHECK (("measures"."tier" = 'internal') = ("measures"."owner_party_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" "organisation_kind" NOT NULL,
	"name" jsonb NOT NULL,
	"short_name" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "party_kind" NOT NULL,
	"name" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parties_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "provision_spheres" (
	"provision_id" uuid NOT NULL,
	"sphere_id" uuid NOT NULL,
	CONSTRAINT "provision_spheres_provision_id_sphere_id_pk" PRIMARY KEY("provision_id","sphere_id")
);
--> statement-breakpoint
CREATE TABLE "provisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"number" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_agreements" (
	"roadmap_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	CONSTRAINT "roadmap_agreements_roadmap_id_agreement_id_pk" PRIMARY KEY("roadmap_id","agreement_id")
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"status" "roadmap_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spheres" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spheres_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" "role" NOT NULL,
	"organisation_id" uuid,
	"party_id" uuid,
	"locale" "locale" DEFAULT 'ru' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_dependencies" ADD CONSTRAINT "measure_dependencies_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_dependencies" ADD CONSTRAINT "measure_dependencies_depends_on_id_measures_id_fk" FOREIGN KEY ("depends_on_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_provisions" ADD CONSTRAINT "measure_provisions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_provisions" ADD CONSTRAINT "measure_provisions_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responsibles" ADD CONSTRAINT "measure_responsibles_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responsibles" ADD CONSTRAINT "measure_responsibles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_responsibles" ADD CONSTRAINT "measure_responsibles_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_spheres" ADD CONSTRAINT "measure_spheres_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_spheres" ADD CONSTRAINT "measure_spheres_sphere_id_spheres_id_fk" FOREIGN KEY ("sphere_id") REFERENCES "public"."spheres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_parent_id_measures_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_owner_party_id_parties_id_fk" FOREIGN KEY ("owner_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_spheres" ADD CONSTRAINT "provision_spheres_provision_id_provisions_id_fk" FOREIGN KEY ("provision_id") REFERENCES "public"."provisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provision_spheres" ADD CONSTRAINT "provision_spheres_sphere_id_spheres_id_fk" FOREIGN KEY ("sphere_id") REFERENCES "public"."spheres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisions" ADD CONSTRAINT "provisions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_agreements" ADD CONSTRAINT "roadmap_agreements_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_agreements" ADD CONSTRAINT "roadmap_agreements_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_parties_party_idx" ON "agreement_parties" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_time_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "measure_dependencies_target_idx" ON "measure_dependencies" USING btree ("depends_on_id");--> statement-breakpoint
CREATE INDEX "measure_provisions_provision_idx" ON "measure_provisions" USING btree ("provision_id");--> statement-breakpoint
CREATE INDEX "measure_responsibles_org_idx" ON "measure_responsibles" USING btree ("organisation_id","measure_id");--> statement-breakpoint
CREATE INDEX "measure_responsibles_party_idx" ON "measure_responsibles" USING btree ("party_id","measure_id");--> statement-breakpoint
CREATE INDEX "measure_spheres_sphere_idx" ON "measure_spheres" USING btree ("sphere_id","measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "measures_roadmap_code_idx" ON "measures" USING btree ("roadmap_id","code");--> statement-breakpoint
CREATE INDEX "measures_roadmap_sort_idx" ON "measures" USING btree ("roadmap_id","sort_key");--> statement-breakpoint
CREATE INDEX "measures_parent_idx" ON "measures" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "measures_roadmap_due_idx" ON "measures" USING btree ("roadmap_id","due_date");--> statement-breakpoint
CREATE INDEX "measures_search_idx" ON "measures" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "organisations_party_idx" ON "organisations" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "provision_spheres_sphere_idx" ON "provision_spheres" USING btree ("sphere_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provisions_agreement_number_idx" ON "provisions" USING btree ("agreement_id","number");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_idx" ON "sign_in_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_ip_idx" ON "sign_in_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organisation_idx" ON "users" USING btree ("organisation_id");