package com.customerrating.common;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The type of an input or output column: text, whole numbers, dates, flags and exact decimals. Written
 * in model files as {@code string}, {@code int}, {@code long}, {@code date}, {@code boolean} or
 * {@code decimal(p,s)}.
 */
public record ColumnType(Kind kind, int precision, int scale) implements Serializable {

  public enum Kind { STRING, INT, LONG, DATE, BOOLEAN, DECIMAL }

  public static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
  public static final ColumnType INT = new ColumnType(Kind.INT, 10, 0);
  public static final ColumnType LONG = new ColumnType(Kind.LONG, 19, 0);
  public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
  public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
  /** Every score a model computes: exact, at most four places (weights have two, rounded scores two). */
  public static final ColumnType SCORE = decimal(9, 4);
  /** A percentile position {@code greater / N}, for reading: six places. */
  public static final ColumnType POSITION = decimal(7, 6);

  private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)");

  public static ColumnType decimal(int precision, int scale) {
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is not a decimal type");
    }
    return new ColumnType(Kind.DECIMAL, precision, scale);
  }

  /** Parses a model file's type name; null when it names no type. */
  public static ColumnType parse(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "string": return STRING;
      case "int": return INT;
      case "long": return LONG;
      case "date": return DATE;
      case "boolean": return BOOLEAN;
      default:
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
          int p = Integer.parseInt(m.group(1));
          int sc = Integer.parseInt(m.group(2));
          if (p >= 1 && p <= 18 && sc <= p) {
            return decimal(p, sc);
          }
        }
        return null;
    }
  }

  public boolean numeric() {
    return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DECIMAL;
  }

  public boolean whole() {
    return kind == Kind.INT || kind == Kind.LONG;
  }

  /** The type as Spark SQL names it, e.g. {@code decimal(18,2)}. */
  public String sqlType() {
    return switch (kind) {
      case STRING -> "string";
      case INT -> "int";
      case LONG -> "bigint";
      case DATE -> "date";
      case BOOLEAN -> "boolean";
      case DECIMAL -> "decimal(" + precision + "," + scale + ")";
    };
  }

  public DataType sparkType() {
    return switch (kind) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DATE -> DataTypes.DateType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DECIMAL -> DataTypes.createDecimalType(precision, scale);
    };
  }

  @Override
  public String toString() {
    return kind == Kind.INT ? "int" : kind == Kind.LONG ? "long" : sqlType();
  }
}
