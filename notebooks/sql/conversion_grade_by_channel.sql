-- Drill-down of one conversion-model city and year: grade by consultation channel, with purchases.
-- Placeholders: warehouse, conversion_city, year.
SELECT grade, consult_channel, count(*) AS customers,
       sum(CASE WHEN purchased THEN 1 ELSE 0 END) AS purchasers,
       avg(composite_score) AS avg_composite
FROM delta.`${warehouse}/conversion_ratings`
WHERE city = '${conversion_city}' AND snapshot_year = ${year}
GROUP BY grade, consult_channel
ORDER BY grade, customers DESC
