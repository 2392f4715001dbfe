-- Churn alerts per city, year and severity, with how many carry each reason.
-- Placeholders: warehouse.
SELECT city, snapshot_year, severity, count(*) AS alerts,
       sum(CASE WHEN array_contains(reasons, 'left') THEN 1 ELSE 0 END) AS left_file,
       sum(CASE WHEN array_contains(reasons, 'tier_drop') THEN 1 ELSE 0 END) AS tier_drop,
       sum(CASE WHEN array_contains(reasons, 'activity_drop') THEN 1 ELSE 0 END) AS activity_drop,
       sum(CASE WHEN array_contains(reasons, 'contribution_drop') THEN 1 ELSE 0 END) AS contribution_drop
FROM delta.`${warehouse}/churn_alerts`
GROUP BY city, snapshot_year, severity, severity_order
ORDER BY city, snapshot_year, severity_order
