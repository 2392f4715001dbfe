package com.customerrating.model.input;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A rule across the columns of one row (a model file's {@code checks} entry). It sees the row's
 * typed values (null where the text was blank or did not parse) and the snapshot's as-of date and
 * year; a rule over a null value does not fire. Each check is compiled once per file against the
 * schema's column positions, so that a row costs array reads, not name lookups.
 */
public interface RowCheck extends Serializable {

  /** The reason a failing row is quarantined with, naming the columns. */
  String reason();

  /** The input columns it reads. */
  List<String> columns();

  /** The check against the schema's positions: column name → index into {@link Values}. */
  Compiled compile(Map<String, Integer> positions);

  /** A check bound to column positions. */
  @FunctionalInterface
  interface Compiled extends Serializable {
    boolean fails(Values row);
  }

  /** One row's typed values by position, and the snapshot it belongs to. */
  interface Values {
    Object value(int position);

    /** The column's text was blank or a null marker (not merely unparseable). */
    boolean blank(int position);

    java.time.LocalDate asOf();

    int year();
  }
}
