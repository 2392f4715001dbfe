package com.customerrating.model.rules;

import java.util.List;

/**
 * A rule that needs a percentile ranking of one column first: for each row, how many rows of its
 * ranking scope hold a strictly greater value, and how many rows the scope holds. The scoring engine
 * ranks (by a window per scope, or the scalable exact method) into {@link #greaterColumn()} and
 * {@link #populationColumn()} before it builds the rule's columns.
 */
public interface RankedRule extends ScoreRule {

  /** The column ranked, descending. */
  String ranked();

  /** The columns that delimit one ranking population, e.g. city and snapshot_year. */
  List<String> scope();

  String greaterColumn();

  String populationColumn();
}
