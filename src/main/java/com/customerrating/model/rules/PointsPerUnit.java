package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code points_per_unit}: {@code min(of × points, cap)}, e.g. ten points per consultation, at most
 * fifty. Keys: {@code of} (a number column, not below 0), {@code points} (per unit, ≥ 0),
 * {@code cap} (optional, ≥ 0). An int column where everything is whole, else a score.
 */
public record PointsPerUnit(String name, String of, ColumnType ofType, BigDecimal points, BigDecimal cap,
    ColumnInfo info)
    implements SingleColumnRule {

  public static final String TYPE = "points_per_unit";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    Column v;
    if (info.type().whole()) {
      v = col(of).multiply(lit(points.intValueExact()));
      if (cap != null) {
        v = least(v, lit(cap.intValueExact()));
      }
    } else {
      v = Columns.exact(of, ofType).multiply(Columns.number(points));
      if (cap != null) {
        v = least(v, Columns.number(cap));
      }
      v = v.cast(ColumnType.SCORE.sqlType());
    }
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(name, v);
    return out;
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("of", "points", "cap");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.one(n, "of");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      ColumnInfo of = RuleType.number(n, "of", known);
      BigDecimal points = n.decimal("points");
      BigDecimal cap = n.decimal("cap", null);
      if (points.signum() < 0 || (cap != null && cap.signum() < 0)) {
        throw n.error(points.signum() < 0 ? "points" : "cap", "must not be below 0");
      }
      ValueRange r = of.range();
      if (r.min() == null || r.min().signum() < 0) {
        throw n.error("of", "'" + of.name() + "' may be below 0: give it min: 0 in inputs");
      }
      BigDecimal lo = r.min().multiply(points);
      BigDecimal hi = r.max() == null ? null : r.max().multiply(points);
      if (cap != null) {
        lo = lo.min(cap);
        hi = hi == null ? cap : hi.min(cap);
      }
      boolean whole = of.type().whole() && Columns.whole(cap == null ? List.of(points) : List.of(points, cap));
      ColumnType type = whole ? ColumnType.INT : ColumnType.SCORE;
      int places = Math.max(of.places() + Columns.places(points), cap == null ? 0 : Columns.places(cap));
      return new PointsPerUnit(name, of.name(), of.type(), points, cap,
          new ColumnInfo(name, type, new ValueRange(lo, hi, r.nullable()), places));
    }
  };
}
