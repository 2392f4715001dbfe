-- The most severe and most valuable churn alerts of one city and year (customer data from the year before).
-- Placeholders: warehouse, city, year.
SELECT severity, customer_id, company_name, owner, prev_tier, curr_tier, prev_composite, curr_composite,
       activity_change, contribution_change, prev_amount, reasons
FROM delta.`${warehouse}/churn_alerts`
WHERE city = '${city}' AND snapshot_year = ${year}
ORDER BY severity_order, prev_composite DESC, customer_id
LIMIT 50
