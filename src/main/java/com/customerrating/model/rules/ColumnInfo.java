package com.customerrating.model.rules;

import com.customerrating.common.ColumnType;
import java.io.Serializable;

/**
 * What the model checker knows of a column, input or computed: its type, its range, and for a
 * decimal the places its exact value can have.
 */
public record ColumnInfo(String name, ColumnType type, ValueRange range, int places) implements Serializable {

  public static ColumnInfo of(String name, ColumnType type, ValueRange range) {
    return new ColumnInfo(name, type, range, type.kind() == ColumnType.Kind.DECIMAL ? type.scale() : 0);
  }
}
