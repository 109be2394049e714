-- HubSpot deal velocity per owner: how many deals each rep wins, for how much, and how fast (create date to close
-- date). Grain: one row per (pipeline, owner) with at least one live deal. Archived deals are excluded.
-- Days are measured on the instants (epoch seconds), so the warehouse session's time zone does not matter.
DROP TABLE IF EXISTS marts.hs_deal_velocity;
CREATE TABLE marts.hs_deal_velocity AS
WITH d AS (
  SELECT
    pipeline,
    hubspot_owner_id,
    CASE dealstage WHEN 'closedwon' THEN 'won' WHEN 'closedlost' THEN 'lost' ELSE 'open' END AS state,
    amount,
    (EXTRACT(EPOCH FROM closedate) - EXTRACT(EPOCH FROM createdate)) / 86400.0 AS days_to_close
  FROM {{raw}}.deals
  WHERE NOT _tributary_deleted
)
SELECT
  pipeline,
  hubspot_owner_id AS owner_id,
  COUNT(*) AS deals,
  CAST(SUM(CASE WHEN state = 'won' THEN 1 ELSE 0 END) AS BIGINT) AS won_deals,
  CAST(COALESCE(SUM(CASE WHEN state = 'won' THEN amount END), 0) AS DECIMAL(18, 2)) AS won_amount,
  CAST(AVG(CASE WHEN state = 'won' THEN days_to_close END) AS DECIMAL(10, 1)) AS avg_days_to_close,
  CAST(MAX(CASE WHEN state = 'won' THEN days_to_close END) AS DECIMAL(10, 1)) AS max_days_to_close,
  CAST(SUM(CASE WHEN state = 'open' THEN 1 ELSE 0 END) AS BIGINT) AS open_deals,
  CAST(COALESCE(SUM(CASE WHEN state = 'open' THEN amount END), 0) AS DECIMAL(18, 2)) AS open_amount
FROM d
GROUP BY pipeline, hubspot_owner_id;
