-- Aging of open Salesforce opportunities: how old they are and how long since anyone changed them.
-- Grain: one row per (age bucket, stage). Only open, not deleted opportunities.
-- Ages are relative to the as-of date {{as_of}}: today, unless the job sets mart_variables.as_of to a date (the
-- demo's data is from 2023, so jobs/demo.yml measures to the end of its data); as_of_date says which.
DROP TABLE IF EXISTS marts.sf_opportunity_aging;
CREATE TABLE marts.sf_opportunity_aging AS
WITH as_of AS (
  SELECT {{as_of}} AS as_of_date
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
  CAST(COUNT(*) AS BIGINT) AS open_opportunities,
  CAST(SUM(a.amount) AS DECIMAL(18, 2)) AS open_amount,
  CAST(AVG(CAST(a.age_days AS DOUBLE PRECISION)) AS DECIMAL(10, 1)) AS avg_age_days,
  CAST(AVG(CAST(a.days_since_change AS DOUBLE PRECISION)) AS DECIMAL(10, 1)) AS avg_days_since_change,
  CAST(MAX(a.days_since_change) AS BIGINT) AS max_days_since_change,
  CAST(SUM(CASE WHEN a.close_date < a.as_of_date THEN 1 ELSE 0 END) AS BIGINT) AS past_close_date
FROM aged a
GROUP BY 1, a.stage_name;
