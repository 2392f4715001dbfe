package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code percentile_bucket}: points by the row's position in its ranking population (seed 001's
 * "global ranking percentage"). With {@code greater} the rows of the scope holding a strictly greater
 * value and {@code N} the rows of the scope, {@code p = greater / N} (ties share the better
 * position); a row earns the points of the first bucket with {@code 100 × greater < top_percent × N}
 * (integers, never fractions), else {@code bottom_points}.
 *
 * <p>Keys: {@code of} (a required number column), {@code scope} ({@code city_and_year}, the default,
 * or {@code snapshot_year}), {@code buckets} ({@code {top_percent, points}}, top_percent rising),
 * {@code bottom_points} (default 0), {@code zero_value} ({@code bottom}, the default: a value of 0
 * earns the bottom points whatever its position; or {@code ranked}), and the names of the columns
 * that explain the bucket, each optional: {@code greater_count}, {@code position} (p, six places,
 * for reading) and {@code population} (N).
 */
public record PercentileBucket(String name, String ranked, RankingScope rankingScope, List<Bucket> buckets,
    BigDecimal bottomPoints, boolean zeroIsBottom, String greaterColumn, String populationColumn,
    String positionColumn, List<ColumnInfo> outputs) implements RankedRule {

  public static final String TYPE = "percentile_bucket";

  /** One bucket: the top {@code topPercent}% of the population earns {@code points}. */
  public record Bucket(int topPercent, BigDecimal points) implements java.io.Serializable {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> reads() {
    return List.of(ranked);
  }

  @Override
  public List<String> scope() {
    return rankingScope.columns();
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    boolean whole = info().type().whole();
    Column greater = col(greaterColumn);
    Column n = col(populationColumn);
    // A decimal zero: an integer 0 would make Spark compare a decimal(18,2) as a decimal(20,2),
    // through BigDecimal, for every row.
    Column c = zeroIsBottom ? when(col(ranked).equalTo(Columns.number(BigDecimal.ZERO)), Columns.points(bottomPoints, whole)) : null;
    for (Bucket b : buckets) {
      Column in = greater.multiply(lit(100L)).lt(n.multiply(lit((long) b.topPercent())));
      c = c == null ? when(in, Columns.points(b.points(), whole)) : c.when(in, Columns.points(b.points(), whole));
    }
    c = c.otherwise(Columns.points(bottomPoints, whole));
    Map<String, Column> out = new LinkedHashMap<>();
    if (positionColumn != null) {
      // p = greater / N half-up to 6 places, for reading (the bucket is decided in integers):
      // (2·10⁶·greater + N) div 2N millionths, in longs, read as a decimal of six places.
      out.put(positionColumn, Columns.fromUnscaled(expr("(2000000 * " + greaterColumn + " + " + populationColumn
          + ") div (2 * " + populationColumn + ")"), ColumnType.POSITION.precision(), ColumnType.POSITION.scale()));
    }
    out.put(name, whole ? c : c.cast(ColumnType.SCORE.sqlType()));
    return out;
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("of", "scope", "buckets", "bottom_points", "zero_value", "greater_count", "position", "population");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.one(n, "of");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      ColumnInfo of = RuleType.number(n, "of", known);
      if (of.range().nullable()) {
        throw n.error("of", "'" + of.name() + "' may be empty: a ranked column must be required");
      }
      RankingScope scope;
      try {
        scope = RankingScope.parse(n.string("scope", "city_and_year"));
      } catch (IllegalArgumentException e) {
        throw n.error("scope", e.getMessage());
      }
      List<Bucket> buckets = new ArrayList<>();
      int prev = 0;
      for (ConfigNode b : n.list("buckets")) {
        b.allowOnly("top_percent", "points");
        int top = b.integer("top_percent");
        if (top <= prev || top > 100) {
          throw b.error("top_percent", "must rise strictly from bucket to bucket within 1–100, got " + top);
        }
        prev = top;
        buckets.add(new Bucket(top, b.decimal("points")));
      }
      if (buckets.isEmpty()) {
        throw n.error("buckets", "needs at least one bucket");
      }
      BigDecimal bottom = n.decimal("bottom_points", BigDecimal.ZERO);
      String zero = n.string("zero_value", "bottom");
      if (!zero.equals("bottom") && !zero.equals("ranked")) {
        throw n.error("zero_value", "expected bottom or ranked, got '" + zero + "'");
      }
      List<BigDecimal> all = new ArrayList<>(buckets.stream().map(Bucket::points).toList());
      all.add(bottom);
      boolean whole = Columns.whole(all);
      String greater = n.string("greater_count", "__rank_" + name + "_greater");
      String population = n.string("population", "__rank_" + name + "_population");
      String position = n.string("position", null);
      List<ColumnInfo> outs = new ArrayList<>();
      if (n.has("population")) {
        outs.add(ColumnInfo.of(population, ColumnType.LONG, new ValueRange(BigDecimal.ONE, null, false)));
      }
      if (n.has("greater_count")) {
        outs.add(ColumnInfo.of(greater, ColumnType.LONG, new ValueRange(BigDecimal.ZERO, null, false)));
      }
      if (position != null) {
        outs.add(ColumnInfo.of(position, ColumnType.POSITION, ValueRange.of(BigDecimal.ZERO, BigDecimal.ONE)));
      }
      BigDecimal lo = all.stream().min(BigDecimal::compareTo).orElseThrow();
      BigDecimal hi = all.stream().max(BigDecimal::compareTo).orElseThrow();
      outs.add(new ColumnInfo(name, whole ? ColumnType.INT : ColumnType.SCORE, ValueRange.of(lo, hi),
          all.stream().mapToInt(Columns::places).max().orElse(0)));
      return new PercentileBucket(name, of.name(), scope, List.copyOf(buckets), bottom, zero.equals("bottom"),
          greater, population, position, List.copyOf(outs));
    }
  };
}
