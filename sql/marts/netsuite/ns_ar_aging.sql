-- NetSuite accounts receivable aging: open invoices per customer, bucketed by days from the invoice date to the
-- as-of date ({{as_of}}: today unless the job sets mart_variables.as_of). Grain: one row per (customer, age bucket).
-- Open invoice: type CustInvc with status A (Open; B is Paid In Full). An invoice whose customer is not in raw
-- customers (not read, or quarantined) is kept: customer_known is false and customer_name NULL.
DROP TABLE IF EXISTS marts.ns_ar_aging;
CREATE TABLE marts.ns_ar_aging AS
WITH inv AS (
  SELECT t.entity, t.foreigntotal, {{as_of}} - t.trandate AS age_days, {{as_of}} AS as_of_date
  FROM {{raw}}.transactions t
  WHERE NOT t._tributary_deleted AND t.type = 'CustInvc' AND t.status = 'A'
)
SELECT
  i.entity AS customer_id,
  MAX(c.companyname) AS customer_name,
  MAX(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END) = 1 AS customer_known,
  CASE
    WHEN i.age_days < 0 THEN 'dated after as-of'
    WHEN i.age_days <= 30 THEN '0-30 days'
    WHEN i.age_days <= 60 THEN '31-60 days'
    WHEN i.age_days <= 90 THEN '61-90 days'
    ELSE 'over 90 days'
  END AS age_bucket,
  MAX(i.as_of_date) AS as_of_date,
  COUNT(*) AS open_invoices,
  CAST(COALESCE(SUM(i.foreigntotal), 0) AS DECIMAL(18, 2)) AS open_amount,
  CAST(MAX(i.age_days) AS BIGINT) AS oldest_age_days
FROM inv i
LEFT JOIN {{raw}}.customers c ON c.id = i.entity AND NOT c._tributary_deleted
GROUP BY i.entity, 4;
