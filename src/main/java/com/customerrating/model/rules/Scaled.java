package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code scaled}: a column rescaled from its own range's top to {@code max} and rounded half-up,
 * {@code round(max × of / top(of), places)}; e.g. stability = 50 × active months / 6 at 2 places.
 * Keys: {@code of} (a number column whose top the checker knows, such as a count), {@code max},
 * {@code places} (default 2). A score.
 */
public record Scaled(String name, String of, ColumnType ofType, BigDecimal top, BigDecimal max, int places,
    ColumnInfo info) implements SingleColumnRule {

  public static final String TYPE = "scaled";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    Map<String, Column> out = new LinkedHashMap<>();
    Column inLongs = rescaleInLongs(col(of), ofType, top, max, places);
    out.put(name, inLongs != null ? inLongs : rescale(Columns.exact(of, ofType), top, max, places));
    return out;
  }

  /** {@code round(to × v / top, places)}, exact decimals, half-up. */
  public static Column rescale(Column v, BigDecimal top, BigDecimal to, int places) {
    return round(Columns.number(to).multiply(v).divide(Columns.number(top)), places).cast(ColumnType.SCORE.sqlType());
  }

  /**
   * The same value as {@link #rescale} for a column of whole numbers or decimals that is never
   * below 0, in longs: with {@code to × v / top = num / den} in integers, the result's digits at
   * {@code places} are {@code (2·num + den) div 2·den} (half-up). Spark divides decimals through
   * BigDecimal. Null when a long could overflow (then {@link #rescale} is used).
   */
  static Column rescaleInLongs(Column v, ColumnType vType, BigDecimal top, BigDecimal to, int places) {
    int vScale = vType.whole() ? 0 : vType.scale();
    int vDigits = vType.kind() == ColumnType.Kind.LONG ? 19 : vType.whole() ? 10 : vType.precision();
    BigDecimal t = to.stripTrailingZeros();
    BigDecimal p = top.stripTrailingZeros();
    // to × v / top × 10^places = T·V·10^e / P, with T, V, P the unscaled digits
    int e = places + Math.max(p.scale(), 0) - Math.max(t.scale(), 0) - vScale;
    java.math.BigInteger num = unscaled(t).multiply(java.math.BigInteger.TEN.pow(Math.max(e, 0)));
    java.math.BigInteger den = unscaled(p).multiply(java.math.BigInteger.TEN.pow(Math.max(-e, 0)));
    if (den.signum() <= 0 || num.signum() < 0) {
      return null;
    }
    // 2·num·V + den must fit a long: V < 10^vDigits
    java.math.BigInteger bound = num.shiftLeft(1).multiply(java.math.BigInteger.TEN.pow(vDigits)).add(den);
    if (bound.bitLength() > 62 || den.shiftLeft(1).bitLength() > 62) {
      return null;
    }
    Column digits = vType.whole() ? v.cast("long") : Columns.unscaled(v);
    Column q = org.apache.spark.sql.functions.call_function("div",
        digits.multiply(lit(num.longValueExact() * 2)).plus(lit(den.longValueExact())), lit(den.longValueExact() * 2));
    return Columns.fromUnscaled(q, 18, places).cast(ColumnType.SCORE.sqlType());
  }

  private static java.math.BigInteger unscaled(BigDecimal v) {
    return v.scale() >= 0 ? v.unscaledValue() : v.unscaledValue().multiply(java.math.BigInteger.TEN.pow(-v.scale()));
  }

  /** The same in Java, for the checker's ranges. */
  public static BigDecimal rescale(BigDecimal v, BigDecimal top, BigDecimal to, int places) {
    return to.multiply(v).divide(top, places, RoundingMode.HALF_UP);
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("of", "max", "places");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.one(n, "of");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      ColumnInfo of = RuleType.number(n, "of", known);
      ValueRange r = of.range();
      if (r.max() == null || r.max().signum() <= 0 || r.min() == null || r.min().signum() < 0) {
        throw n.error("of", "'" + of.name() + "' has no known range [0, top] to scale from (its range is " + r + ")");
      }
      BigDecimal max = n.decimal("max");
      int places = n.integer("places", 2);
      if (places < 0 || places > 4) {
        throw n.error("places", "must be 0 to 4 (scores keep four places)");
      }
      return new Scaled(name, of.name(), of.type(), r.max(), max, places, new ColumnInfo(name, ColumnType.SCORE,
          new ValueRange(rescale(r.min(), r.max(), max, places), max, r.nullable()), places));
    }
  };
}
