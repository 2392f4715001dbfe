package com.customerrating.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.when;

import java.time.MonthDay;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;

/**
 * The snapshot's as-of date of each row, from its city and snapshot year: every recency is measured
 * from it, never from today. A city's month-day comes from its dataset config (default 12-31); a
 * 02-29 falls on the 28th in other years, as {@link MonthDay#atYear} does.
 */
public final class AsOfDates {

  public static final MonthDay DEFAULT = MonthDay.of(12, 31);

  private AsOfDates() {}

  /** A date column: the as-of date of the row's city and {@code snapshot_year}. */
  public static Column column(Map<String, MonthDay> byCity) {
    Column c = date(DEFAULT);
    for (Map.Entry<String, MonthDay> e : new TreeMap<>(byCity).entrySet()) {
      if (!e.getValue().equals(DEFAULT)) {
        c = when(col("city").equalTo(lit(e.getKey())), date(e.getValue())).otherwise(c);
      }
    }
    return c;
  }

  private static Column date(MonthDay md) {
    Column first = make_date(col("snapshot_year"), lit(md.getMonthValue()), lit(1));
    return md.getDayOfMonth() <= 28 ? make_date(col("snapshot_year"), lit(md.getMonthValue()), lit(md.getDayOfMonth()))
        : least(date_add(first, md.getDayOfMonth() - 1), last_day(first));
  }
}
