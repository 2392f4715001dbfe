package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code count}: how many of {@code columns} meet one condition, e.g. the active months among
 * {@code tx_m1 … tx_m6} ({@code at_least: 1}). Keys: {@code columns} (number columns) and one of
 * {@code equals}, {@code above}, {@code below}, {@code at_least}, {@code at_most}. An empty value
 * does not count. An int in {@code [0, number of columns]}; a {@code scaled} rule turns it into points.
 */
public record CountMeeting(String name, List<String> counted, String op, BigDecimal value, ColumnInfo info)
    implements ScoreRule {

  public static final String TYPE = "count";
  static final List<String> OPS = List.of("equals", "above", "below", "at_least", "at_most");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> reads() {
    return counted;
  }

  @Override
  public List<ColumnInfo> outputs() {
    return List.of(info);
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    Column sum = lit(0);
    boolean whole = value.stripTrailingZeros().scale() <= 0;
    Column v = whole ? lit(value.intValueExact()) : Columns.number(value);
    for (String c : counted) {
      Column x = col(c);
      Column meets = switch (op) {
        case "equals" -> x.equalTo(v);
        case "above" -> x.gt(v);
        case "below" -> x.lt(v);
        case "at_least" -> x.geq(v);
        default -> x.leq(v);
      };
      sum = sum.plus(when(meets, lit(1)).otherwise(lit(0)));
    }
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(name, sum);
    return out;
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("columns", "equals", "above", "below", "at_least", "at_most");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.list(n, "columns");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      List<String> cols = n.stringList("columns");
      for (String c : cols) {
        if (!known.get(c).type().numeric()) {
          throw n.error("columns", "'" + c + "' is a " + known.get(c).type() + ", not a number");
        }
      }
      String op = null;
      for (String o : OPS) {
        if (n.has(o)) {
          if (op != null) {
            throw n.error(o, "give one condition of " + OPS + ", not two");
          }
          op = o;
        }
      }
      if (op == null) {
        throw n.error("needs a condition: one of " + OPS);
      }
      return new CountMeeting(name, List.copyOf(cols), op, n.decimal(op),
          ColumnInfo.of(name, ColumnType.INT, ValueRange.of(0, cols.size())));
    }
  };
}
