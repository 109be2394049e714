-- Dynamics 365 opportunities by state and sales stage, with their accounts: estimated and probability-weighted
-- value. Grain: one row per (state, stepname). Deleted opportunities (change tracking's removals, soft deletes) are
-- excluded. An opportunity whose parent account is not loaded (deleted, quarantined or outside the job) is kept and
-- counted in opportunities_without_account.
DROP TABLE IF EXISTS marts.d365_opportunity_pipeline;
CREATE TABLE marts.d365_opportunity_pipeline AS
SELECT
  CASE o.statecode WHEN 0 THEN 'open' WHEN 1 THEN 'won' WHEN 2 THEN 'lost' ELSE 'unknown' END AS state,
  o.stepname,
  COUNT(*) AS opportunities,
  CAST(COALESCE(SUM(o.estimatedvalue), 0) AS DECIMAL(18, 2)) AS estimated_value,
  CAST(COALESCE(SUM(o.estimatedvalue * CAST(o.closeprobability AS DECIMAL(5, 2)) * CAST(0.01 AS DECIMAL(3, 2))), 0) AS DECIMAL(18, 2)) AS weighted_value,
  COUNT(DISTINCT a.accountid) AS accounts,
  CAST(SUM(CASE WHEN a.accountid IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS opportunities_without_account,
  MAX(o.modifiedon) AS last_changed_at
FROM {{raw}}.opportunity o
LEFT JOIN {{raw}}.account a ON a.accountid = o.parentaccountid_value AND NOT a._tributary_deleted
WHERE NOT o._tributary_deleted
GROUP BY 1, o.stepname;
