CREATE TABLE "station_episodes" (
	"system_id" text NOT NULL,
	"kind" text NOT NULL,
	"station_id" text NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone,
	CONSTRAINT "station_episodes_system_id_kind_station_id_start_time_pk" PRIMARY KEY("system_id","kind","station_id","start_time")
);
--> statement-breakpoint
CREATE INDEX "station_episodes_system_kind_start_idx" ON "station_episodes" USING btree ("system_id","kind","start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "station_episodes_open_idx" ON "station_episodes" USING btree ("system_id","kind","station_id") WHERE "station_episodes"."end_time" is null;--> statement-breakpoint
-- Hand-written: the episodes of the raw history already stored, as the polls would have kept them
-- (lib/episodes/episodes.ts), so that the next poll continues them. Per station and kind, a run of
-- consecutive status rows in the state (observed: present, installed, bikes + docks > 0; full: no
-- dock; empty: no bike) lasts until the next row out of it (open when there is none), is cut at
-- every gap between polls longer than 900 s (MAX_GAP_SECONDS' default: with another value, run
-- `npm run rebuild`), and starts no earlier than the oldest kept poll (raw history pruned).
INSERT INTO "station_episodes" ("system_id", "kind", "station_id", "start_time", "end_time")
WITH bounds AS (
  SELECT system_id, min(feed_time) AS oldest, max(feed_time) AS newest FROM polls GROUP BY system_id
),
gaps AS (
  SELECT system_id, gap_from, gap_to FROM (
    SELECT system_id, lag(feed_time) OVER (PARTITION BY system_id ORDER BY feed_time) AS gap_from, feed_time AS gap_to FROM polls
  ) p
  WHERE gap_to - gap_from > interval '900 seconds'
),
flags AS (
  SELECT s.system_id, s.station_id, k.kind, s.feed_time,
    (s.present AND s.is_installed AND s.bikes + s.docks <> 0 AND CASE k.kind WHEN 'full' THEN s.docks = 0 ELSE s.bikes = 0 END) AS inside
  FROM station_status s CROSS JOIN (VALUES ('full'), ('empty')) AS k(kind)
),
marked AS (
  SELECT *, CASE WHEN inside IS DISTINCT FROM lag(inside) OVER w THEN 1 ELSE 0 END AS starts_run
  FROM flags WINDOW w AS (PARTITION BY system_id, station_id, kind ORDER BY feed_time)
),
numbered AS (
  SELECT *, sum(starts_run) OVER (PARTITION BY system_id, station_id, kind ORDER BY feed_time) AS run_no FROM marked
),
runs AS (
  SELECT system_id, station_id, kind, bool_or(inside) AS inside, min(feed_time) AS first_time
  FROM numbered GROUP BY system_id, station_id, kind, run_no
),
islands AS (
  SELECT r.system_id, r.station_id, r.kind, greatest(r.first_time, b.oldest) AS s, r.next_time AS e, b.newest
  FROM (SELECT *, lead(first_time) OVER (PARTITION BY system_id, station_id, kind ORDER BY first_time) AS next_time FROM runs) r
  JOIN bounds b ON b.system_id = r.system_id
  WHERE r.inside
),
starts AS (
  SELECT system_id, station_id, kind, s AS piece_start, e, newest FROM islands
  UNION ALL
  SELECT i.system_id, i.station_id, i.kind, g.gap_to, i.e, i.newest
  FROM islands i JOIN gaps g ON g.system_id = i.system_id AND g.gap_from >= i.s AND g.gap_from < coalesce(i.e, i.newest)
),
pieces AS (
  SELECT st.system_id, st.kind, st.station_id, st.piece_start,
    coalesce(
      (SELECT min(g.gap_from) FROM gaps g
       WHERE g.system_id = st.system_id AND g.gap_from >= st.piece_start AND g.gap_from < coalesce(st.e, st.newest)),
      st.e) AS piece_end
  FROM starts st
)
SELECT system_id, kind, station_id, piece_start, piece_end FROM pieces
WHERE piece_end IS NULL OR piece_end > piece_start;
