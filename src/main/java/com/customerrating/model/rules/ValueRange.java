package com.customerrating.model.rules;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The values a column can take over every valid input: {@code [min, max]}, either end open (null),
 * and whether it can be empty. The model checker derives it rule by rule, to find tiers no input
 * can reach, sub-scores above a table's scale and composites that need more places than are stored.
 */
public record ValueRange(BigDecimal min, BigDecimal max, boolean nullable) implements Serializable {

  public static final ValueRange ANY = new ValueRange(null, null, true);

  public static ValueRange of(long min, long max) {
    return new ValueRange(BigDecimal.valueOf(min), BigDecimal.valueOf(max), false);
  }

  public static ValueRange of(BigDecimal min, BigDecimal max) {
    return new ValueRange(min, max, false);
  }

  public boolean bounded() {
    return min != null && max != null;
  }

  public ValueRange withNullable(boolean n) {
    return new ValueRange(min, max, n);
  }

  @Override
  public String toString() {
    return "[" + (min == null ? "-inf" : two(min)) + ", " + (max == null ? "+inf" : two(max)) + "]";
  }

  private static String two(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
