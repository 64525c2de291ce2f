-- An issued forecast (0.85 MB of JSON at 1,500 stations) is written after every poll and read
-- whole: stored out of line uncompressed, it skips pglz on each write (~10 ms of the after-poll
-- step) and each read. Only the newest forecast and the kept ones awaiting scores stay stored.
ALTER TABLE "forecast_issues" ALTER COLUMN "forecast" SET STORAGE EXTERNAL;
