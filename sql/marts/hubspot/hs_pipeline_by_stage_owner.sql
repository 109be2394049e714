-- HubSpot pipeline by stage and owner, with owner names from the owners API: how much sits in each stage per rep.
-- Grain: one row per (pipeline, dealstage, owner). Archived deals (soft deletes) are excluded. A deal whose owner is
-- not in raw owners (never delivered, or quarantined) is kept: owner_known is false and owner_name NULL.
DROP TABLE IF EXISTS marts.hs_pipeline_by_stage_owner;
CREATE TABLE marts.hs_pipeline_by_stage_owner AS
SELECT
  d.pipeline,
  d.dealstage,
  CASE d.dealstage WHEN 'closedwon' THEN 'won' WHEN 'closedlost' THEN 'lost' ELSE 'open' END AS pipeline_state,
  d.hubspot_owner_id AS owner_id,
  MAX(TRIM(COALESCE(o.first_name, '') || ' ' || COALESCE(o.last_name, ''))) AS owner_name,
  MAX(CASE WHEN o.id IS NULL THEN 0 ELSE 1 END) = 1 AS owner_known,
  COUNT(*) AS deals,
  CAST(COALESCE(SUM(d.amount), 0) AS DECIMAL(18, 2)) AS total_amount,
  CAST(SUM(CASE WHEN d.amount IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS deals_without_amount,
  MAX(d.hs_lastmodifieddate) AS last_changed_at
FROM {{raw}}.deals d
LEFT JOIN {{raw}}.owners o ON o.id = d.hubspot_owner_id
WHERE NOT d._tributary_deleted
GROUP BY d.pipeline, d.dealstage, d.hubspot_owner_id;
