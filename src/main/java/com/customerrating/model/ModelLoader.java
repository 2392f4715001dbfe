package com.customerrating.model;

import com.customerrating.common.ColumnType;
import com.customerrating.common.ConfigNode;
import com.customerrating.common.TableNames;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.model.input.Field;
import com.customerrating.model.rules.BandedValue;
import com.customerrating.model.rules.Bands;
import com.customerrating.model.rules.ColumnInfo;
import com.customerrating.model.rules.RuleType;
import com.customerrating.model.rules.RuleTypes;
import com.customerrating.model.rules.ScoreRule;
import com.customerrating.model.rules.ValueRange;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a model file and checks it, so that a bad file fails at start-up with one line naming the
 * file and the key: unknown keys and rule types, a rule that names a column the inputs lack, a
 * sub-score that depends on itself, band gaps and overlaps, weights that do not sum to 1 or have more
 * than two places, a sum that needs more places than are stored, a score above the table's scale, a
 * role given a column of the wrong type. Tiers that no input can reach only warn, by name.
 */
public final class ModelLoader {

  /** Model ids and ratings-table names: they reach paths, table names and predicates. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  public static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private static final String[] ROOT_KEYS = {"id", "version", "title", "description", "table", "inputs", "checks",
      "scores", "scale", "grading", "tiers", "roles", "churn"};

  private ModelLoader() {}

  public static RatingModel load(Path file) {
    ConfigNode root = ConfigNode.load(file).allowOnly(ROOT_KEYS);
    String id = root.string("id");
    if (!ID.matcher(id).matches()) {
      throw root.error("id", "a model id must match " + ID.pattern());
    }
    int version = root.integer("version");
    if (version < 1) {
      throw root.error("version", "must be 1 or more");
    }
    String table = root.string("table");
    if (!TABLE.matcher(table).matches() || TableNames.reserved(table)) {
      throw root.error("table", "'" + table + "' cannot be a ratings table: it must match " + TABLE.pattern()
          + " and not be a table the job writes itself");
    }
    DatasetSchema inputs = DatasetSchema.load(root);

    Map<String, ColumnInfo> known = new LinkedHashMap<>();
    Set<String> personal = new LinkedHashSet<>();
    for (Field f : inputs.fields()) {
      if (f.personal()) {
        personal.add(f.name());
        continue;
      }
      known.put(f.name(), ColumnInfo.of(f.name(), f.type(), new ValueRange(f.min(), f.max(), !f.required())));
    }
    List<ScoreRule> scores = loadScores(root, inputs, known, personal);
    Grading grading = loadGrading(root, known);
    for (ColumnInfo c : grading.outputs(false)) {
      claim(known, c, root, "grading");
    }
    ValueRange scale = loadScale(root, scores);
    Roles roles = loadRoles(root, known);

    Map<Integer, List<ScoreRule>> byLevel = new java.util.TreeMap<>();
    Map<String, Integer> level = new HashMap<>();
    for (ScoreRule r : order(scores)) {
      int l = 1 + r.reads().stream().mapToInt(c -> level.getOrDefault(c, 0)).max().orElse(0);
      level.put(r.name(), l);
      byLevel.computeIfAbsent(l, k -> new ArrayList<>()).add(r);
    }
    List<List<ScoreRule>> levels = byLevel.values().stream().map(List::copyOf).toList();
    String source = root.file();
    List<String> warnings = Reachability.unreachable(id, source, grading, known.get(grading.of()).range());
    return new RatingModel(id, version, source, root.string("title", id), table, inputs, List.copyOf(scores),
        levels, grading, roles, scale, java.util.Collections.unmodifiableMap(known), warnings);
  }

  /** Reads {@code scores} in dependency order, so that each rule is built knowing what it reads. */
  private static List<ScoreRule> loadScores(ConfigNode root, DatasetSchema inputs, Map<String, ColumnInfo> known,
      Set<String> personal) {
    if (!root.has("scores")) {
      return List.of();
    }
    ConfigNode scores = root.child("scores");
    Map<String, ConfigNode> nodes = new LinkedHashMap<>();
    Map<String, RuleType> types = new LinkedHashMap<>();
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (String name : scores.keys()) {
      if (!DatasetSchema.COLUMN_NAME.matcher(name).matches() || DatasetSchema.RESERVED.contains(name)) {
        throw scores.error(name, "a score's name is its column: it must match " + DatasetSchema.COLUMN_NAME.pattern()
            + " and not be one of " + DatasetSchema.RESERVED);
      }
      if (inputs.field(name) != null) {
        throw scores.error(name, "'" + name + "' is an input column already");
      }
      ConfigNode n = scores.child(name);
      RuleType t = RuleTypes.of(n);
      nodes.put(name, n);
      types.put(name, t);
    }
    for (Map.Entry<String, ConfigNode> e : nodes.entrySet()) {
      ConfigNode n = e.getValue();
      List<String> reads = new ArrayList<>();
      for (RuleType.Ref ref : types.get(e.getKey()).references(n)) {
        String c = ref.column();
        if (personal.contains(c)) {
          throw n.error(ref.key(), "'" + c + "' is personal data: it is validated, then dropped, so no rule may read it");
        }
        if (!known.containsKey(c) && !nodes.containsKey(c)) {
          throw n.error(ref.key(), "no input or score column '" + c + "' (inputs: "
              + String.join(", ", known.keySet()) + "; scores: " + String.join(", ", nodes.keySet()) + ")");
        }
        reads.add(c);
      }
      deps.put(e.getKey(), reads);
    }
    List<ScoreRule> out = new ArrayList<>();
    Map<String, ScoreRule> built = new LinkedHashMap<>();
    for (String name : topological(scores, deps)) {
      ScoreRule r = types.get(name).load(nodes.get(name), name, known);
      for (ColumnInfo c : r.outputs()) {
        claim(known, c, scores, name);
      }
      built.put(name, r);
    }
    for (String name : nodes.keySet()) {
      out.add(built.get(name));
    }
    return out;
  }

