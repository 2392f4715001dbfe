package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code months_until}: whole months from the snapshot's as-of date {@code T} to the date {@code of}
 * ({@code e}): the smallest {@code m ≥ 0} with {@code e ≤ add_months(T, m)}, where add_months keeps
 * the day of the month where the month has it and takes the month's last day otherwise (Spark 3's
 * add_months, Java's {@code LocalDate.plusMonths}). A date on or before {@code T} gives 0; an empty
 * date gives an empty value. Key: {@code of} (a date column). An int.
 */
public record MonthsUntil(String name, String of, ColumnInfo info) implements SingleColumnRule {

  public static final String TYPE = "months_until";

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
    Column t = ctx.asOf();
    Column e = col(of);
    // The calendar months between the two dates: add_months(T, k) lies in e's month, so the answer
    // is k where that day is not before e, else k + 1; nothing before 0.
    Column k = year(e).minus(year(t)).multiply(lit(12)).plus(month(e).minus(month(t)));
    Column m = when(e.leq(t), lit(0)).when(e.leq(add_months(t, k)), k).otherwise(k.plus(lit(1)));
    Map<String, Column> out = new LinkedHashMap<>();
    out.put(name, when(e.isNull(), lit(null).cast("int")).otherwise(m));
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
      return new MonthsUntil(name, of.name(), ColumnInfo.of(name, ColumnType.INT,
          new ValueRange(BigDecimal.ZERO, null, of.range().nullable())));
    }
  };
}
