package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/** Band lookups as Spark expressions, with decimal literals (never doubles) for the edges. */
public final class BandColumns {

  private BandColumns() {}

  public static Column contains(Column v, Band b) {
    Column c = lit(true);
    if (b.from() != null) {
      c = c.and(b.fromInclusive() ? v.geq(Columns.number(b.from())) : v.gt(Columns.number(b.from())));
    }
    if (b.to() != null) {
      c = c.and(b.toInclusive() ? v.leq(Columns.number(b.to())) : v.lt(Columns.number(b.to())));
    }
    return c;
  }

  /** CASE WHEN v in band1 THEN out(value1) WHEN … END; bands cover the axis, so one always matches. */
  public static <T extends Serializable> Column pick(Column v, List<BandedValue<T>> bands, Function<T, Column> out) {
    Column c = null;
    for (BandedValue<T> b : bands) {
      c = c == null ? when(contains(v, b.band()), out.apply(b.value()))
          : c.when(contains(v, b.band()), out.apply(b.value()));
    }
    return c;
  }

  /**
   * Points still needed to reach the next better band: its lower edge minus the value where higher is
   * better, the value minus its upper edge where lower is better; null in the best band. {@code bands}
   * are best first.
   */
  public static <T extends Serializable> Column pointsToNext(Column v, List<BandedValue<T>> bands, boolean lowerIsBetter) {
    Column c = null;
    for (int i = 1; i < bands.size(); i++) {
      Band better = bands.get(i - 1).band();
      Column need = lowerIsBetter ? v.minus(Columns.number(better.to())) : Columns.number(better.from()).minus(v);
      Column hit = contains(v, bands.get(i).band());
      c = c == null ? when(hit, need) : c.when(hit, need);
    }
    return c == null ? lit(null) : c;
  }
}
