-- The Delta versions of value_ratings: each run that rewrote a city and year is one version.
-- Placeholders: warehouse.
DESCRIBE HISTORY delta.`${warehouse}/value_ratings`