  /** Adds a rule's output column; a name taken twice fails at the rule. */
  private static void claim(Map<String, ColumnInfo> known, ColumnInfo c, ConfigNode where, String key) {
    if (known.containsKey(c.name())) {
      throw where.error(key, "writes the column '" + c.name() + "', which another input or rule has already");
    }
    if (DatasetSchema.RESERVED.contains(c.name()) || !DatasetSchema.COLUMN_NAME.matcher(c.name()).matches()
        && !c.name().startsWith("__")) {
      throw where.error(key, "cannot write a column named '" + c.name() + "'");
    }
    known.put(c.name(), c);
  }

  /** Rule names in an order where each comes after what it reads; a cycle fails, naming it. */
  private static List<String> topological(ConfigNode scores, Map<String, List<String>> deps) {
    List<String> out = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
    for (String n : deps.keySet()) {
      visit(n, deps, state, new ArrayList<>(), out, scores);
    }
    return out;
  }

  private static void visit(String n, Map<String, List<String>> deps, Map<String, Integer> state, List<String> path,
      List<String> out, ConfigNode scores) {
    if (!deps.containsKey(n) || state.getOrDefault(n, 0) == 2) {
      return;
    }
    path.add(n);
    if (state.getOrDefault(n, 0) == 1) {
      List<String> cycle = path.subList(path.indexOf(n), path.size());
      throw scores.error(n, "depends on itself: " + String.join(" → ", cycle));
    }
    state.put(n, 1);
    for (String d : deps.get(n)) {
      visit(d, deps, state, path, out, scores);
    }
    state.put(n, 2);
    path.remove(path.size() - 1);
    out.add(n);
  }

