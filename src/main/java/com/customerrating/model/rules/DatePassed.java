package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code date_passed}: true when the date {@code of} lies before the snapshot's as-of date (an
 * owner's estimate that has passed: overdue), false otherwise and when the date is empty. Key:
 * {@code of} (a date column). A flag.
 */
public record DatePassed(String name, String of, ColumnInfo info) implements SingleColumnRule {

  public static final String TYPE = "date_passed";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean needsAsOf() {
    return true;
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(name, coalesce(col(of).lt(ctx.asOf()), lit(false)));
    return out;
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("of");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      return RuleType.one(n, "of");
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      ColumnInfo of = RuleType.date(n, "of", known);
      return new DatePassed(name, of.name(), ColumnInfo.of(name, ColumnType.BOOLEAN, new ValueRange(null, null, false)));
    }
  };
}
