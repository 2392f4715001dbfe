package com.customerrating.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.model.ConversionModel;
import com.customerrating.model.Grade;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Model 1: grades each accepted consultation. Pure: frame in, frame out.
 *
 * <p>{@code composite = Σ weight × score} in exact decimals, graded by the model's half-open
 * bands; the follow-up owner and cadence come with the grade, and the next follow-up date is the
 * consultation date plus one cadence period.
 */
public final class ConversionScorer {

  /** Composites and points are stored at four places: weights have at most two, scores none. */
  public static final String SCORE_TYPE = "decimal(9,4)";

  private ConversionScorer() {}

  public static Dataset<Row> score(Dataset<Row> accepted, ConversionModel model) {
    Column composite = lit(BigDecimal.ZERO);
    for (Map.Entry<String, BigDecimal> w : model.weights().entrySet()) {
      composite = composite.plus(col(w.getKey()).cast("decimal(10,0)").multiply(lit(w.getValue())));
    }
    Dataset<Row> df = accepted.withColumn("composite_score", composite.cast(SCORE_TYPE));
    Column c = col("composite_score");
    var grades = model.grades();
    Column nextDate = BandColumns.pick(c, grades, g -> nextFollowUp(col("consult_date"), g));
    return df
        .withColumn("grade", BandColumns.pick(c, grades, g -> lit(g.name())))
        .withColumn("follow_up_owner", BandColumns.pick(c, grades, g -> lit(g.owner())))
        .withColumn("follow_up_cadence", BandColumns.pick(c, grades, g -> lit(g.cadence())))
        .withColumn("next_follow_up_date", nextDate)
        .withColumn("points_to_next_tier", BandColumns.pointsToNext(c, grades).cast(SCORE_TYPE))
        .withColumn("model_id", lit(model.id()))
        .withColumn("model_version", lit(model.version()));
  }

  private static Column nextFollowUp(Column date, Grade g) {
    java.time.Period p = g.cadencePeriod();
    Column d = date;
    int months = p.getYears() * 12 + p.getMonths();
    if (months != 0) {
      d = org.apache.spark.sql.functions.add_months(d, months);
    }
    if (p.getDays() != 0) {
      d = org.apache.spark.sql.functions.date_add(d, p.getDays());
    }
    return d;
  }
}
