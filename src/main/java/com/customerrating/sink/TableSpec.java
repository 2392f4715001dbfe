package com.customerrating.sink;

import java.util.Map;
import java.util.Set;

/**
 * The constraints a Delta table enforces on every commit, so that a bug that would write an
 * impossible row fails the commit instead of publishing the row.
 *
 * @param notNull columns declared NOT NULL
 * @param checks CHECK constraints: name → SQL boolean expression
 */
public record TableSpec(Set<String> notNull, Map<String, String> checks) {

  public static final TableSpec NONE = new TableSpec(Set.of(), Map.of());

  public TableSpec {
    notNull = Set.copyOf(notNull);
    checks = Map.copyOf(checks);
  }
}
