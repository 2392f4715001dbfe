package com.customerrating.model;

import com.customerrating.config.ConfigNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model 2, customer value (seed 001).
 *
 * <pre>
 * activity      = min(consultations × consultationPoints, consultationCap) + min(transactions × transactionPoints, transactionCap)
 * stability     = round_half_up(stabilityMax × active_months / stabilityMonths, 2)
 * contribution  = stabilityWeight × stability + amountBandWeight × amount band points
 * value_ranking = amountRankWeight × amount rank points + repurchaseRankWeight × repurchase rank points
 * composite     = Σ compositeWeights × (activity, contribution, value_ranking), each first rescaled
 *                 to 0–100 and rounded half-up to 2 places when normalize is on
 * </pre>
 */
public record ValueModel(
    String id,
    int version,
    String source,
    boolean normalize,
    int consultationPoints,
    int consultationCap,
    int transactionPoints,
    int transactionCap,
    BigDecimal stabilityMax,
    int stabilityMonths,
    BigDecimal stabilityWeight,
    BigDecimal amountBandWeight,
    List<BandedValue<Integer>> amountBands,
    RankingScope scope,
    BigDecimal amountRankWeight,
    BigDecimal repurchaseRankWeight,
    List<RankBucket> buckets,
    BigDecimal activityWeight,
    BigDecimal contributionWeight,
    BigDecimal valueRankingWeight,
    List<BandedValue<String>> tiers,
    ChurnThresholds churn,
    List<String> warnings)
    implements RatingModel {

  public static final String TYPE = "customer-value";

  /** Every sub-score and the composite lie on a 0–100 scale; a model file that exceeds it is refused. */
  public static final BigDecimal SCALE_MAX = BigDecimal.valueOf(100);

  /** Scores are stored as decimal(9,4); a model whose exact composite needs more places is refused. */
  public static final int MAX_SCALE = 4;

  /** Decimal places the exact composite can have: stability has 2, weights add theirs. */
  public int compositeScale() {
    int contribution = Math.max(scale(stabilityWeight) + 2, scale(amountBandWeight));
    int ranking = Math.max(scale(amountRankWeight), scale(repurchaseRankWeight));
    int wc = normalize ? scale(contributionWeight) + 2 : scale(contributionWeight) + contribution;
    return Math.max(Math.max(scale(activityWeight) + (normalize ? 2 : 0), wc),
        scale(valueRankingWeight) + (normalize ? 2 : ranking));
  }

  private static int scale(BigDecimal d) {
    return Math.max(0, d.stripTrailingZeros().scale());
  }

  @Override
  public List<String> tierNames() {
    return tiers.stream().map(BandedValue::value).toList();
  }

  public BigDecimal activityMax() {
    return BigDecimal.valueOf(consultationCap + transactionCap);
  }

  public BigDecimal contributionMax() {
    return stabilityWeight.multiply(stabilityMax).add(amountBandWeight.multiply(BigDecimal.valueOf(maxBandPoints())));
  }

  public BigDecimal valueRankingMax() {
    int a = buckets.stream().mapToInt(RankBucket::amountPoints).max().orElse(0);
    int r = buckets.stream().mapToInt(RankBucket::repurchasePoints).max().orElse(0);
    return amountRankWeight.multiply(BigDecimal.valueOf(a)).add(repurchaseRankWeight.multiply(BigDecimal.valueOf(r)));
  }

  private int maxBandPoints() {
    return amountBands.stream().mapToInt(BandedValue::value).max().orElse(0);
  }

  private int minBandPoints() {
    return amountBands.stream().mapToInt(BandedValue::value).min().orElse(0);
  }

  /** The composite's range over every valid input; the top is 72.00 for the seed's weights. */
  public BigDecimal[] compositeRange() {
    BigDecimal hundred = BigDecimal.valueOf(100);
    BigDecimal contribMin = amountBandWeight.multiply(BigDecimal.valueOf(minBandPoints()));
    if (normalize) {
      BigDecimal cMin = contribMin.multiply(hundred).divide(contributionMax(), 2, RoundingMode.HALF_UP);
      return new BigDecimal[] {contributionWeight.multiply(cMin),
          activityWeight.add(contributionWeight).add(valueRankingWeight).multiply(hundred)};
    }
    BigDecimal min = contributionWeight.multiply(contribMin);
    BigDecimal max = activityWeight.multiply(activityMax())
        .add(contributionWeight.multiply(contributionMax()))
        .add(valueRankingWeight.multiply(valueRankingMax()));
    return new BigDecimal[] {min, max};
  }

  static ValueModel load(ConfigNode root, String id, int version) {
    root.allowOnly("id", "version", "type", "title", "description", "normalize", "activity",
        "stability", "contribution", "ranking", "composite_weights", "weights_sum_to_one", "tiers",
        "churn");
    boolean sumToOne = root.bool("weights_sum_to_one", true);

    ConfigNode act = root.child("activity").allowOnly("consultation", "transaction");
    ConfigNode cons = act.child("consultation").allowOnly("points_each", "cap");
    ConfigNode tx = act.child("transaction").allowOnly("points_each", "cap");

    ConfigNode st = root.child("stability").allowOnly("max_points", "months");
    int months = st.integer("months");
    if (months < 1 || months > 6) {
      throw st.error("months", "must be 1 to 6 (the dataset carries tx_m1 … tx_m6)");
    }

    ConfigNode con = root.child("contribution").allowOnly("stability_weight", "amount_band_weight", "amount_bands");
    Map<String, BigDecimal> cw = new LinkedHashMap<>();
    cw.put("stability_weight", Weights.read(con, "stability_weight"));
    cw.put("amount_band_weight", Weights.read(con, "amount_band_weight"));
    if (sumToOne) {
      Weights.checkSumIsOne(con, cw);
    }
    List<BandedValue<Integer>> bands = new ArrayList<>();
    for (ConfigNode b : con.list("amount_bands")) {
      b.allowOnly("from", "to", "from_inclusive", "to_inclusive", "points");
      bands.add(new BandedValue<>(Bands.read(b), b.integer("points")));
    }
    bands = Bands.checkCoverage(con, "amount_bands", bands, p -> p + " points");

    ConfigNode rk = root.child("ranking").allowOnly("scope", "amount_weight", "repurchase_weight", "buckets");
    RankingScope scope;
    try {
      scope = RankingScope.parse(rk.string("scope", "city_and_year"));
    } catch (IllegalArgumentException e) {
      throw rk.error("scope", e.getMessage());
    }
    Map<String, BigDecimal> rw = new LinkedHashMap<>();
    rw.put("amount_weight", Weights.read(rk, "amount_weight"));
    rw.put("repurchase_weight", Weights.read(rk, "repurchase_weight"));
    if (sumToOne) {
      Weights.checkSumIsOne(rk, rw);
    }
    List<RankBucket> buckets = new ArrayList<>();
    int prev = 0;
    for (ConfigNode b : rk.list("buckets")) {
      b.allowOnly("top_percent", "amount_points", "repurchase_points");
      int top = b.integer("top_percent");
      if (top <= prev || top > 100) {
        throw b.error("top_percent", "must rise strictly from bucket to bucket within 1–100, got " + top);
      }
      prev = top;
      buckets.add(new RankBucket(top, b.integer("amount_points"), b.integer("repurchase_points")));
    }

    ConfigNode comp = root.child("composite_weights").allowOnly("activity", "contribution", "value_ranking");
    Map<String, BigDecimal> w = new LinkedHashMap<>();
    for (String k : List.of("activity", "contribution", "value_ranking")) {
      w.put(k, Weights.read(comp, k));
    }
    if (sumToOne) {
      Weights.checkSumIsOne(comp, w);
    }

    List<BandedValue<String>> tiers = new ArrayList<>();
    for (ConfigNode t : root.list("tiers")) {
      t.allowOnly("name", "from", "to", "from_inclusive", "to_inclusive");
      tiers.add(new BandedValue<>(Bands.read(t), t.string("name")));
    }
    tiers = Bands.checkCoverage(root, "tiers", tiers, s -> s);

    ChurnThresholds churn = root.has("churn") ? ChurnThresholds.read(root.child("churn")) : ChurnThresholds.DEFAULT;

    ValueModel m = new ValueModel(id, version, root.file(), root.bool("normalize", false),
        cons.integer("points_each"), cons.integer("cap"), tx.integer("points_each"), tx.integer("cap"),
        st.decimal("max_points"), months, cw.get("stability_weight"), cw.get("amount_band_weight"),
        List.copyOf(bands), scope, rw.get("amount_weight"), rw.get("repurchase_weight"),
        List.copyOf(buckets), w.get("activity"), w.get("contribution"), w.get("value_ranking"),
        List.copyOf(tiers), churn, List.of());
    if (m.compositeScale() > MAX_SCALE) {
      throw comp.error("these weights need " + m.compositeScale() + " decimal places to keep the composite exact; at most "
          + MAX_SCALE + " are stored (use weights with fewer places)");
    }
    BigDecimal[] range = m.compositeRange();
    for (BigDecimal max : List.of(m.activityMax(), m.stabilityMax(), m.contributionMax(), m.valueRankingMax(), range[1])) {
      if (max.compareTo(SCALE_MAX) > 0) {
        throw root.error("a sub-score or the composite can reach " + max.toPlainString()
            + ", above the 0-100 scale of the value tables (lower the caps, points or weights)");
      }
    }
    List<String> warnings = Reachability.unreachable(id, root.file(), m.tiers(), s -> s, range[0], range[1]);
    return m.withWarnings(warnings);
  }

  ValueModel withWarnings(List<String> w) {
    return new ValueModel(id, version, source, normalize, consultationPoints, consultationCap,
        transactionPoints, transactionCap, stabilityMax, stabilityMonths, stabilityWeight,
        amountBandWeight, amountBands, scope, amountRankWeight, repurchaseRankWeight, buckets,
        activityWeight, contributionWeight, valueRankingWeight, tiers, churn, List.copyOf(w));
  }

  /** The same model with normalize switched, e.g. to compare both settings on one year. */
  public ValueModel withNormalize(boolean on) {
    ValueModel m = new ValueModel(id, version, source, on, consultationPoints, consultationCap,
        transactionPoints, transactionCap, stabilityMax, stabilityMonths, stabilityWeight,
        amountBandWeight, amountBands, scope, amountRankWeight, repurchaseRankWeight, buckets,
        activityWeight, contributionWeight, valueRankingWeight, tiers, churn, List.of());
    BigDecimal[] range = m.compositeRange();
    return m.withWarnings(Reachability.unreachable(id, source, tiers, s -> s, range[0], range[1]));
  }

  /** The same model ranking over another scope. */
  public ValueModel withScope(RankingScope s) {
    return new ValueModel(id, version, source, normalize, consultationPoints, consultationCap,
        transactionPoints, transactionCap, stabilityMax, stabilityMonths, stabilityWeight,
        amountBandWeight, amountBands, s, amountRankWeight, repurchaseRankWeight, buckets,
        activityWeight, contributionWeight, valueRankingWeight, tiers, churn, warnings);
  }
}
