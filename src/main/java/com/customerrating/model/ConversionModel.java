package com.customerrating.model;

import com.customerrating.config.ConfigNode;
import java.math.BigDecimal;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model 1, consultation conversion (seed 000): {@code composite = Σ weight × score} over three
 * integer scores in {@code [scoreMin, scoreMax]}, graded by half-open bands of the composite.
 *
 * @param weights input column → weight, in file order
 * @param grades best first, each with its band
 */
public record ConversionModel(
    String id,
    int version,
    String source,
    int scoreMin,
    int scoreMax,
    Map<String, BigDecimal> weights,
    List<BandedValue<Grade>> grades,
    List<String> warnings)
    implements RatingModel {

  public static final String TYPE = "consultation-conversion";

  @Override
  public List<String> tierNames() {
    return grades.stream().map(g -> g.value().name()).toList();
  }

  /** The lowest and highest composite any valid input can give. */
  public BigDecimal[] compositeRange() {
    BigDecimal min = BigDecimal.ZERO;
    BigDecimal max = BigDecimal.ZERO;
    for (BigDecimal w : weights.values()) {
      min = min.add(w.multiply(BigDecimal.valueOf(scoreMin)));
      max = max.add(w.multiply(BigDecimal.valueOf(scoreMax)));
    }
    return new BigDecimal[] {min, max};
  }

  static ConversionModel load(ConfigNode root, String id, int version) {
    root.allowOnly("id", "version", "type", "title", "description", "scores", "weights",
        "weights_sum_to_one", "grades");
    ConfigNode scores = root.child("scores").allowOnly("min", "max");
    int min = scores.integer("min");
    int max = scores.integer("max");
    if (min >= max) {
      throw scores.error("min must be below max");
    }
    ConfigNode w = root.child("weights");
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    for (String col : List.of("intention_score", "demand_clarity_score", "satisfaction_score")) {
      weights.put(col, Weights.read(w, col));
    }
    w.allowOnly(weights.keySet().toArray(String[]::new));
    if (root.bool("weights_sum_to_one", true)) {
      Weights.checkSumIsOne(w, weights);
    }
    List<BandedValue<Grade>> grades = new ArrayList<>();
    for (ConfigNode g : root.list("grades")) {
      g.allowOnly("name", "meaning", "from", "to", "from_inclusive", "to_inclusive", "owner",
          "owner_label", "cadence", "period");
      Period p;
      try {
        p = Period.parse(g.string("period"));
      } catch (DateTimeParseException e) {
        throw g.error("period", "expected an ISO-8601 period such as P7D, P1M, P3M or P1Y");
      }
      grades.add(new BandedValue<>(Bands.read(g), new Grade(g.string("name"), g.string("meaning", ""),
          g.string("owner"), g.string("owner_label", g.string("owner")), g.string("cadence"), p)));
    }
    List<BandedValue<Grade>> sorted = Bands.checkCoverage(root, "grades", grades, Grade::name);
    ConversionModel m = new ConversionModel(id, version, root.file(), min, max, Map.copyOf(weights),
        sorted, List.of());
    List<String> warnings = Reachability.unreachable(m.id(), root.file(), sorted, g -> g.name(),
        m.compositeRange()[0], m.compositeRange()[1]);
    return new ConversionModel(id, version, root.file(), min, max, weights, sorted, warnings);
  }
}
