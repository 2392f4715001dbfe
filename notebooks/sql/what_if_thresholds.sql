-- What if the tier thresholds were different? Re-tiers the published composite of one city and year
-- with the thresholds given (half-open bands, as in the model file) and counts customers per tier
-- under both. Reads only; nothing is written.
-- Placeholders: warehouse, city, year, alt_s, alt_a, alt_b, alt_c (lower edges of S, A, B and C).
SELECT tier AS published_tier,
       CASE WHEN composite_score >= ${alt_s} THEN 'S'
            WHEN composite_score >= ${alt_a} THEN 'A'
            WHEN composite_score >= ${alt_b} THEN 'B'
            WHEN composite_score >= ${alt_c} THEN 'C'
            ELSE 'D' END AS what_if_tier,
       count(*) AS customers, min(composite_score) AS min_composite, max(composite_score) AS max_composite
FROM delta.`${warehouse}/value_ratings`
WHERE city = '${city}' AND snapshot_year = ${year}
GROUP BY 1, 2
ORDER BY 1, 2
