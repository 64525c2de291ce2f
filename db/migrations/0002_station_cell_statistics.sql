-- A station sits in one H3 cell (two when it moved), so (station_id, h3) has about as many
-- distinct pairs as there are stations. Without this the planner multiplies the two columns'
-- distinct counts, expects a group per rollup row when summing a day per (station, cell), and
-- picks a sort that spills to disk over an in-memory hash (EXPLAIN in docs/scaling.md).
-- drizzle's schema cannot declare statistics objects, hence this hand-written migration.
CREATE STATISTICS IF NOT EXISTS "station_hourly_station_cell_stats" (ndistinct) ON "station_id", "h3" FROM "station_hourly";
