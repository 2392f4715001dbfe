-- Customer pyramid and the 80/20 figure of every value-model city and year.
-- Placeholders: warehouse.
SELECT city, snapshot_year, layer_label, customers, customer_share, revenue, revenue_share,
       min_amount, max_amount, pareto_top_percent, pareto_revenue_share
FROM delta.`${warehouse}/customer_pyramid`
ORDER BY city, snapshot_year, layer_order
