-- The customers of one tier in one value-model city and year, best composite first, with every sub-score.
-- Placeholders: warehouse, city, year, tier.
SELECT customer_id, company_name, industry_segment, sales_owner, composite_score, points_to_next_tier,
       activity_score, contribution_score, value_ranking_score, amount_rank_position, amount_rank_points,
       repurchase_rank_position, repurchase_rank_points, cumulative_amount
FROM delta.`${warehouse}/value_ratings`
WHERE city = '${city}' AND snapshot_year = ${year} AND tier = '${tier}'
ORDER BY composite_score DESC, customer_id
LIMIT 50
