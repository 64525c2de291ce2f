CREATE TABLE "forecast_issues" (
	"system_id" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"scored" boolean NOT NULL,
	"horizons_scored" integer DEFAULT 0 NOT NULL,
	"model_fitted_at" timestamp with time zone NOT NULL,
	"forecast" jsonb NOT NULL,
	CONSTRAINT "forecast_issues_system_id_issued_at_pk" PRIMARY KEY("system_id","issued_at")
);
--> statement-breakpoint
CREATE TABLE "forecast_models" (
	"system_id" text PRIMARY KEY NOT NULL,
	"fitted_at" timestamp with time zone NOT NULL,
	"fitted_day" date NOT NULL,
	"history_start" timestamp with time zone NOT NULL,
	"history_end" timestamp with time zone NOT NULL,
	"stations" integer NOT NULL,
	"fit_ms" integer NOT NULL,
	"backtest" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_scores" (
	"system_id" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"hours" integer NOT NULL,
	"stations" integer NOT NULL,
	"model_abs_error" double precision NOT NULL,
	"persistence_abs_error" double precision NOT NULL,
	"seasonal_abs_error" double precision NOT NULL,
	CONSTRAINT "forecast_scores_system_id_issued_at_hours_pk" PRIMARY KEY("system_id","issued_at","hours")
);
--> statement-breakpoint
CREATE TABLE "forecast_station_models" (
	"system_id" text NOT NULL,
	"station_id" text NOT NULL,
	"fit" jsonb NOT NULL,
	CONSTRAINT "forecast_station_models_system_id_station_id_pk" PRIMARY KEY("system_id","station_id")
);
