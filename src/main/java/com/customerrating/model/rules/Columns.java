package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.common.ColumnType;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;

/**
 * Exact arithmetic on Spark columns: decimal literals (never doubles) and operands kept narrow, so
 * that Spark computes with longs where it can.
 */
public final class Columns {

  private Columns() {}

  /** A column as an exact decimal operand: whole numbers as decimal(10,0), decimals as they are. */
  public static Column exact(String name, ColumnType type) {
    return type.whole() ? col(name).cast("decimal(" + (type.kind() == ColumnType.Kind.LONG ? 19 : 10) + ",0)")
        : col(name);
  }

  /**
   * A decimal literal ({@code lit(0.4)} would be a double), of the type {@code lit(v)} gives it,
   * held as a long where its digits fit one. {@code lit(v)} holds a {@link BigDecimal}, and Spark
   * compares a decimal with such a literal through BigDecimal, for every row (in a profile of the
   * 10M benchmark, band edges and table constraints spent about a fifth of the writing stage's
   * CPU there); two long-held decimals of one scale compare as longs.
   */
  public static Column number(BigDecimal v) {
    org.apache.spark.sql.types.Decimal d = org.apache.spark.sql.types.Decimal.apply(v);
    if (d.precision() > org.apache.spark.sql.types.Decimal.MAX_LONG_DIGITS()) {
      return lit(v);
    }
    return lit(org.apache.spark.sql.types.Decimal.apply(d.toUnscaledLong(), d.precision(), d.scale()));
  }

  /** Whether every value is a whole number (then a rule's points are an int column). */
  public static boolean whole(java.util.Collection<BigDecimal> vs) {
    return vs.stream().allMatch(v -> v.stripTrailingZeros().scale() <= 0);
  }

  /** Decimal places of an exact value. */
  public static int places(BigDecimal v) {
    return Math.max(0, v.stripTrailingZeros().scale());
  }

  /**
   * The digits of a decimal of at most 18 digits as a long (Catalyst's {@code UnscaledValue}, what
   * Spark's own optimizer uses for sums of decimals): {@code 12.34} at scale 2 is {@code 1234}.
   * Spark multiplies decimals through {@link BigDecimal}; products of longs cost a fraction of that.
   */
  static Column unscaled(Column decimal) {
    return new Column(new org.apache.spark.sql.catalyst.expressions.UnscaledValue(decimal.expr()));
  }

  /** A long of digits read at {@code scale} as a decimal(precision, scale), null where it does not fit (Catalyst's {@code MakeDecimal}). */
  static Column fromUnscaled(Column digits, int precision, int scale) {
    return new Column(new org.apache.spark.sql.catalyst.expressions.MakeDecimal(digits.expr(), precision, scale, true));
  }

  /** A points literal: an int where whole, else an exact decimal. */
  public static Column points(BigDecimal v, boolean whole) {
    return whole ? lit(v.intValueExact()) : number(v);
  }
}
