package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code bands}: the points of the band a value falls in, e.g. amount &lt; 10 000 → 10. Keys:
 * {@code of} (a number column) and {@code bands}, each {@code {from, to, from_inclusive,
 * to_inclusive, points}}: {@code [from, to)} by default, either end open, and each edge may say
 * which side it belongs to (seed 001's "10 000 ≤ amount ≤ 50 000"). The bands must cover every
 * value exactly once: a gap or an overlap fails the load.
 */
public record BandLookup(String name, String of, List<BandedValue<BigDecimal>> bands, ColumnInfo info)
    implements SingleColumnRule {

  public static final String TYPE = "bands";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    boolean whole = info.type().whole();
    Column v = BandColumns.pick(col(of), bands, p -> Columns.points(p, whole));
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(name, whole ? v : v.cast(ColumnType.SCORE.sqlType()));
    return out;
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("of", "bands");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.one(n, "of");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      ColumnInfo of = RuleType.number(n, "of", known);
      List<BandedValue<BigDecimal>> bands = new ArrayList<>();
      for (ConfigNode b : n.list("bands")) {
        b.allowOnly("from", "to", "from_inclusive", "to_inclusive", "points");
        bands.add(new BandedValue<>(Bands.read(b), b.decimal("points")));
      }
      bands = Bands.checkCoverage(n, "bands", bands, p -> p.toPlainString() + " points");
      BigDecimal lo = null;
      BigDecimal hi = null;
      List<BigDecimal> all = new ArrayList<>();
      for (BandedValue<BigDecimal> b : bands) {
        all.add(b.value());
        if (!b.band().missesRange(of.range().min(), of.range().max())) {
          lo = lo == null ? b.value() : lo.min(b.value());
          hi = hi == null ? b.value() : hi.max(b.value());
        }
      }
      boolean whole = Columns.whole(all);
      int places = all.stream().mapToInt(Columns::places).max().orElse(0);
      return new BandLookup(name, of.name(), List.copyOf(bands), new ColumnInfo(name,
          whole ? ColumnType.INT : ColumnType.SCORE, new ValueRange(lo, hi, of.range().nullable()), places));
    }
  };
}
