-- Salesforce pipeline by stage and owner, with owner names from Users: how much sits in each stage per rep.
-- Grain: one row per (stage, owner). Deleted opportunities (IsDeleted via queryAll → soft delete) are excluded.
DROP TABLE IF EXISTS marts.sf_pipeline_by_stage_owner;
CREATE TABLE marts.sf_pipeline_by_stage_owner AS
SELECT
  o.stage_name,
  o.owner_id,
  COALESCE(u.name, o.owner_name) AS owner_name,
  CASE WHEN o.is_closed THEN 'closed' ELSE 'open' END AS pipeline_state,
  COUNT(*) AS opportunities,
  CAST(SUM(o.amount) AS DECIMAL(18, 2)) AS total_amount,
  CAST(ROUND(AVG(o.amount), 2) AS DECIMAL(18, 2)) AS avg_amount,
  -- money stays DECIMAL: probability is a percentage (0-100); DuckDB divides decimals into a DOUBLE, so × 0.01
  CAST(SUM(o.amount * CAST(o.probability AS DECIMAL(5, 2)) * CAST(0.01 AS DECIMAL(3, 2))) AS DECIMAL(18, 2)) AS weighted_amount,
  CAST(SUM(CASE WHEN o.is_won THEN o.amount ELSE 0 END) AS DECIMAL(18, 2)) AS won_amount,
  MAX(o.system_modstamp) AS last_changed_at
FROM {{raw}}.opportunities o
LEFT JOIN {{raw}}.users u ON u.id = o.owner_id AND NOT u._tributary_deleted
WHERE NOT o._tributary_deleted
GROUP BY o.stage_name, o.owner_id, COALESCE(u.name, o.owner_name), CASE WHEN o.is_closed THEN 'closed' ELSE 'open' END;
