-- Migration matrix of one city and year: customers by tier in the previous year (rows) and this year.
-- Placeholders: warehouse, city, year.
SELECT from_tier, to_tier, direction, customers
FROM delta.`${warehouse}/tier_migration`
WHERE city = '${city}' AND snapshot_year = ${year}
ORDER BY from_order, to_order