  private static Grading loadGrading(ConfigNode root, Map<String, ColumnInfo> known) {
    ConfigNode g = root.child("grading").allowOnly("of", "column", "better", "missing", "high_value", "follow_up_from");
    String of = g.string("of");
    ColumnInfo graded = known.get(of);
    if (graded == null) {
      throw g.error("of", "no input or score column '" + of + "'");
    }
    if (!graded.type().numeric()) {
      throw g.error("of", "'" + of + "' is a " + graded.type() + "; tiers grade a number");
    }
    String column = g.string("column", "tier");
    String better = g.string("better", "higher");
    if (!better.equals("higher") && !better.equals("lower")) {
      throw g.error("better", "expected higher or lower, got '" + better + "'");
    }
    boolean lower = better.equals("lower");

    List<BandedValue<Tier>> tiers = new ArrayList<>();
    int withAction = 0;
    List<ConfigNode> list = root.list("tiers");
    for (ConfigNode t : list) {
      t.allowOnly("name", "meaning", "from", "to", "from_inclusive", "to_inclusive", "owner", "owner_label", "cadence",
          "period");
      String owner = t.string("owner", null);
      Tier tier;
      if (owner == null) {
        for (String k : List.of("owner_label", "cadence", "period")) {
          if (t.has(k)) {
            throw t.error(k, "a tier's action needs owner, cadence and period together");
          }
        }
        tier = new Tier(t.string("name"), t.string("meaning", ""), null, null, null, null);
      } else {
        Period p;
        try {
          p = Period.parse(t.string("period"));
        } catch (DateTimeParseException e) {
          throw t.error("period", "expected an ISO-8601 period such as P7D, P1M, P3M or P1Y");
        }
        if (p.isNegative() || p.isZero()) {
          throw t.error("period", "must be a positive period");
        }
        tier = new Tier(t.string("name"), t.string("meaning", ""), owner, t.string("owner_label", owner),
            t.string("cadence"), p);
        withAction++;
      }
      tiers.add(new BandedValue<>(Bands.read(t), tier));
    }
    if (withAction != 0 && withAction != list.size()) {
      throw root.error("tiers", "either every tier has an action (owner, cadence, period) or none has");
    }
    Set<String> names = new LinkedHashSet<>();
    for (BandedValue<Tier> t : tiers) {
      if (!names.add(t.value().name())) {
        throw root.error("tiers", "the tier name '" + t.value().name() + "' is used twice");
      }
    }
    List<BandedValue<Tier>> sorted = Bands.checkCoverage(root, "tiers", tiers, Tier::name);
    if (lower) {
      sorted = new ArrayList<>(sorted);
      java.util.Collections.reverse(sorted);
      sorted = List.copyOf(sorted);
    }
    String missing = g.string("missing", null);
    if (missing != null && !names.contains(missing)) {
      throw g.error("missing", "no tier '" + missing + "' (tiers: " + String.join(", ", names) + ")");
    }
    if (missing == null && graded.range().nullable()) {
      throw g.error("missing", "'" + of + "' can be empty: name the tier an empty value gets");
    }
    List<String> high = g.has("high_value") ? g.stringList("high_value") : List.of();
    for (String h : high) {
      if (!names.contains(h)) {
        throw g.error("high_value", "no tier '" + h + "' (tiers: " + String.join(", ", names) + ")");
      }
    }
    String from = g.string("follow_up_from", null);
    if (withAction > 0 && from == null) {
      throw g.error("follow_up_from", "the tiers have actions: give the date the next follow-up counts from"
          + " (as_of, or a date column)");
    }
    if (withAction == 0 && from != null) {
      throw g.error("follow_up_from", "the tiers have no action (owner, cadence, period) to follow up");
    }
    if (from != null && !from.equals(Grading.AS_OF)) {
      ColumnInfo d = known.get(from);
      if (d == null || d.type().kind() != ColumnType.Kind.DATE || d.range().nullable()) {
        throw g.error("follow_up_from", "expected as_of or a required date column, got '" + from + "'");
      }
    }
    return new Grading(of, graded.type(), column, lower, missing, sorted, List.copyOf(high), from);
  }

  private static ValueRange loadScale(ConfigNode root, List<ScoreRule> scores) {
    if (!root.has("scale")) {
      return null;
    }
    ConfigNode s = root.child("scale").allowOnly("min", "max");
    BigDecimal min = s.decimal("min");
    BigDecimal max = s.decimal("max");
    if (min.compareTo(max) >= 0) {
      throw s.error("min", "must be below max");
    }
    for (ScoreRule r : scores) {
      for (ColumnInfo c : r.outputs()) {
        if (c.type().equals(ColumnType.SCORE)) {
          ValueRange v = c.range();
          if (v.max() == null || v.max().compareTo(max) > 0 || v.min() == null || v.min().compareTo(min) < 0) {
            throw root.error("scores." + r.name(), "'" + c.name() + "' can reach " + v + ", outside the scale ["
                + min.toPlainString() + ", " + max.toPlainString() + "] of the ratings table (lower the caps, points or weights)");
          }
        }
      }
    }
    return ValueRange.of(min, max);
  }

