-- Aging of open Salesforce opportunities: how old they are and how long since anyone changed them.
-- Grain: one row per (age bucket, stage). Only open, not deleted opportunities.
DROP TABLE IF EXISTS marts.sf_opportunity_aging;
CREATE TABLE marts.sf_opportunity_aging AS
SELECT
  a.age_bucket,
  a.stage_name,
  COUNT(*) AS open_opportunities,
  SUM(a.amount) AS open_amount,
  ROUND(AVG(CAST(a.age_days AS DOUBLE PRECISION)), 1) AS avg_age_days,
  ROUND(AVG(CAST(a.days_since_change AS DOUBLE PRECISION)), 1) AS avg_days_since_change,
  MAX(a.days_since_change) AS max_days_since_change,
  SUM(CASE WHEN a.close_date < CURRENT_DATE THEN 1 ELSE 0 END) AS past_close_date
FROM (
  SELECT
    o.stage_name,
    o.amount,
    o.close_date,
    CURRENT_DATE - CAST(o.created_date AS DATE) AS age_days,
    CURRENT_DATE - CAST(o.system_modstamp AS DATE) AS days_since_change,
    CASE
      WHEN CURRENT_DATE - CAST(o.created_date AS DATE) <= 30 THEN '0-30 days'
      WHEN CURRENT_DATE - CAST(o.created_date AS DATE) <= 90 THEN '31-90 days'
      WHEN CURRENT_DATE - CAST(o.created_date AS DATE) <= 180 THEN '91-180 days'
      WHEN CURRENT_DATE - CAST(o.created_date AS DATE) <= 365 THEN '181-365 days'
      ELSE 'over 365 days'
    END AS age_bucket
  FROM {{raw}}.opportunities o
  WHERE NOT o._tributary_deleted AND NOT o.is_closed
) a
GROUP BY a.age_bucket, a.stage_name;
