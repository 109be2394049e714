-- One row per customer across the CRM (Dynamics 365, schema {{crm}}) and the ERP (NetSuite, this job's schema):
-- the declared key is the CRM account's accountnumber = the ERP customer's entityid (the ERP customer number kept
-- on the CRM account). A full outer join: accounts without a number or without an ERP match and ERP customers
-- without a CRM account are kept, with in_crm / in_erp saying which side is missing.
DROP TABLE IF EXISTS marts.customer_360;
CREATE TABLE marts.customer_360 AS
WITH crm AS (
  SELECT a.accountid, a.accountnumber, a.name,
         COUNT(o.opportunityid) AS open_opportunities,
         CAST(COALESCE(SUM(o.estimatedvalue), 0) AS DECIMAL(18, 2)) AS open_pipeline
  FROM {{crm}}.account a
  LEFT JOIN {{crm}}.opportunity o
    ON o.parentaccountid_value = a.accountid AND NOT o._tributary_deleted AND o.statecode = 0
  WHERE NOT a._tributary_deleted
  GROUP BY a.accountid, a.accountnumber, a.name
), inv AS (
  SELECT entity,
         COUNT(*) AS open_invoices,
         CAST(SUM(foreigntotal) AS DECIMAL(18, 2)) AS open_receivables
  FROM {{raw}}.transactions
  WHERE NOT _tributary_deleted AND type = 'CustInvc' AND status = 'A'
  GROUP BY entity
), so AS (
  SELECT entity, COUNT(*) AS sales_orders
  FROM {{raw}}.transactions
  WHERE NOT _tributary_deleted AND type = 'SalesOrd'
  GROUP BY entity
), erp AS (
  SELECT c.id, c.entityid, c.companyname, c.balance,
         COALESCE(inv.open_invoices, 0) AS open_invoices,
         COALESCE(inv.open_receivables, 0) AS open_receivables,
         COALESCE(so.sales_orders, 0) AS sales_orders
  FROM {{raw}}.customers c
  LEFT JOIN inv ON inv.entity = c.id
  LEFT JOIN so ON so.entity = c.id
  WHERE NOT c._tributary_deleted
)
SELECT
  COALESCE(erp.entityid, crm.accountnumber) AS customer_number,
  crm.accountid AS crm_account_id,
  crm.name AS crm_name,
  erp.id AS erp_customer_id,
  erp.companyname AS erp_name,
  crm.accountid IS NOT NULL AS in_crm,
  erp.id IS NOT NULL AS in_erp,
  COALESCE(crm.open_opportunities, 0) AS open_opportunities,
  CAST(COALESCE(crm.open_pipeline, 0) AS DECIMAL(18, 2)) AS open_pipeline,
  COALESCE(erp.open_invoices, 0) AS open_invoices,
  CAST(COALESCE(erp.open_receivables, 0) AS DECIMAL(18, 2)) AS open_receivables,
  CAST(erp.balance AS DECIMAL(18, 2)) AS erp_balance,
  COALESCE(erp.sales_orders, 0) AS sales_orders
FROM crm
FULL OUTER JOIN erp ON erp.entityid = crm.accountnumber;
