package com.customerrating.report;

import com.customerrating.common.ConfigException;
import com.customerrating.common.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the analytics tables and the report ({@code conf/report.yaml}): city labels,
 * churn severity, RFM buckets and segments, pyramid layers. Loaded and checked like a model file:
 * an unknown key, a missing key or a rule that cannot apply fails, naming the file and the key.
 */
public record ReportConfig(
    String source,
    Map<String, String> cityLabels,
    int topN,
    List<Level> levels,
    List<SeverityRule> severityRules,
    List<Bucket> rfmBuckets,
    int rfmBottomScore,
    String rfmDateColumn,
    List<Segment> segments,
    List<Layer> layers,
    int paretoTopPercent) implements Serializable {

  public static final String FILE_NAME = "report.yaml";
  /** The shipped rules, used when no report.yaml lies beside the dataset config. */
  public static final String DEFAULT_RESOURCE = "report/report-defaults.yaml";

  /** The rfm_segments column of the last-activity date where the config names none. */
  public static final String DEFAULT_RFM_DATE_COLUMN = "last_activity_date";

  public static final String LEFT = "left";
  public static final String TIER_DROP = "tier_drop";
  public static final String ACTIVITY_DROP = "activity_drop";
  public static final String CONTRIBUTION_DROP = "contribution_drop";
  public static final List<String> REASONS = List.of(LEFT, TIER_DROP, ACTIVITY_DROP, CONTRIBUTION_DROP);

  public record Level(String name, String label) implements Serializable {}

  /** All given conditions must hold; an absent condition holds. */
  public record SeverityRule(String severity, List<String> anyReason, List<String> allReasons,
      Integer minReasons, Boolean prevHighValue) implements Serializable {
    boolean unconditional() {
      return anyReason.isEmpty() && allReasons.isEmpty() && minReasons == null && prevHighValue == null;
    }
  }

  /** A percentile bucket: {@code 100 × greater < topPercent × N}. */
  public record Bucket(int topPercent, int score) implements Serializable {}

  /** An inclusive score range; null bounds mean "any". */
  public record Range(int low, int high) implements Serializable {}

  public record Segment(String name, String label, Range r, Range f, Range m, Boolean hasTransaction)
      implements Serializable {
    boolean unconditional() {
      return r == null && f == null && m == null && hasTransaction == null;
    }
  }

  /** A pyramid layer; {@code topPercent} null for the last layer, which takes the rest. */
  public record Layer(String name, String label, Integer topPercent) implements Serializable {}

  public String cityLabel(String city) {
    return cityLabels.getOrDefault(city, city);
  }

  public String levelLabel(String name) {
    return levels.stream().filter(l -> l.name().equals(name)).map(Level::label).findFirst().orElse(name);
  }

  /** report.yaml beside the dataset config, or the shipped defaults when there is none. */
  public static ReportConfig forDatasetConfig(Path datasetConfig) {
    Path f = datasetConfig.toAbsolutePath().getParent().resolve(FILE_NAME);
    if (Files.isRegularFile(f)) {
      return load(f);
    }
    try (InputStream in = ReportConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new ConfigException(f + ": file not found, and no built-in " + DEFAULT_RESOURCE);
      }
      Path tmp = Files.createTempFile("report-defaults", ".yaml");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        ReportConfig c = load(tmp);
        return c.withSource("(built-in " + DEFAULT_RESOURCE + ")");
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ConfigException(DEFAULT_RESOURCE + ": " + e.getMessage());
    }
  }

  private ReportConfig withSource(String s) {
    return new ReportConfig(s, cityLabels, topN, levels, severityRules, rfmBuckets, rfmBottomScore, rfmDateColumn, segments,
        layers, paretoTopPercent);
  }

  public static ReportConfig load(Path file) {
    ConfigNode root = ConfigNode.load(file).allowOnly("city_labels", "churn_alerts", "rfm", "pyramid");

    ConfigNode ch = root.child("churn_alerts").allowOnly("top_n", "levels", "rules");
    int topN = ch.integer("top_n", 20);
    if (topN < 1 || topN > 500) {
      throw ch.error("top_n", "must be 1 to 500, got " + topN);
    }
    List<Level> levels = new ArrayList<>();
    Set<String> levelNames = new LinkedHashSet<>();
    for (ConfigNode l : ch.list("levels")) {
      l.allowOnly("name", "label");
      String n = l.string("name");
      if (!levelNames.add(n)) {
        throw l.error("name", "duplicate level '" + n + "'");
      }
      levels.add(new Level(n, l.string("label", n)));
    }
    if (levels.isEmpty()) {
      throw ch.error("levels", "at least one level is required");
    }
    List<SeverityRule> rules = new ArrayList<>();
    List<ConfigNode> ruleNodes = ch.list("rules");
    for (ConfigNode r : ruleNodes) {
      r.allowOnly("severity", "any_reason", "all_reasons", "min_reasons", "prev_high_value");
      String sev = r.string("severity");
      if (!levelNames.contains(sev)) {
        throw r.error("severity", "unknown level '" + sev + "' (levels: " + levelNames + ")");
      }
      List<String> any = r.has("any_reason") ? reasons(r, "any_reason") : List.of();
      List<String> all = r.has("all_reasons") ? reasons(r, "all_reasons") : List.of();
      Integer min = r.has("min_reasons") ? r.integer("min_reasons") : null;
      if (min != null && (min < 1 || min > REASONS.size())) {
        throw r.error("min_reasons", "must be 1 to " + REASONS.size() + ", got " + min);
      }
      Boolean hvOnly = r.has("prev_high_value") ? r.bool("prev_high_value", false) : null;
      rules.add(new SeverityRule(sev, any, all, min, hvOnly));
    }
    if (rules.isEmpty() || !rules.get(rules.size() - 1).unconditional()) {
      throw ch.error("rules", "the last rule must have no condition (e.g. {severity: low}) so that every alert gets a severity");
    }

    ConfigNode rfm = root.child("rfm").allowOnly("buckets", "bottom_score", "segments", "last_activity_as");
    String dateColumn = rfm.string("last_activity_as", DEFAULT_RFM_DATE_COLUMN);
    if (!dateColumn.matches("[a-z][a-z0-9_]{0,62}")) {
      throw rfm.error("last_activity_as", "a column name must match [a-z][a-z0-9_]{0,62}");
    }
    List<Bucket> buckets = new ArrayList<>();
    int prev = 0;
    for (ConfigNode b : rfm.list("buckets")) {
      b.allowOnly("top_percent", "score");
      int top = b.integer("top_percent");
      if (top <= prev || top > 100) {
        throw b.error("top_percent", "must rise strictly from bucket to bucket within 1–100, got " + top);
      }
      prev = top;
      buckets.add(new Bucket(top, b.integer("score")));
    }
    if (buckets.isEmpty()) {
      throw rfm.error("buckets", "at least one bucket is required");
    }
    int bottom = rfm.integer("bottom_score");
    int maxScore = Math.max(bottom, buckets.stream().mapToInt(Bucket::score).max().orElse(bottom));
    List<Segment> segments = new ArrayList<>();
    Set<String> segNames = new LinkedHashSet<>();
    for (ConfigNode s : rfm.list("segments")) {
      s.allowOnly("name", "label", "r", "f", "m", "has_transaction");
      String n = s.string("name");
      if (!segNames.add(n)) {
        throw s.error("name", "duplicate segment '" + n + "'");
      }
      segments.add(new Segment(n, s.string("label", n), range(s, "r", bottom, maxScore),
          range(s, "f", bottom, maxScore), range(s, "m", bottom, maxScore),
          s.has("has_transaction") ? s.bool("has_transaction", true) : null));
    }
    if (segments.isEmpty() || !segments.get(segments.size() - 1).unconditional()) {
      throw rfm.error("segments", "the last segment must have no condition (e.g. {name: others}) so that every customer gets one");
    }

    ConfigNode py = root.child("pyramid").allowOnly("layers", "pareto_top_percent");
    List<Layer> layers = new ArrayList<>();
    List<ConfigNode> layerNodes = py.list("layers");
    prev = 0;
    Set<String> layerNames = new LinkedHashSet<>();
    for (int i = 0; i < layerNodes.size(); i++) {
      ConfigNode l = layerNodes.get(i).allowOnly("name", "label", "top_percent");
      String n = l.string("name");
      if (!layerNames.add(n)) {
        throw l.error("name", "duplicate layer '" + n + "'");
      }
      boolean last = i == layerNodes.size() - 1;
      Integer top = null;
      if (last) {
        if (l.has("top_percent")) {
          throw l.error("top_percent", "the last layer takes the rest and has no top_percent");
        }
      } else {
        top = l.integer("top_percent");
        if (top <= prev || top >= 100) {
          throw l.error("top_percent", "must rise strictly from layer to layer within 1–99, got " + top);
        }
        prev = top;
      }
      layers.add(new Layer(n, l.string("label", n), top));
    }
    if (layers.size() < 2) {
      throw py.error("layers", "at least two layers are required");
    }
    int pareto = py.integer("pareto_top_percent", 20);
    if (pareto < 1 || pareto > 99) {
      throw py.error("pareto_top_percent", "must be 1 to 99, got " + pareto);
    }
    return new ReportConfig(root.file(), Map.copyOf(root.stringMap("city_labels")), topN, List.copyOf(levels), List.copyOf(rules),
        List.copyOf(buckets), bottom, dateColumn, List.copyOf(segments), List.copyOf(layers), pareto);
  }

  private static List<String> reasons(ConfigNode n, String key) {
    List<String> out = stringList(n, key);
    for (String r : out) {
      if (!REASONS.contains(r)) {
        throw n.error(key, "unknown reason '" + r + "' (known: " + String.join(", ", REASONS) + ")");
      }
    }
    return out;
  }

  /** A non-empty YAML list of plain values. */
  private static List<String> stringList(ConfigNode n, String key) {
    List<String> out = n.stringList(key);
    if (out.isEmpty()) {
      throw n.error(key, "expected a non-empty list");
    }
    return out;
  }

  private static Range range(ConfigNode n, String key, int min, int max) {
    if (!n.has(key)) {
      return null;
    }
    List<String> v = n.stringList(key);
    if (v.size() != 2) {
      throw n.error(key, "expected [low, high], got " + v);
    }
    int lo;
    int hi;
    try {
      lo = Integer.parseInt(v.get(0));
      hi = Integer.parseInt(v.get(1));
    } catch (NumberFormatException e) {
      throw n.error(key, "expected two whole numbers, got " + v);
    }
    if (lo < min || hi > max || lo > hi) {
      throw n.error(key, "expected " + min + " ≤ low ≤ high ≤ " + max + ", got [" + lo + ", " + hi + "]");
    }
    return new Range(lo, hi);
  }
}
