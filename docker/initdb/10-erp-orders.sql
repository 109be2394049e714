-- The compose file's scale profile reads this table with a partitioned JDBC stream (docker/jobs/orders_scaled.yml):
-- 200,000 orders with an integer key, in schema erp of the analytics database. Run once by the postgres image when
-- its data folder is new (/docker-entrypoint-initdb.d).
CREATE SCHEMA erp;
CREATE TABLE erp.orders (
  id          bigint PRIMARY KEY,
  customer_id integer NOT NULL,
  amount      numeric(12, 2) NOT NULL,
  status      text NOT NULL,
  updated_at  timestamptz NOT NULL
);
INSERT INTO erp.orders
SELECT g, 1 + g % 5000, round((g % 997) * 1.37, 2), (ARRAY['open', 'shipped', 'paid'])[1 + g % 3],
       timestamptz '2024-01-01' + g * interval '1 minute'
FROM generate_series(1, 200000) AS g;
CREATE INDEX orders_updated_at_id ON erp.orders (updated_at, id);
