package com.customerrating.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import com.customerrating.model.RankBucket;
import com.customerrating.model.ValueModel;
import java.math.BigDecimal;
import java.util.function.ToIntFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Model 2: the value tier of each accepted customer. Pure: frame in, frame out; the ranking is
 * delegated to a {@link PercentileRanker} so the readable window form and the scalable form are
 * interchangeable.
 *
 * <pre>
 * activity         = min(consultations × 10, 50) + min(transactions × 5, 50)
 * stability        = round_half_up(50 × active_months / 6, 2)
 * contribution     = 0.4 × stability + 0.6 × amount band points
 * rank points      = bucket of p = greater / N, compared as 100 × greater &lt; top% × N; 0 for a value of 0
 * value_ranking    = 0.7 × amount rank points + 0.3 × repurchase rank points
 * composite        = 0.3 × activity + 0.5 × contribution + 0.2 × value_ranking   (never rounded)
 * </pre>
 * (numbers as in the shipped model file; all of them come from the model.)
 */
public final class ValueScorer {

  public static final String SCORE_TYPE = "decimal(9,4)";
  public static final String POSITION_TYPE = "decimal(7,6)";

  private ValueScorer() {}

  public static Dataset<Row> score(Dataset<Row> accepted, ValueModel m, PercentileRanker ranker) {
    Column consultation = least(col("consultation_count").multiply(lit(m.consultationPoints())), lit(m.consultationCap()));
    Column transaction = least(col("transaction_count").multiply(lit(m.transactionPoints())), lit(m.transactionCap()));
    Column activeMonths = lit(0);
    for (int i = 1; i <= m.stabilityMonths(); i++) {
      activeMonths = activeMonths.plus(when(col("tx_m" + i).geq(1), lit(1)).otherwise(lit(0)));
    }
    // The rankings first, on the rows as accepted: the amount's ranking moves whole rows, and the
    // sub-scores computed after it do not travel with them. The rate first: it has few distinct
    // values, so its ranking joins back without moving rows.
    var scope = m.scope().columns();
    Dataset<Row> df = ranker.rank(accepted, scope, "repurchase_rate", "repurchase_greater_count", "__population2")
        .drop("__population2");
    df = ranker.rank(df, scope, "cumulative_amount", "amount_greater_count", "rank_population");

    // Each pass is one projection (a withColumn per column would make Catalyst re-analyse the
    // whole plan for each); a pass only uses columns of the passes before it. Decimal operands
    // are kept narrow (at most 18 digits), so Spark computes them in longs, not BigDecimals.
    df = df
        .withColumns(columns(
            "consultation_points", consultation,
            "transaction_points", transaction,
            "active_months", activeMonths,
            "amount_band_points", BandColumns.pick(col("cumulative_amount"), m.amountBands(), p -> lit(p))))
        .withColumns(columns(
            "activity_score", col("consultation_points").plus(col("transaction_points")).cast(SCORE_TYPE),
            "stability_score", round(lit(m.stabilityMax()).multiply(col("active_months").cast("decimal(5,0)"))
                .divide(lit(new BigDecimal(m.stabilityMonths()))), 2).cast(SCORE_TYPE)))
        .withColumns(columns(
            "contribution_score", lit(m.stabilityWeight()).multiply(col("stability_score"))
                .plus(lit(m.amountBandWeight()).multiply(col("amount_band_points").cast("decimal(10,0)")))
                .cast(SCORE_TYPE)));

    df = df
        .withColumns(columns(
            "amount_rank_position", position("amount_greater_count"),
            "repurchase_rank_position", position("repurchase_greater_count"),
            "amount_rank_points",
            rankPoints(m, col("cumulative_amount"), col("amount_greater_count"), RankBucket::amountPoints),
            "repurchase_rank_points",
            rankPoints(m, col("repurchase_rate"), col("repurchase_greater_count"), RankBucket::repurchasePoints)))
        .withColumns(columns(
            "value_ranking_score", lit(m.amountRankWeight()).multiply(col("amount_rank_points").cast("decimal(10,0)"))
                .plus(lit(m.repurchaseRankWeight()).multiply(col("repurchase_rank_points").cast("decimal(10,0)")))
                .cast(SCORE_TYPE)));

    Column a = col("activity_score");
    Column c = col("contribution_score");
    Column v = col("value_ranking_score");
    if (m.normalize()) {
      a = rescale(a, m.activityMax());
      c = rescale(c, m.contributionMax());
      v = rescale(v, m.valueRankingMax());
    }
    df = df.withColumns(columns(
        "activity_normalized", m.normalize() ? a.cast(SCORE_TYPE) : lit(null).cast(SCORE_TYPE),
        "contribution_normalized", m.normalize() ? c.cast(SCORE_TYPE) : lit(null).cast(SCORE_TYPE),
        "value_ranking_normalized", m.normalize() ? v.cast(SCORE_TYPE) : lit(null).cast(SCORE_TYPE),
        "composite_score", lit(m.activityWeight()).multiply(a)
            .plus(lit(m.contributionWeight()).multiply(c))
            .plus(lit(m.valueRankingWeight()).multiply(v)).cast(SCORE_TYPE)));
    Column comp = col("composite_score");
    return df.withColumns(columns(
        "tier", BandColumns.pick(comp, m.tiers(), t -> lit(t)),
        "points_to_next_tier", BandColumns.pointsToNext(comp, m.tiers()).cast(SCORE_TYPE),
        "model_id", lit(m.id()),
        "model_version", lit(m.version())));
  }

  /** Name, column, name, column… in order, for one {@code withColumns} projection. */
  static java.util.Map<String, Column> columns(Object... nameThenColumn) {
    java.util.Map<String, Column> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameThenColumn.length; i += 2) {
      out.put((String) nameThenColumn[i], (Column) nameThenColumn[i + 1]);
    }
    return out;
  }

  /**
   * p = greater / N half-up to 6 places, for display (the bucket itself is decided in integers):
   * {@code (2·10⁶·greater + N) div 2N} millionths, in longs.
   */
  private static Column position(String greater) {
    return expr("(2000000 * " + greater + " + rank_population) div (2 * rank_population)")
        .cast("decimal(7,0)").multiply(lit(new BigDecimal("0.000001"))).cast(POSITION_TYPE);
  }

  /**
   * The first bucket with {@code 100 × greater < top% × N}; a value of 0 and anything past the
   * last bucket earn 0 points. Integer arithmetic only.
   */
  static Column rankPoints(ValueModel m, Column value, Column greater, ToIntFunction<RankBucket> points) {
    Column c = when(value.equalTo(lit(0)), lit(0));
    for (RankBucket b : m.buckets()) {
      c = c.when(greater.multiply(lit(100L)).lt(col("rank_population").multiply(lit((long) b.topPercent()))),
          lit(points.applyAsInt(b)));
    }
    return c.otherwise(lit(0));
  }

  /** value × 100 / max, half-up to 2 places. */
  private static Column rescale(Column value, BigDecimal max) {
    return round(value.multiply(lit(new BigDecimal(100))).divide(lit(max)), 2);
  }
}
