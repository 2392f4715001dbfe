package com.customerrating.model.rules;

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
    out.put(name, rescale(Columns.exact(of, ofType), top, max, places));
    return out;
  }

  /** {@code round(to × v / top, places)}, exact decimals, half-up. */
  public static Column rescale(Column v, BigDecimal top, BigDecimal to, int places) {
    return round(lit(to).multiply(v).divide(lit(top)), places).cast(ColumnType.SCORE.sqlType());
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
