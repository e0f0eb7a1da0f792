-- Search (issue 7, item 19). Lexemes are built in JS (src/text), so a change of the text module
-- cannot be applied here: this table records which SEARCH_INDEX_VERSION the stored vectors were
-- built with, and the application rebuilds them at start when it differs (services/search/reindex.ts).
-- No row means the vectors predate it (version 1: codes split into digits, no derivational
-- families), so the first start rebuilds them. The table is derived state and not backed up.
CREATE TABLE "search_index_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "search_index_state_single_row" CHECK ("search_index_state"."id" = 1)
);
--> statement-breakpoint
-- A search or list without a roadmap filter pages in tree order: this index lets PostgreSQL walk
-- that order and stop after a page instead of sorting every match.
CREATE INDEX "measures_sort_idx" ON "measures" USING btree ("sort_key","id");
