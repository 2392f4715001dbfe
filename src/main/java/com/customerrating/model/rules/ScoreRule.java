package com.customerrating.model.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * One sub-score of a model file ({@code scores.<name>}): a small value object that says what it
 * computes. It names the column it writes and the columns it reads, describes every column it writes
 * (type and range, for the model checker and the table schema), and builds them as Spark columns in
 * exact decimal arithmetic. Rules are resolved against the columns they read when the model loads, so
 * building a column needs nothing but the rows.
 */
public interface ScoreRule extends Serializable {

  /** The column it writes (its key under {@code scores}). */
  String name();

  /** Its rule type, as model files name it. */
  String type();

  /** The input or score columns it reads. */
  List<String> reads();

  /** Every column it writes, in table order; the last is {@link #name()}. */
  List<ColumnInfo> outputs();

  /**
   * The columns, in table order, as Spark expressions over the columns it reads (and, for a ranked
   * rule, the ranking's counts). One projection: they may not read each other.
   */
  Map<String, Column> columns(Context ctx);

  /** What a rule's columns may use besides the row's own columns. */
  interface Context {
    /** The snapshot's as-of date of each row (a date column). */
    Column asOf();
  }

  /** Whether its columns read the snapshot's as-of date. */
  default boolean needsAsOf() {
    return false;
  }

  /** The last output: the rule's own column. */
  default ColumnInfo info() {
    List<ColumnInfo> o = outputs();
    return o.get(o.size() - 1);
  }
}
