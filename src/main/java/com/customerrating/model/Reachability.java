package com.customerrating.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Finds tiers that no valid input can reach, given the composite's range. */
final class Reachability {

  private Reachability() {}

  static <T extends Serializable> List<String> unreachable(String modelId, String file,
      List<BandedValue<T>> tiers, Function<T, String> name, BigDecimal min, BigDecimal max) {
    List<String> out = new ArrayList<>();
    for (BandedValue<T> t : tiers) {
      if (t.band().missesRange(min, max)) {
        out.add("model " + modelId + " (" + file + "): tier " + name.apply(t.value())
            + " is unreachable: its band " + t.band() + " lies outside the composite's range ["
            + min.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + ", "
            + max.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "] under these weights");
      }
    }
    return List.copyOf(out);
  }
}
