-- RFM segments of one city and year: customers, revenue and average R/F/M.
-- Placeholders: warehouse, city, year.
SELECT segment, segment_label, count(*) AS customers, sum(monetary) AS revenue,
       avg(recency_days) AS avg_recency_days, avg(frequency) AS avg_frequency,
       avg(r_score) AS avg_r, avg(f_score) AS avg_f, avg(m_score) AS avg_m
FROM delta.`${warehouse}/rfm_segments`
WHERE city = '${city}' AND snapshot_year = ${year}
GROUP BY segment, segment_label
ORDER BY customers DESC
