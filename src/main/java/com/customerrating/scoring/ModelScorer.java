package com.customerrating.scoring;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.customerrating.common.AsOfDates;
import com.customerrating.model.Grading;
import com.customerrating.model.RatingModel;
import com.customerrating.model.Tier;
import com.customerrating.model.rules.BandColumns;
import com.customerrating.model.rules.BandedValue;
import com.customerrating.model.rules.RankedRule;
import com.customerrating.model.rules.ScoreRule;
import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The scoring engine: any model's rules applied to its accepted rows. Frame in, frame out, no
 * reading or writing; the rankings are delegated to a {@link PercentileRanker}, so the readable
 * window form and the scalable form are interchangeable. (The scalable form runs one small job
 * while it builds the frame: the histogram of each many-valued ranking, a few thousand rows per
 * scope, which decides where the rows go.)
 *
 * <p>The rules run level by level ({@link RatingModel#levels()}): a level reads only the inputs and
 * the levels before it. Each level first ranks what its percentile rules rank, all in one call of
 * the ranker, on the rows as they are then (for seed 001's model, the rows as accepted, so that the
 * amount ranking, which moves whole rows, moves them before any sub-score is added), then adds all
 * its columns in one projection: a {@code withColumn} per column would make Catalyst re-analyse the
 * whole plan for each. Then the grading: the tier, its action, the next follow-up date and the
 * points to the next tier.
 */
public final class ModelScorer {

  /** The as-of date of each row, while the rules that need it run. */
  static final String AS_OF = "__as_of";

  private ModelScorer() {}

  /**
   * @param asOf the month-day of the as-of date per city (the dataset configs'); 12-31 for others
   */
  public static Dataset<Row> score(Dataset<Row> accepted, RatingModel m, PercentileRanker ranker,
      Map<String, MonthDay> asOf) {
    Dataset<Row> df = m.needsAsOf() ? accepted.withColumn(AS_OF, AsOfDates.column(asOf)) : accepted;
    ScoreRule.Context ctx = () -> col(AS_OF);
    List<String> temporary = new ArrayList<>();
    for (List<ScoreRule> level : m.levels()) {
      List<PercentileRanker.Ranking> rankings = new ArrayList<>();
      for (ScoreRule r : level) {
        if (r instanceof RankedRule rr) {
          rankings.add(new PercentileRanker.Ranking(rr.scope(), rr.ranked(), rr.greaterColumn(), rr.populationColumn()));
          temporary.add(rr.greaterColumn());
          temporary.add(rr.populationColumn());
        }
      }
      if (!rankings.isEmpty()) {
        df = ranker.rank(df, rankings);
      }
      Map<String, Column> columns = new LinkedHashMap<>();
      for (ScoreRule r : level) {
        columns.putAll(r.columns(ctx));
      }
      df = df.withColumns(columns);
    }
    df = df.withColumns(grading(m.grading()));
    temporary.add(AS_OF);
    List<String> drop = temporary.stream().filter(c -> !m.columns().containsKey(c)).distinct().toList();
    return df.withColumns(Map.of("model_id", lit(m.id()), "model_version", lit(m.version())))
        .drop(drop.toArray(String[]::new));
  }

  /** The tier of the graded value (the missing tier for an empty one), its action and the points to the next tier. */
  static Map<String, Column> grading(Grading g) {
    Column v = col(g.of());
    List<BandedValue<Tier>> tiers = g.tiers();
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(g.column(), pick(g, v, t -> lit(t.name())));
    if (g.hasActions()) {
      Column base = Grading.AS_OF.equals(g.followUpFrom()) ? col(AS_OF) : col(g.followUpFrom());
      out.put(Grading.OWNER, pick(g, v, t -> lit(t.owner())));
      out.put(Grading.CADENCE, pick(g, v, t -> lit(t.cadence())));
      out.put(Grading.NEXT_FOLLOW_UP, pick(g, v, t -> plus(base, t.period())));
    }
    out.put(Grading.POINTS_TO_NEXT, BandColumns.pointsToNext(v, tiers, g.lowerIsBetter()).cast(g.pointsType().sqlType()));
    return out;
  }

  private static Column pick(Grading g, Column v, Function<Tier, Column> of) {
    Column banded = BandColumns.pick(v, g.tiers(), of);
    return g.missingTier() == null ? banded : when(v.isNull(), of.apply(g.tier(g.missingTier()))).otherwise(banded);
  }

  /** The date plus one cadence period: months by add_months (month ends as Spark 3 keeps them), then days. */
  private static Column plus(Column date, Period p) {
    Column d = date;
    int months = p.getYears() * 12 + p.getMonths();
    if (months != 0) {
      d = add_months(d, months);
    }
    if (p.getDays() != 0) {
      d = date_add(d, p.getDays());
    }
    return d;
  }
}
