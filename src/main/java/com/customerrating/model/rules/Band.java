package com.customerrating.model.rules;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One band of a value axis: {@code [from, to)} by default, with either edge open-ended (null)
 * and either side's inclusion set explicitly where a seed says so (e.g. "10 000 ≤ amount ≤ 50 000").
 */
public record Band(BigDecimal from, boolean fromInclusive, BigDecimal to, boolean toInclusive)
    implements Serializable {

  public static Band halfOpen(BigDecimal from, BigDecimal to) {
    return new Band(from, true, to, false);
  }

  public boolean contains(BigDecimal v) {
    boolean aboveFrom = from == null || (fromInclusive ? v.compareTo(from) >= 0 : v.compareTo(from) > 0);
    boolean belowTo = to == null || (toInclusive ? v.compareTo(to) <= 0 : v.compareTo(to) < 0);
    return aboveFrom && belowTo;
  }

  /** True when no value in {@code [min, max]} falls in this band; a null end is unbounded. */
  public boolean missesRange(BigDecimal min, BigDecimal max) {
    boolean belowAll = to != null && min != null && (toInclusive ? to.compareTo(min) < 0 : to.compareTo(min) <= 0);
    boolean aboveAll = from != null && max != null && (fromInclusive ? from.compareTo(max) > 0 : from.compareTo(max) >= 0);
    return belowAll || aboveAll;
  }

  @Override
  public String toString() {
    return (from == null ? "(-inf" : (fromInclusive ? "[" : "(") + from.toPlainString())
        + ", "
        + (to == null ? "+inf)" : to.toPlainString() + (toInclusive ? "]" : ")"));
  }
}