  private static Roles loadRoles(ConfigNode root, Map<String, ColumnInfo> known) {
    ConfigNode r = root.has("roles") ? root.child("roles").allowOnly("revenue", "deal_value", "last_activity",
        "frequency", "owner", "outcome", "overdue") : null;
    String revenue = role(r, "revenue", known, ColumnType::numeric, "a number");
    String deal = role(r, "deal_value", known, ColumnType::numeric, "a number");
    String last = role(r, "last_activity", known, t -> t.kind() == ColumnType.Kind.DATE, "a date");
    String freq = role(r, "frequency", known, ColumnType::whole, "a whole number");
    String owner = role(r, "owner", known, t -> t.kind() == ColumnType.Kind.STRING, "a text");
    String overdue = role(r, "overdue", known, t -> t.kind() == ColumnType.Kind.BOOLEAN, "a flag (boolean)");
    Roles.Outcome outcome = null;
    if (r != null && r.has("outcome")) {
      ConfigNode o = r.child("outcome").allowOnly("column", "won", "lost", "label");
      String c = o.string("column");
      ColumnInfo info = known.get(c);
      if (info == null) {
        throw o.error("column", "no input or score column '" + c + "'");
      }
      String label = o.string("label", c);
      if (info.type().kind() == ColumnType.Kind.BOOLEAN) {
        if (o.has("won") || o.has("lost")) {
          throw o.error(o.has("won") ? "won" : "lost", "'" + c + "' is a flag: true is won, false is lost");
        }
        outcome = new Roles.Outcome(c, true, List.of("true"), List.of("false"), label);
      } else if (info.type().kind() == ColumnType.Kind.STRING) {
        List<String> won = o.stringList("won");
        List<String> lost = o.stringList("lost");
        outcome = new Roles.Outcome(c, false, won, lost, label);
      } else {
        throw o.error("column", "'" + c + "' is a " + info.type() + "; the outcome role needs a flag or a text column");
      }
    }
    List<Roles.ChurnWatch> churn = new ArrayList<>();
    if (root.has("churn")) {
      ConfigNode ch = root.child("churn").allowOnly(Roles.CHURN_SLOTS.toArray(String[]::new));
      for (String slot : Roles.CHURN_SLOTS) {
        if (ch.has(slot)) {
          ConfigNode w = ch.child(slot).allowOnly("column", "drop");
          String c = w.string("column");
          ColumnInfo info = known.get(c);
          if (info == null || !info.type().numeric()) {
            throw w.error("column", "expected a number column of this model, got '" + c + "'");
          }
          BigDecimal drop = w.decimal("drop");
          if (drop.signum() < 0) {
            throw w.error("drop", "must not be below 0");
          }
          churn.add(new Roles.ChurnWatch(slot, c, drop));
        }
      }
    }
    return new Roles(revenue, deal, last, freq, owner, outcome, overdue, List.copyOf(churn));
  }

  private static String role(ConfigNode r, String key, Map<String, ColumnInfo> known,
      java.util.function.Predicate<ColumnType> fits, String needs) {
    if (r == null || !r.has(key)) {
      return null;
    }
    String c = r.string(key);
    ColumnInfo info = known.get(c);
    if (info == null) {
      throw r.error(key, "no input or score column '" + c + "'");
    }
    if (!fits.test(info.type())) {
      throw r.error(key, "'" + c + "' is a " + info.type() + "; the " + key + " role needs " + needs + " column");
    }
    return c;
  }

  /** Rules in dependency order (the order they were built). */
  private static List<ScoreRule> order(List<ScoreRule> scores) {
    Map<String, ScoreRule> byName = new LinkedHashMap<>();
    scores.forEach(s -> byName.put(s.name(), s));
    List<ScoreRule> out = new ArrayList<>();
    Set<String> done = new java.util.HashSet<>();
    for (ScoreRule s : scores) {
      add(s, byName, done, out);
    }
    return out;
  }

  private static void add(ScoreRule s, Map<String, ScoreRule> byName, Set<String> done, List<ScoreRule> out) {
    if (!done.add(s.name())) {
      return;
    }
    for (String d : s.reads()) {
      if (byName.containsKey(d)) {
        add(byName.get(d), byName, done, out);
      }
    }
    out.add(s);
  }
}
