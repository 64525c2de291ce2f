CREATE TABLE "added_systems" (
	"id" text PRIMARY KEY NOT NULL,
	"gbfs_url" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paused_systems" (
	"system_id" text PRIMARY KEY NOT NULL,
	"paused_at" timestamp with time zone DEFAULT now() NOT NULL
);
