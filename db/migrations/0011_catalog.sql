CREATE TABLE "catalog_feed_kinds" (
	"auto_discovery_url" text PRIMARY KEY NOT NULL,
	"has_stations" boolean NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_reads" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"source_url" text NOT NULL,
	"read_at" timestamp with time zone,
	"systems" integer DEFAULT 0 NOT NULL,
	"skipped_lines" integer DEFAULT 0 NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "catalog_systems" (
	"position" integer PRIMARY KEY NOT NULL,
	"catalog_id" text NOT NULL,
	"country_code" text NOT NULL,
	"name" text NOT NULL,
	"location" text NOT NULL,
	"url" text,
	"auto_discovery_url" text NOT NULL,
	"versions" text NOT NULL,
	"auth_type" text,
	"auth_info_url" text,
	"auth_parameter_name" text
);
--> statement-breakpoint
ALTER TABLE "added_systems" ADD COLUMN "feed_auth" jsonb;--> statement-breakpoint
CREATE INDEX "catalog_systems_catalog_id" ON "catalog_systems" USING btree ("catalog_id");