-- Year over year per city: retained, new and lost customers, upgrade rate, high-value growth.
-- Placeholders: warehouse.
SELECT city, snapshot_year, from_year, customers_prev, customers_curr, retained, new_customers,
       lost_customers, upgraded, downgraded, upgrade_rate, downgrade_rate, high_value_tiers,
       high_value_prev, high_value_curr, high_value_change, high_value_growth
FROM delta.`${warehouse}/migration_summary`
ORDER BY city, snapshot_year
