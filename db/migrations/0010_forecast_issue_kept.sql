ALTER TABLE "forecast_issues" RENAME COLUMN "scored" TO "kept";
