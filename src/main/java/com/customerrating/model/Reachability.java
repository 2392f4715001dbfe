package com.customerrating.model;

import com.customerrating.model.rules.BandedValue;
import com.customerrating.model.rules.ValueRange;
import java.util.ArrayList;
import java.util.List;

/** Finds tiers that no valid input can reach, given the graded value's range. */
final class Reachability {

  private Reachability() {}

  static List<String> unreachable(String modelId, String file, Grading g, ValueRange range) {
    List<String> out = new ArrayList<>();
    for (BandedValue<Tier> t : g.tiers()) {
      boolean viaMissing = range.nullable() && t.value().name().equals(g.missingTier());
      if (!viaMissing && t.band().missesRange(range.min(), range.max())) {
        out.add("model " + modelId + " (" + file + "): tier " + t.value().name()
            + " is unreachable: its band " + t.band() + " lies outside the composite's range " + range
            + " under these weights");
      }
    }
    return List.copyOf(out);
  }
}
