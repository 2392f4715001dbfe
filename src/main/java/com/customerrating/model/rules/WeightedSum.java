package com.customerrating.model.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code weighted_sum}: {@code Σ weight × term}, exact. Keys: {@code weights} (term column → weight,
 * each in [0, 1] with at most two places), {@code weights_sum_to_one} (default true: the load fails
 * when they do not), {@code normalize} (default false: each term is first rescaled to 0–100 by the
 * top of its own range, half-up to 2 places, so that a perfect row scores 100) and
 * {@code normalized} (term → the column that shows its rescaled value; empty when normalize is off).
 * A score, never rounded.
 */
public record WeightedSum(String name, List<Term> terms, boolean normalize, List<ColumnInfo> outputs)
    implements ScoreRule {

  public static final String TYPE = "weighted_sum";

  /** The scale a normalised term is rescaled to. */
  public static final BigDecimal NORMAL_TOP = BigDecimal.valueOf(100);

  /**
   * One weighted term.
   *
   * @param top the top of the term's range (to normalise by)
   * @param normalizedAs the column showing the rescaled term, or null
   */
  public record Term(String column, ColumnType type, BigDecimal weight, BigDecimal top, String normalizedAs)
      implements java.io.Serializable {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> reads() {
    return terms.stream().map(Term::column).toList();
  }

  @Override
  public Map<String, Column> columns(Context ctx) {
    Map<String, Column> out = new LinkedHashMap<>();
    List<Column> values = new ArrayList<>();
    List<ColumnType> types = new ArrayList<>();
    for (Term t : terms) {
      Column v = Columns.exact(t.column(), t.type());
      ColumnType type = t.type();
      if (normalize) {
        Column inLongs = Scaled.rescaleInLongs(col(t.column()), t.type(), t.top(), NORMAL_TOP, 2);
        v = inLongs != null ? inLongs : Scaled.rescale(v, t.top(), NORMAL_TOP, 2);
        type = ColumnType.SCORE;
      }
      if (t.normalizedAs() != null) {
        out.put(t.normalizedAs(), normalize ? v : lit(null).cast(ColumnType.SCORE.sqlType()));
      }
      values.add(type.whole() ? col(t.column()) : v);
      types.add(type);
    }
    Column sum = inLongs(values, types);
    if (sum == null) {
      for (int i = 0; i < terms.size(); i++) {
        Column v = types.get(i).whole() ? Columns.exact(terms.get(i).column(), types.get(i)) : values.get(i);
        Column term = Columns.number(terms.get(i).weight()).multiply(v);
        sum = sum == null ? term : sum.plus(term);
      }
    }
    out.put(name, sum.cast(ColumnType.SCORE.sqlType()));
    return out;
  }

  /** Digits a long holds whatever their value (9.2 × 10^18). */
  private static final int LONG_DIGITS = 18;

  /**
   * {@code Σ weight × term} in longs, the same exact value as in decimals: each term's digits times
   * its weight's hundredths, at the finest scale of the products, as a decimal of that scale. Null
   * when a product or the sum could need more digits than a long holds (then the sum is computed
   * in decimals).
   */
  private Column inLongs(List<Column> values, List<ColumnType> types) {
    int scale = 0;
    for (ColumnType t : types) {
      scale = Math.max(scale, WEIGHT_PLACES + (t.whole() ? 0 : t.scale()));
    }
    int sumDigits = (int) Math.ceil(Math.log10(terms.size()));
    Column sum = null;
    for (int i = 0; i < terms.size(); i++) {
      ColumnType t = types.get(i);
      int termScale = t.whole() ? 0 : t.scale();
      int termDigits = (t.kind() == ColumnType.Kind.LONG ? 19 : t.whole() ? 10 : t.precision());
      // weight ≤ 1.00: at most 3 digits of hundredths; then the shift to the common scale
      int shift = scale - WEIGHT_PLACES - termScale;
      if (termDigits + 3 + shift + sumDigits > LONG_DIGITS) {
        return null;
      }
      Column digits = t.whole() ? values.get(i).cast("long") : Columns.unscaled(values.get(i));
      long factor = terms.get(i).weight().setScale(WEIGHT_PLACES, java.math.RoundingMode.UNNECESSARY)
          .unscaledValue().longValueExact() * java.math.BigInteger.TEN.pow(shift).longValueExact();
      Column term = digits.multiply(lit(factor));
      sum = sum == null ? term : sum.plus(term);
    }
    return Columns.fromUnscaled(sum, LONG_DIGITS, scale);
  }

  /** The places of every weight ({@link Weights#read} refuses finer ones). */
  private static final int WEIGHT_PLACES = 2;

  static ScoreRule build(String name, List<Term> terms, boolean normalize, Map<String, ColumnInfo> known,
      ConfigNode where) {
    BigDecimal lo = BigDecimal.ZERO;
    BigDecimal hi = BigDecimal.ZERO;
    boolean nullable = false;
    int places = 0;
    List<ColumnInfo> outs = new ArrayList<>();
    for (Term t : terms) {
      ColumnInfo c = known.get(t.column());
      ValueRange r = c.range();
      nullable |= r.nullable();
      BigDecimal tMin = r.min();
      BigDecimal tMax = r.max();
      int tPlaces = c.places();
      if (normalize) {
        tMin = tMin == null ? null : Scaled.rescale(tMin, t.top(), NORMAL_TOP, 2);
        tMax = NORMAL_TOP;
        tPlaces = 2;
      }
      if (t.normalizedAs() != null) {
        outs.add(new ColumnInfo(t.normalizedAs(), ColumnType.SCORE,
            new ValueRange(BigDecimal.ZERO, NORMAL_TOP, true), 2));
      }
      lo = lo == null || tMin == null ? null : lo.add(t.weight().multiply(tMin));
      hi = hi == null || tMax == null ? null : hi.add(t.weight().multiply(tMax));
      places = Math.max(places, Columns.places(t.weight()) + tPlaces);
    }
    if (places > ColumnType.SCORE.scale()) {
      throw where.error("weights", "these weights need " + places + " decimal places to keep the sum exact; at most "
          + ColumnType.SCORE.scale() + " are stored (use weights or terms with fewer places)");
    }
    outs.add(new ColumnInfo(name, ColumnType.SCORE, new ValueRange(lo, hi, nullable), places));
    return new WeightedSum(name, List.copyOf(terms), normalize, List.copyOf(outs));
  }

  public static final RuleType PARSER = new RuleType() {
    @Override
    public List<String> keys() {
      return List.of("weights", "weights_sum_to_one", "normalize", "normalized");
    }

    @Override
    public List<Ref> references(ConfigNode n) {
      ConfigNode w = n.child("weights");
      return w.keys().stream().map(k -> new Ref("weights." + k, k)).toList();
    }

    @Override
    public ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known) {
      ConfigNode w = n.child("weights");
      if (w.keys().isEmpty()) {
        throw n.error("weights", "needs at least one term");
      }
      boolean normalize = n.bool("normalize", false);
      Map<String, String> normalized = n.stringMap("normalized");
      for (String k : normalized.keySet()) {
        if (!w.keys().contains(k)) {
          throw n.error("normalized." + k, "is no term of weights");
        }
      }
      Map<String, BigDecimal> weights = new LinkedHashMap<>();
      List<Term> terms = new ArrayList<>();
      for (String k : w.keys()) {
        ColumnInfo c = known.get(k);
        if (!c.type().numeric()) {
          throw w.error(k, "'" + k + "' is a " + c.type() + ", not a number");
        }
        BigDecimal weight = Weights.read(w, k);
        weights.put(k, weight);
        BigDecimal top = c.range().max();
        if (normalize && (top == null || top.signum() <= 0)) {
          throw w.error(k, "normalize needs the top of '" + k + "', and its range " + c.range() + " has none");
        }
        if (c.range().min() != null && c.range().min().signum() < 0) {
          throw w.error(k, "'" + k + "' can be below 0 (range " + c.range() + "): weights apply to scores from 0 up");
        }
        terms.add(new Term(k, c.type(), weight, top, normalized.get(k)));
      }
      if (n.bool("weights_sum_to_one", true)) {
        Weights.checkSumIsOne(w, weights);
      }
      return build(name, terms, normalize, known, n);
    }
  };
}
