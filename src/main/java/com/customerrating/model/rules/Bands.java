package com.customerrating.model.rules;

import com.customerrating.common.ConfigException;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reading band lists from model files, and the check that they cover the axis exactly once. */
public final class Bands {

  private Bands() {}

  /** Reads {@code from}, {@code to}, {@code from_inclusive} (default true), {@code to_inclusive} (default false). */
  public static Band read(ConfigNode n) {
    BigDecimal from = n.decimal("from", null);
    BigDecimal to = n.decimal("to", null);
    boolean fromInc = n.bool("from_inclusive", true);
    boolean toInc = n.bool("to_inclusive", false);
    if (from != null && to != null && from.compareTo(to) >= 0) {
      throw n.error("from " + from.toPlainString() + " is not below to " + to.toPlainString());
    }
    return new Band(from, fromInc, to, toInc);
  }

  /**
   * Checks that the bands, in any order, cover every value exactly once: the lowest band has no
   * lower limit, the highest no upper limit, and each shared edge belongs to exactly one side.
   *
   * @param where the node of the list, for messages
   * @param names a label per band (same order as {@code bands}), for messages
   * @return the bands sorted from the highest to the lowest
   */
  public static <T extends java.io.Serializable> List<BandedValue<T>> checkCoverage(
      ConfigNode where, String key, List<BandedValue<T>> bands, java.util.function.Function<T, String> label) {
    if (bands.isEmpty()) {
      throw where.error(key, "needs at least one band");
    }
    List<BandedValue<T>> asc = new ArrayList<>(bands);
    asc.sort(Comparator.comparing(
        (BandedValue<T> b) -> b.band().from(), Comparator.nullsFirst(Comparator.naturalOrder())));
    String file = where.file();
    String path = where.path().equals("(root)") ? key : where.path() + "." + key;
    BandedValue<T> first = asc.get(0);
    if (first.band().from() != null) {
      throw new ConfigException(file, path, "gap: nothing covers values below "
          + first.band().from().toPlainString() + " (lowest band " + label.apply(first.value())
          + " must have no 'from')");
    }
    BandedValue<T> last = asc.get(asc.size() - 1);
    if (last.band().to() != null) {
      throw new ConfigException(file, path, "gap: nothing covers values above "
          + last.band().to().toPlainString() + " (highest band " + label.apply(last.value())
          + " must have no 'to')");
    }
    for (int i = 0; i + 1 < asc.size(); i++) {
      BandedValue<T> lo = asc.get(i);
      BandedValue<T> hi = asc.get(i + 1);
      String pair = label.apply(lo.value()) + " " + lo.band() + " and " + label.apply(hi.value()) + " " + hi.band();
      if (lo.band().to() == null || hi.band().from() == null) {
        throw new ConfigException(file, path, "overlap: " + pair);
      }
      int c = lo.band().to().compareTo(hi.band().from());
      if (c < 0) {
        throw new ConfigException(file, path, "gap between " + pair);
      }
      if (c > 0) {
        throw new ConfigException(file, path, "overlap: " + pair);
      }
      boolean loTakes = lo.band().toInclusive();
      boolean hiTakes = hi.band().fromInclusive();
      if (loTakes && hiTakes) {
        throw new ConfigException(file, path, "overlap: the edge " + hi.band().from().toPlainString()
            + " belongs to both " + pair);
      }
      if (!loTakes && !hiTakes) {
        throw new ConfigException(file, path, "gap: the edge " + hi.band().from().toPlainString()
            + " belongs to neither " + pair);
      }
    }
    List<BandedValue<T>> desc = new ArrayList<>(asc);
    java.util.Collections.reverse(desc);
    return List.copyOf(desc);
  }
}
