-- Open and closed pipeline by stage and owner: how much is in each stage, how old it is, how much is overdue.
-- Grain: one row per (stage, owner). Soft-deleted opportunities are excluded.
DROP TABLE IF EXISTS marts.pipeline_by_stage;
CREATE TABLE marts.pipeline_by_stage AS
SELECT
  o.stage,
  o.owner,
  CASE WHEN o.stage IN ('Closed Won', 'Closed Lost') THEN 'closed' ELSE 'open' END AS pipeline_state,
  COUNT(*) AS opportunities,
  SUM(o.amount) AS total_amount,
  CAST(ROUND(AVG(o.amount), 2) AS DECIMAL(18, 2)) AS avg_amount,
  SUM(CASE WHEN o.stage NOT IN ('Closed Won', 'Closed Lost') AND o.close_date < {{as_of}} THEN 1 ELSE 0 END)
    AS overdue_opportunities,
  -- a cast, not ROUND(double, 1), which PostgreSQL does not have (its two-argument round takes numeric)
  CAST(AVG(CAST({{as_of}} - CAST(o.created_at AS DATE) AS DOUBLE PRECISION)) AS DECIMAL(10, 1)) AS avg_age_days,
  MAX(o.updated_at) AS last_updated_at
FROM {{raw}}.opportunities o
WHERE NOT o._tributary_deleted
GROUP BY o.stage, o.owner;
