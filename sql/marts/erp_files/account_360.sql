-- One row per account with its pipeline and billing picture: what an account manager (or an agent) asks first.
-- Opportunities and invoices whose account is not loaded (quarantined, deleted or never delivered) are not dropped:
-- they get a row of their own account_id with account_loaded false and no account attributes.
DROP TABLE IF EXISTS marts.account_360;
CREATE TABLE marts.account_360 AS
WITH opp AS (
  SELECT account_id,
         COUNT(*) AS opportunities,
         SUM(CASE WHEN stage NOT IN ('Closed Won', 'Closed Lost') THEN amount ELSE 0 END) AS open_pipeline,
         SUM(CASE WHEN stage = 'Closed Won' THEN amount ELSE 0 END) AS won_amount,
         SUM(CASE WHEN stage = 'Closed Lost' THEN 1 ELSE 0 END) AS lost_opportunities,
         MAX(updated_at) AS last_opportunity_update
  FROM {{raw}}.opportunities
  WHERE NOT _tributary_deleted
  GROUP BY account_id
), inv AS (
  SELECT account_id,
         COUNT(*) AS invoices,
         SUM(CASE WHEN status <> 'void' THEN total_amount ELSE 0 END) AS invoiced_amount,
         SUM(CASE WHEN status IN ('open', 'overdue') THEN total_amount ELSE 0 END) AS outstanding_amount,
         SUM(CASE WHEN status = 'overdue' OR (status = 'open' AND due_on < {{as_of}}) THEN 1 ELSE 0 END)
           AS overdue_invoices
  FROM {{raw}}.invoices
  WHERE NOT _tributary_deleted
  GROUP BY account_id
), acct AS (
  SELECT * FROM {{raw}}.accounts WHERE NOT _tributary_deleted
), ids AS (
  SELECT account_id FROM acct UNION SELECT account_id FROM opp UNION SELECT account_id FROM inv
)
SELECT ids.account_id,
       a.account_id IS NOT NULL AS account_loaded,
       a.name,
       a.industry,
       a.country,
       a.annual_revenue,
       COALESCE(opp.opportunities, 0) AS opportunities,
       COALESCE(opp.open_pipeline, 0) AS open_pipeline,
       COALESCE(opp.won_amount, 0) AS won_amount,
       COALESCE(opp.lost_opportunities, 0) AS lost_opportunities,
       COALESCE(inv.invoices, 0) AS invoices,
       COALESCE(inv.invoiced_amount, 0) AS invoiced_amount,
       COALESCE(inv.outstanding_amount, 0) AS outstanding_amount,
       COALESCE(inv.overdue_invoices, 0) AS overdue_invoices,
       opp.last_opportunity_update
FROM ids
LEFT JOIN acct a ON a.account_id = ids.account_id
LEFT JOIN opp ON opp.account_id = ids.account_id
LEFT JOIN inv ON inv.account_id = ids.account_id;
