CREATE TABLE "system_daily" (
	"system_id" text NOT NULL,
	"local_day" date NOT NULL,
	"observed_to_date" double precision NOT NULL,
	"bike_to_date" double precision NOT NULL,
	"typed_to_date" double precision NOT NULL,
	"ebike_to_date" double precision NOT NULL,
	"mechanical_to_date" double precision NOT NULL,
	"dock_to_date" double precision NOT NULL,
	"full_to_date" double precision NOT NULL,
	"empty_to_date" double precision NOT NULL,
	"observed_weekday_slots" double precision[] NOT NULL,
	"bike_weekday_slots" double precision[] NOT NULL,
	"typed_weekday_slots" double precision[] NOT NULL,
	"ebike_weekday_slots" double precision[] NOT NULL,
	"mechanical_weekday_slots" double precision[] NOT NULL,
	"dock_weekday_slots" double precision[] NOT NULL,
	"full_weekday_slots" double precision[] NOT NULL,
	"empty_weekday_slots" double precision[] NOT NULL,
	CONSTRAINT "system_daily_system_id_local_day_pk" PRIMARY KEY("system_id","local_day")
);
--> statement-breakpoint
-- Hand-written. As for station_daily (0005): every poll rewrites today's row (~1.9 kB), and room
-- on the page lets Postgres update it in place (HOT) instead of leaving a dead copy per poll,
-- which PGlite, without autovacuum, would never reclaim.
ALTER TABLE "system_daily" SET (fillfactor = 50);
--> statement-breakpoint
-- Hand-written: the days already in station_daily, each the sum of its slice (what the polls and
-- the rebuild keep from now on, db/systemDailyRollups.ts), so that the next poll continues them.
INSERT INTO "system_daily"
SELECT t.system_id, t.local_day, t.observed_s, t.bike_s, t.typed_s, t.ebike_s, t.mechanical_s, t.dock_s, t.full_s, t.empty_s,
  s.observed_s, s.bike_s, s.typed_s, s.ebike_s, s.mechanical_s, s.dock_s, s.full_s, s.empty_s
FROM (
  SELECT system_id, local_day, sum(observed_to_date) AS observed_s, sum(bike_to_date) AS bike_s, sum(typed_to_date) AS typed_s,
    sum(ebike_to_date) AS ebike_s, sum(mechanical_to_date) AS mechanical_s, sum(dock_to_date) AS dock_s,
    sum(full_to_date) AS full_s, sum(empty_to_date) AS empty_s
  FROM station_daily GROUP BY system_id, local_day
) t
JOIN (
  SELECT system_id, local_day, array_agg(observed_s ORDER BY k) AS observed_s, array_agg(bike_s ORDER BY k) AS bike_s,
    array_agg(typed_s ORDER BY k) AS typed_s, array_agg(ebike_s ORDER BY k) AS ebike_s, array_agg(mechanical_s ORDER BY k) AS mechanical_s,
    array_agg(dock_s ORDER BY k) AS dock_s, array_agg(full_s ORDER BY k) AS full_s, array_agg(empty_s ORDER BY k) AS empty_s
  FROM (
    SELECT d.system_id, d.local_day, k, sum(d.observed_weekday_slots[k]) AS observed_s, sum(d.bike_weekday_slots[k]) AS bike_s,
      sum(d.typed_weekday_slots[k]) AS typed_s, sum(d.ebike_weekday_slots[k]) AS ebike_s, sum(d.mechanical_weekday_slots[k]) AS mechanical_s,
      sum(d.dock_weekday_slots[k]) AS dock_s, sum(d.full_weekday_slots[k]) AS full_s, sum(d.empty_weekday_slots[k]) AS empty_s
    FROM station_daily d CROSS JOIN generate_series(1, 24) AS k
    GROUP BY d.system_id, d.local_day, k
  ) per_slot
  GROUP BY system_id, local_day
) s ON s.system_id = t.system_id AND s.local_day = t.local_day;
