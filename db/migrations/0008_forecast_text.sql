ALTER TABLE "forecast_issues" ALTER COLUMN "forecast" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "forecast_issues" ADD COLUMN "next_score_at" timestamp with time zone;