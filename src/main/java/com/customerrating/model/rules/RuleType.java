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

  /** The columns of a list under {@code key}. */
  static List<Ref> list(ConfigNode n, String key) {
    return n.stringList(key).stream().map(c -> new Ref(key, c)).toList();
  }
}
