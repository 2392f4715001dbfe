package com.customerrating.model.rules;

import com.customerrating.common.ConfigNode;
import java.util.List;
import java.util.Map;

/**
 * How one rule type reads its keys from a model file. {@link #references} lists the columns a rule
 * reads before anything is resolved, so that the loader can order the rules and find unknown columns
 * and cycles; {@link #load} then builds the rule with what is known of those columns.
 */
public interface RuleType {

  /** The keys of the rule besides {@code type}. */
  List<String> keys();

  /** The columns the rule at {@code n} reads, each with the key that names it. */
  List<Ref> references(ConfigNode n);

  /** The rule; {@code known} holds every column it reads. */
  ScoreRule load(ConfigNode n, String name, Map<String, ColumnInfo> known);

  /** A column named under a key of a rule. */
  record Ref(String key, String column) {}

  /** The single column under {@code key}. */
  static List<Ref> one(ConfigNode n, String key) {
    return List.of(new Ref(key, n.string(key)));
  }

  /**
   * The known column under {@code key}, which must be of the kind {@code fits} accepts; otherwise
   * the load fails at that key, saying what the rule needs ({@code "a number"}, {@code "a date"}).
   */
  static ColumnInfo column(ConfigNode n, String key, Map<String, ColumnInfo> known,
      java.util.function.Predicate<com.customerrating.common.ColumnType> fits, String needs) {
    ColumnInfo c = known.get(n.string(key));
    if (!fits.test(c.type())) {
      throw n.error(key, "'" + c.name() + "' is a " + c.type() + ", not " + needs);
    }
    return c;
  }

  /** A number column under {@code key}. */
  static ColumnInfo number(ConfigNode n, String key, Map<String, ColumnInfo> known) {
    return column(n, key, known, com.customerrating.common.ColumnType::numeric, "a number");
  }

  /** A date column under {@code key}. */
  static ColumnInfo date(ConfigNode n, String key, Map<String, ColumnInfo> known) {
    return column(n, key, known, t -> t.kind() == com.customerrating.common.ColumnType.Kind.DATE, "a date");
  }

  /** The columns of a list under {@code key}. */
  static List<Ref> list(ConfigNode n, String key) {
    return n.stringList(key).stream().map(c -> new Ref(key, c)).toList();
  }
}
