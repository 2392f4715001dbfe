-- Real conversion by grade where purchases are known: rate and lift over the overall rate.
-- Placeholders: warehouse.
SELECT city, snapshot_year, grade, customers, customers_with_outcome, purchasers, conversion_rate,
       overall_rate, lift
FROM delta.`${warehouse}/conversion_by_grade`
ORDER BY city, snapshot_year, grade_order
