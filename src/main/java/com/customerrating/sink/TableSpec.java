package com.customerrating.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The constraints a Delta table enforces on every commit, so that a bug that would write an
 * impossible row fails the commit instead of publishing the row.
 *
 * @param notNull columns declared NOT NULL
 * @param checks CHECK constraints: name → SQL boolean expression
 * @param statsColumns the columns Delta keeps per-file min/max statistics of, for data skipping
 *     (the columns queries filter on); empty: Delta's default, the first 32 columns
 */
public record TableSpec(Set<String> notNull, Map<String, String> checks, List<String> statsColumns) {

  public static final TableSpec NONE = new TableSpec(Set.of(), Map.of());

  /** Delta's table property that names {@link #statsColumns}. */
  public static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  public TableSpec {
    notNull = Set.copyOf(notNull);
    checks = Map.copyOf(checks);
    statsColumns = List.copyOf(statsColumns);
  }

  public TableSpec(Set<String> notNull, Map<String, String> checks) {
    this(notNull, checks, List.of());
  }
}
