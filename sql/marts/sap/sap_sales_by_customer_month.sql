-- SAP sales orders by customer (sold-to party) and month of creation, per currency: how much each customer orders.
-- Grain: one row per (sold_to_party, order_month, transaction_currency). An order whose sold-to party is not in
-- raw business partners (not read, or quarantined) is kept: customer_known is false and customer_name NULL.
DROP TABLE IF EXISTS marts.sap_sales_by_customer_month;
CREATE TABLE marts.sap_sales_by_customer_month AS
WITH items AS (
  SELECT sales_order, COUNT(*) AS items
  FROM {{raw}}.a_sales_order_item
  WHERE NOT _tributary_deleted
  GROUP BY sales_order
)
SELECT
  o.sold_to_party,
  MAX(bp.business_partner_full_name) AS customer_name,
  MAX(CASE WHEN bp.customer IS NULL THEN 0 ELSE 1 END) = 1 AS customer_known,
  CAST(date_trunc('month', o.creation_date) AS DATE) AS order_month,
  o.transaction_currency,
  COUNT(*) AS sales_orders,
  CAST(COALESCE(SUM(o.total_net_amount), 0) AS DECIMAL(18, 3)) AS net_amount,
  CAST(COALESCE(SUM(i.items), 0) AS BIGINT) AS order_items,
  CAST(SUM(CASE WHEN o.overall_delivery_status = 'C' THEN 1 ELSE 0 END) AS BIGINT) AS fully_delivered_orders
FROM {{raw}}.a_sales_order o
LEFT JOIN {{raw}}.a_business_partner bp ON bp.customer = o.sold_to_party AND NOT bp._tributary_deleted
LEFT JOIN items i ON i.sales_order = o.sales_order
WHERE NOT o._tributary_deleted
GROUP BY o.sold_to_party, CAST(date_trunc('month', o.creation_date) AS DATE), o.transaction_currency;
