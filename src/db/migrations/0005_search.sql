-- Search (issue 7, item 19). Lexemes are built in JS (src/text), so a change of the text module
-- cannot be applied here: this table records which SEARCH_INDEX_VERSION the stored vectors were
-- built with, and the application rebuilds them at start when it differs (services/search/reindex.ts).
-- Existing rows were built by version 1 (codes split into digits, no derivational families).
CREATE TABLE "search_index_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "search_index_state_single_row" CHECK ("search_index_state"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "search_index_state" ("id", "version") VALUES (1, 1);
