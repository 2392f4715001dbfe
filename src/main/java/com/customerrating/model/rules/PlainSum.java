package com.customerrating.model.rules;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code sum}: the plain sum of number columns, e.g. activity = consultation points + transaction
 * points. Key: {@code of} (a list of columns). A score.
 */
public record PlainSum(String name, List<String> of, List<ColumnType> types, ColumnInfo info) implements ScoreRule {

  public static final String TYPE = "sum";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> reads() {
    return of;
  }

  @Override
  public List<ColumnInfo> outputs() {
    return List.of(info);
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    boolean allWhole = types.stream().allMatch(ColumnType::whole);
    Column sum = null;
    for (int i = 0; i < of.size(); i++) {
      Column c = allWhole ? org.apache.spark.sql.functions.col(of.get(i)) : Columns.exact(of.get(i), types.get(i));
      sum = sum == null ? c : sum.plus(c);
    }
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(name, sum.cast(ColumnType.SCORE.sqlType()));
    return out;
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("of");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.list(n, "of");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      List<String> cols = n.stringList("of");
      BigDecimal lo = BigDecimal.ZERO;
      BigDecimal hi = BigDecimal.ZERO;
      boolean nullable = false;
      int places = 0;
      List<ColumnType> types = new java.util.ArrayList<>();
      for (String c : cols) {
        ColumnInfo i = known.get(c);
        if (!i.type().numeric()) {
          throw n.error("of", "'" + c + "' is a " + i.type() + ", not a number");
        }
        types.add(i.type());
        lo = lo == null || i.range().min() == null ? null : lo.add(i.range().min());
        hi = hi == null || i.range().max() == null ? null : hi.add(i.range().max());
        nullable |= i.range().nullable();
        places = Math.max(places, i.places());
      }
      if (places > ColumnType.SCORE.scale()) {
        throw n.error("of", "the sum needs " + places + " decimal places; at most " + ColumnType.SCORE.scale() + " are stored");
      }
      return new PlainSum(name, List.copyOf(cols), List.copyOf(types),
          new ColumnInfo(name, ColumnType.SCORE, new ValueRange(lo, hi, nullable), places));
    }
  };
}
