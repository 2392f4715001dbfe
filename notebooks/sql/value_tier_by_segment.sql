-- Drill-down of one value-model city and year: tier by industry segment, with average sub-scores.
-- Placeholders: warehouse, city, year.
SELECT tier, industry_segment, count(*) AS customers,
       avg(activity_score) AS avg_activity, avg(contribution_score) AS avg_contribution,
       avg(value_ranking_score) AS avg_value_ranking, sum(cumulative_amount) AS revenue
FROM delta.`${warehouse}/value_ratings`
WHERE city = '${city}' AND snapshot_year = ${year}
GROUP BY tier, industry_segment
ORDER BY tier, customers DESC
