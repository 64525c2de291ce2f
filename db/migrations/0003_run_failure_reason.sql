ALTER TABLE "ingest_runs" ADD COLUMN "failure_kind" text;--> statement-breakpoint
ALTER TABLE "ingest_runs" ADD COLUMN "reason" text;