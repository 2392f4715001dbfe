-- Tier counts of one city and year in two versions of value_ratings (Delta time travel, read only).
-- Placeholders: warehouse, city, year, version_a, version_b.
WITH a AS (
  SELECT tier, count(*) AS customers, max(model_version) AS model_version, max(run_id) AS run_id
  FROM delta.`${warehouse}/value_ratings` VERSION AS OF ${version_a}
  WHERE city = '${city}' AND snapshot_year = ${year}
  GROUP BY tier
), b AS (
  SELECT tier, count(*) AS customers, max(model_version) AS model_version, max(run_id) AS run_id
  FROM delta.`${warehouse}/value_ratings` VERSION AS OF ${version_b}
  WHERE city = '${city}' AND snapshot_year = ${year}
  GROUP BY tier
)
SELECT coalesce(a.tier, b.tier) AS tier, coalesce(a.customers, 0) AS customers_a,
       coalesce(b.customers, 0) AS customers_b, coalesce(b.customers, 0) - coalesce(a.customers, 0) AS change,
       a.run_id AS run_a, b.run_id AS run_b
FROM a FULL OUTER JOIN b ON a.tier = b.tier
ORDER BY tier
