CREATE TABLE "ingest_runs" (
	"system_id" text NOT NULL,
	"id" bigserial NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"error" text,
	"feed_time" timestamp with time zone,
	"stations_seen" integer DEFAULT 0 NOT NULL,
	"rows_written" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "ingest_runs_system_id_id_pk" PRIMARY KEY("system_id","id")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"system_id" text NOT NULL,
	"feed_time" timestamp with time zone NOT NULL,
	"run_id" bigint NOT NULL,
	"stations_seen" integer NOT NULL,
	CONSTRAINT "polls_system_id_feed_time_pk" PRIMARY KEY("system_id","feed_time")
);
--> statement-breakpoint
CREATE TABLE "station_hourly" (
	"system_id" text NOT NULL,
	"hour_start" timestamp with time zone NOT NULL,
	"station_id" text NOT NULL,
	"h3" text NOT NULL,
	"observed_s" double precision NOT NULL,
	"bike_s" double precision NOT NULL,
	"typed_s" double precision NOT NULL,
	"ebike_s" double precision NOT NULL,
	"mechanical_s" double precision NOT NULL,
	"dock_s" double precision NOT NULL,
	"full_s" double precision NOT NULL,
	"empty_s" double precision NOT NULL,
	CONSTRAINT "station_hourly_system_id_hour_start_station_id_h3_pk" PRIMARY KEY("system_id","hour_start","station_id","h3")
);
--> statement-breakpoint
CREATE TABLE "station_state" (
	"system_id" text NOT NULL,
	"station_id" text NOT NULL,
	"h3" text NOT NULL,
	"present" boolean NOT NULL,
	"is_installed" boolean NOT NULL,
	"is_renting" boolean NOT NULL,
	"is_returning" boolean NOT NULL,
	"bikes" integer NOT NULL,
	"docks" integer NOT NULL,
	"ebikes" integer,
	"mechanical" integer,
	"last_reported" timestamp with time zone,
	CONSTRAINT "station_state_system_id_station_id_pk" PRIMARY KEY("system_id","station_id")
);
--> statement-breakpoint
CREATE TABLE "station_status" (
	"system_id" text NOT NULL,
	"station_id" text NOT NULL,
	"feed_time" timestamp with time zone NOT NULL,
	"present" boolean NOT NULL,
	"is_installed" boolean NOT NULL,
	"is_renting" boolean NOT NULL,
	"is_returning" boolean NOT NULL,
	"bikes" integer NOT NULL,
	"docks" integer NOT NULL,
	"ebikes" integer,
	"mechanical" integer,
	"last_reported" timestamp with time zone,
	CONSTRAINT "station_status_system_id_station_id_feed_time_pk" PRIMARY KEY("system_id","station_id","feed_time")
);
--> statement-breakpoint
CREATE TABLE "station_versions" (
	"system_id" text NOT NULL,
	"station_id" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"h3" text NOT NULL,
	"capacity" integer,
	CONSTRAINT "station_versions_system_id_station_id_valid_from_pk" PRIMARY KEY("system_id","station_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"system_id" text NOT NULL,
	"station_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"h3" text NOT NULL,
	"capacity" integer,
	"first_seen" timestamp with time zone NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	CONSTRAINT "stations_system_id_station_id_pk" PRIMARY KEY("system_id","station_id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"gbfs_url" text NOT NULL,
	"gbfs_version" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ingest_runs_system_started_idx" ON "ingest_runs" USING btree ("system_id","started_at");--> statement-breakpoint
CREATE INDEX "station_status_system_time_idx" ON "station_status" USING btree ("system_id","feed_time");