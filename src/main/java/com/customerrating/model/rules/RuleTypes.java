package com.customerrating.model.rules;

import com.customerrating.common.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every rule type a model file can use, by the name it has there. */
public final class RuleTypes {

  private RuleTypes() {}

  public static final Map<String, RuleType> ALL;

  static {
    Map<String, RuleType> m = new LinkedHashMap<>();
    m.put(PointsPerUnit.TYPE, PointsPerUnit.PARSER);
    m.put(BandLookup.TYPE, BandLookup.PARSER);
    m.put(PercentileBucket.TYPE, PercentileBucket.PARSER);
    m.put(CountMeeting.TYPE, CountMeeting.PARSER);
    m.put(Scaled.TYPE, Scaled.PARSER);
    m.put(PlainSum.TYPE, PlainSum.PARSER);
    m.put(WeightedSum.TYPE, WeightedSum.PARSER);
    m.put(MonthsUntil.TYPE, MonthsUntil.PARSER);
    m.put(DatePassed.TYPE, DatePassed.PARSER);
    ALL = java.util.Collections.unmodifiableMap(m);
  }

  /** The type of the rule at {@code n}, with its keys checked; an unknown type fails naming the known ones. */
  public static RuleType of(ConfigNode n) {
    String type = n.string("type");
    RuleType t = ALL.get(type);
    if (t == null) {
      throw n.error("type", "unknown rule type '" + type + "' (known: " + String.join(", ", ALL.keySet()) + ")");
    }
    List<String> keys = new ArrayList<>(t.keys());
    keys.add("type");
    keys.add("description");
    n.allowOnly(keys.toArray(String[]::new));
    return t;
  }
}
