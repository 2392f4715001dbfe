package com.customerrating.model.input;

import java.math.BigDecimal;

/** Comparisons and sums of typed values (Integer, Long or BigDecimal), exact, longs where they fit. */
final class Numbers {

  private Numbers() {}

  static int compare(Object a, Object b) {
    if (isWhole(a) && isWhole(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    return decimal(a).compareTo(decimal(b));
  }

  static Object sum(Object[] values) {
    long whole = 0;
    BigDecimal exact = null;
    for (Object v : values) {
      if (exact == null && isWhole(v)) {
        whole += ((Number) v).longValue();
      } else {
        exact = (exact == null ? BigDecimal.valueOf(whole) : exact).add(decimal(v));
      }
    }
    return exact == null ? Long.valueOf(whole) : exact;
  }

  private static boolean isWhole(Object v) {
    return v instanceof Integer || v instanceof Long;
  }

  private static BigDecimal decimal(Object v) {
    return v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
  }
}
