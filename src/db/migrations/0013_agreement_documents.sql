-- The workbench (issue 9 §1): documents of an agreement (the signed text, bytes in PostgreSQL with
-- their SHA-256), amendments (an agreement amending another, a provision changing another's).
ALTER TABLE "agreements" ADD COLUMN "amends_agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_amends_agreement_id_fk" FOREIGN KEY ("amends_agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_amends_self_check" CHECK ("amends_agreement_id" is distinct from "id");--> statement-breakpoint
CREATE INDEX "agreements_amends_idx" ON "agreements" USING btree ("amends_agreement_id") WHERE "amends_agreement_id" is not null;--> statement-breakpoint
ALTER TABLE "provisions" ADD COLUMN "amends_provision_id" uuid;--> statement-breakpoint
ALTER TABLE "provisions" ADD CONSTRAINT "provisions_amends_provision_id_fk" FOREIGN KEY ("amends_provision_id") REFERENCES "public"."provisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provisions_amends_idx" ON "provisions" USING btree ("amends_provision_id") WHERE "amends_provision_id" is not null;--> statement-breakpoint
CREATE TABLE "agreement_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "agreement_documents" ADD CONSTRAINT "agreement_documents_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_documents" ADD CONSTRAINT "agreement_documents_uploaded_by_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_documents_agreement_idx" ON "agreement_documents" USING btree ("agreement_id","uploaded_at");
