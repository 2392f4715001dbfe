-- Customer by customer: tier in version A against tier in version B of the same city and year.
-- Placeholders: warehouse, city, year, version_a, version_b.
SELECT a.tier AS tier_a, b.tier AS tier_b, count(*) AS customers,
       avg(b.composite_score - a.composite_score) AS avg_composite_change
FROM (SELECT customer_id, tier, composite_score FROM delta.`${warehouse}/value_ratings` VERSION AS OF ${version_a}
      WHERE city = '${city}' AND snapshot_year = ${year}) a
JOIN (SELECT customer_id, tier, composite_score FROM delta.`${warehouse}/value_ratings` VERSION AS OF ${version_b}
      WHERE city = '${city}' AND snapshot_year = ${year}) b
  ON a.customer_id = b.customer_id
GROUP BY a.tier, b.tier
ORDER BY tier_a, tier_b
