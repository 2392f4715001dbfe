package com.customerrating.model.input;

import com.customerrating.common.ColumnType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One input column of a model's dataset and the rule its text must meet (a model file's
 * {@code inputs} entry).
 *
 * @param required a blank or null-marker value is a reason to reject the row
 * @param personal contact data: validated, then dropped before anything reaches the warehouse
 * @param optionalColumn the files may leave the whole column out (it then reads as empty)
 * @param min lowest allowed value (numbers), or null
 * @param max highest allowed value (numbers), or null
 * @param allowed the allowed values of a text column (compared and stored in lower case), or empty for any
 */
public record Field(
    String name, ColumnType type, boolean required, boolean personal, boolean optionalColumn, BigDecimal min,
    BigDecimal max, List<String> allowed)
    implements Serializable {

  public Field {
    allowed = List.copyOf(allowed);
  }

  public static Field text(String name) {
    return new Field(name, ColumnType.STRING, false, false, false, null, null, List.of());
  }

  /** Whether the column's values read as numbers or dates (full-width digits are normalised there). */
  public boolean digits() {
    return type.numeric() || type.kind() == ColumnType.Kind.DATE;
  }
}
