-- Tier (or grade) distribution of every city and year: customers, revenue and their shares.
-- Placeholders: warehouse.
SELECT city, snapshot_year, model_id, tier, customers, customer_share, revenue, revenue_share
FROM delta.`${warehouse}/tier_summary`
ORDER BY city, snapshot_year, tier_order
