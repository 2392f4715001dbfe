package com.customerrating.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One input column and the rule its text must meet.
 *
 * @param required a blank or null-marker value is a reason to reject the row
 * @param personal contact data: validated, then dropped before anything reaches the warehouse
 * @param min lowest allowed value (numbers), or null
 * @param max highest allowed value (numbers), or null
 * @param allowed the allowed values of a text column, or empty for any
 */
public record Field(
    String name, Kind kind, boolean required, boolean personal, BigDecimal min, BigDecimal max,
    List<String> allowed)
    implements Serializable {

  /** The type a column's text is parsed to. */
  public enum Kind {
    STRING("string"),
    INT("int"),
    DATE("date"),
    BOOLEAN("boolean"),
    AMOUNT("decimal(18,2)"),
    RATE("decimal(5,4)");

    public final String sqlType;

    Kind(String sqlType) {
      this.sqlType = sqlType;
    }
  }

  public static Field text(String name) {
    return new Field(name, Kind.STRING, false, false, null, null, List.of());
  }

  public static Field requiredText(String name) {
    return new Field(name, Kind.STRING, true, false, null, null, List.of());
  }

  public static Field personal(String name) {
    return new Field(name, Kind.STRING, false, true, null, null, List.of());
  }

  public static Field oneOf(String name, String... values) {
    return new Field(name, Kind.STRING, false, false, null, null, List.of(values));
  }

  public static Field intRange(String name, long min, long max) {
    return new Field(name, Kind.INT, true, false, BigDecimal.valueOf(min), BigDecimal.valueOf(max), List.of());
  }

  public static Field count(String name) {
    return new Field(name, Kind.INT, true, false, BigDecimal.ZERO, null, List.of());
  }

  public static Field date(String name, boolean required) {
    return new Field(name, Kind.DATE, required, false, null, null, List.of());
  }

  public static Field flag(String name) {
    return new Field(name, Kind.BOOLEAN, false, false, null, null, List.of());
  }

  public static Field amount(String name) {
    return new Field(name, Kind.AMOUNT, true, false, BigDecimal.ZERO, null, List.of());
  }

  public static Field rate(String name) {
    return new Field(name, Kind.RATE, true, false, BigDecimal.ZERO, BigDecimal.ONE, List.of());
  }
}
