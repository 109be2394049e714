-- Aging of open Salesforce opportunities: how old they are and how long since anyone changed them.
-- Grain: one row per (age bucket, stage). Only open, not deleted opportunities.
-- Ages are relative to the as-of date: the day of the most recent change loaded (SystemModstamp), which is today for
-- a live org and the end of the data for a snapshot such as the demo's (2023); as_of_date says which.
DROP TABLE IF EXISTS marts.sf_opportunity_aging;
CREATE TABLE marts.sf_opportunity_aging AS
WITH as_of AS (
  SELECT COALESCE(CAST(MAX(system_modstamp) AS DATE), CURRENT_DATE) AS as_of_date
  FROM {{raw}}.opportunities
), aged AS (
  SELECT
    o.stage_name,
    o.amount,
    o.close_date,
    x.as_of_date,
    x.as_of_date - CAST(o.created_date AS DATE) AS age_days,
    x.as_of_date - CAST(o.system_modstamp AS DATE) AS days_since_change
  FROM {{raw}}.opportunities o CROSS JOIN as_of x
  WHERE NOT o._tributary_deleted AND NOT o.is_closed
)
SELECT
  CASE
    WHEN a.age_days <= 30 THEN '0-30 days'
    WHEN a.age_days <= 90 THEN '31-90 days'
    WHEN a.age_days <= 180 THEN '91-180 days'
    WHEN a.age_days <= 365 THEN '181-365 days'
    ELSE 'over 365 days'
  END AS age_bucket,
  a.stage_name,
  MAX(a.as_of_date) AS as_of_date,
  COUNT(*) AS open_opportunities,
  CAST(SUM(a.amount) AS DECIMAL(18, 2)) AS open_amount,
  ROUND(AVG(CAST(a.age_days AS DOUBLE PRECISION)), 1) AS avg_age_days,
  ROUND(AVG(CAST(a.days_since_change AS DOUBLE PRECISION)), 1) AS avg_days_since_change,
  MAX(a.days_since_change) AS max_days_since_change,
  CAST(SUM(CASE WHEN a.close_date < a.as_of_date THEN 1 ELSE 0 END) AS BIGINT) AS past_close_date
FROM aged a
GROUP BY 1, a.stage_name;
