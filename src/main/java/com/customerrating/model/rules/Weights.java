package com.customerrating.model.rules;

import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.Map;

/** Weights are exact decimals in [0, 1] with at most two places (so composites stay exact at four). */
public final class Weights {

  private Weights() {}

  public static BigDecimal read(ConfigNode n, String key) {
    BigDecimal w = n.decimal(key);
    if (w.signum() < 0 || w.compareTo(BigDecimal.ONE) > 0) {
      throw n.error(key, "a weight must be between 0 and 1, got " + w.toPlainString());
    }
    if (w.stripTrailingZeros().scale() > 2) {
      throw n.error(key, "a weight may have at most 2 decimal places, got " + w.toPlainString());
    }
    return w;
  }

  public static void checkSumIsOne(ConfigNode n, Map<String, BigDecimal> weights) {
    BigDecimal sum = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    if (sum.compareTo(BigDecimal.ONE) != 0) {
      throw n.error("weights " + weights.keySet() + " sum to " + sum.toPlainString()
          + ", not 1 (set weights_sum_to_one: false if that is intended)");
    }
  }
}
