package com.customerrating.ingest;

import com.customerrating.common.ColumnType;
import com.customerrating.model.input.Field;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of one input value, in plain Java: how a field's text is normalised, parsed to its
 * type, and which reasons it earns when it breaks a rule. Pure and Spark-free, so each rule reads
 * (and is tested) on its own; {@link RowValidator} applies it to every field of every row.
 *
 * <p>Normalisations, applied before any rule: surrounding white space (also no-break and
 * ideographic spaces) is trimmed; an empty value and the null markers {@code NULL}, {@code N/A},
 * {@code NA}, {@code -}, {@code none} (any case) read as empty; in number and date columns the
 * full-width digits {@code ０-９} and the full-width {@code ．－＋} that Chinese input methods type
 * read as their ASCII forms (an exact, one-to-one mapping); values of a column with a fixed set of
 * allowed values are compared and stored in lower case.
 *
 * <p>Not normalised, rejected with a reason that says why: thousands separators ({@code 12,345.67}
 * is ambiguous where {@code ,} is a decimal comma), scientific notation, {@code NaN} and
 * {@code Infinity}, more decimal places than the column holds, dates in any format other than
 * {@code yyyy-MM-dd}.
 */
public final class FieldParser {

  public static final List<String> NULL_MARKERS = List.of("null", "n/a", "na", "-", "none");

  /** Trimmed from both ends of every value: Java's {@code \s} set, the no-break space and the ideographic space. */
  static final String BLANKS = " \t\n\u000B\f\r\u00A0\u3000";

  /** Full-width characters of number and date columns, and the ASCII each one reads as. */
  static final String FULL_WIDTH = "０１２３４５６７８９．－＋";
  static final String ASCII = "0123456789.-+";
  private static final char FULL_WIDTH_FIRST = (char) FULL_WIDTH.chars().min().orElseThrow();
  private static final char FULL_WIDTH_LAST = (char) FULL_WIDTH.chars().max().orElseThrow();

  /** The longest null marker: longer values are never null markers. */
  static final int MAX_MARKER_LENGTH = NULL_MARKERS.stream().mapToInt(String::length).max().orElse(0);

  /** A number written with ',' thousands separators, e.g. 12,345.67 or 1,000. */
  private static final Pattern THOUSANDS = Pattern.compile("[+-]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?");
  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private FieldParser() {}

  /**
   * A field's text after trimming and the null markers: null when blank. Number and date columns
   * also read full-width digits and signs as ASCII.
   */
  public static String normalize(Field f, String text) {
    String t = trim(text);
    if (t == null) {
      return null;
    }
    return f.digits() ? asciiDigits(t) : t;
  }

  /** The text trimmed of {@link #BLANKS}; null for nothing left or a null marker. */
  static String trim(String s) {
    if (s == null) {
      return null;
    }
    int a = 0;
    int b = s.length();
    while (a < b && BLANKS.indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && BLANKS.indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    if (a == b) {
      return null;
    }
    String t = a == 0 && b == s.length() ? s : s.substring(a, b);
    if (t.length() <= MAX_MARKER_LENGTH && mayBeMarker(t.charAt(0))
        && NULL_MARKERS.contains(t.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return t;
  }

  /** Whether a value starting with {@code c} can be a null marker (a quick test before the list). */
  private static boolean mayBeMarker(char c) {
    return MARKER_STARTS.indexOf(Character.toLowerCase(c)) >= 0;
  }

  /** The first characters of the null markers. */
  private static final String MARKER_STARTS = NULL_MARKERS.stream().map(m -> m.substring(0, 1)).distinct()
      .collect(java.util.stream.Collectors.joining());

  /** Full-width digits and {@code ．－＋} as ASCII; the text itself when it has none. */
  static String asciiDigits(String t) {
    char[] out = null;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      int k = c < FULL_WIDTH_FIRST || c > FULL_WIDTH_LAST ? -1 : FULL_WIDTH.indexOf(c);
      if (k >= 0) {
        if (out == null) {
          out = t.toCharArray();
        }
        out[i] = ASCII.charAt(k);
      }
    }
    return out == null ? t : new String(out);
  }

  /**
   * The typed value of a normalised text ({@link #normalize}), or null where it is blank or does
   * not parse; every reason it earns is added to {@code reasons}.
   *
   * @return a String, Integer, LocalDate, Boolean or BigDecimal (at the column's scale)
   */
  public static Object parse(Field f, String sv, List<String> reasons) {
    String n = f.name();
    if (sv == null) {
      if (f.required()) {
        reasons.add(n + ": required value is missing");
      }
      return null;
    }
    Object typed = switch (f.type().kind()) {
      case STRING -> text(f, sv, reasons);
      case INT, LONG -> integer(n, sv, reasons);
      case DATE -> date(n, sv, reasons);
      case BOOLEAN -> bool(n, sv, reasons);
      case DECIMAL -> decimal(f, sv, reasons);
    };
    if (typed != null && (f.min() != null || f.max() != null)) {
      BigDecimal v = typed instanceof Integer i ? BigDecimal.valueOf(i) : (BigDecimal) typed;
      if (f.min() != null && v.compareTo(f.min()) < 0) {
        reasons.add(n + ": below " + f.min().toPlainString());
      }
      if (f.max() != null && v.compareTo(f.max()) > 0) {
        reasons.add(n + ": above " + f.max().toPlainString());
      }
    }
    return typed;
  }

  private static String text(Field f, String sv, List<String> reasons) {
    if (f.allowed().isEmpty()) {
      return sv;
    }
    String lower = sv.toLowerCase(Locale.ROOT);
    if (!f.allowed().contains(lower)) {
      reasons.add(f.name() + ": must be one of " + String.join(", ", f.allowed()));
    }
    return lower;
  }

  /** {@code [+-]?[0-9]{1,9}}: at most nine digits always fit an int. */
  private static Integer integer(String n, String sv, List<String> reasons) {
    int start = sv.charAt(0) == '+' || sv.charAt(0) == '-' ? 1 : 0;
    int digits = sv.length() - start;
    if (digits >= 1 && digits <= 9 && allDigits(sv, start, sv.length())) {
      return Integer.parseInt(sv);
    }
    if (THOUSANDS.matcher(sv).matches()) {
      reasons.add(n + ": thousands separators are not accepted (write 1000, not 1,000)");
    } else if (DIGITS.matcher(sv).matches()) {
      reasons.add(n + ": too large for a whole number (int)");
    } else {
      reasons.add(n + ": not a whole number");
    }
    return null;
  }

  /** {@code yyyy-MM-dd}, a real calendar date (proleptic Gregorian). */
  private static LocalDate date(String n, String sv, List<String> reasons) {
    if (!dateShape(sv)) {
      reasons.add(n + ": not an ISO date (yyyy-MM-dd)");
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(sv, 0, 4, 10), Integer.parseInt(sv, 5, 7, 10),
          Integer.parseInt(sv, 8, 10, 10));
    } catch (DateTimeException e) {
      reasons.add(n + ": no such calendar date");
      return null;
    }
  }

  private static Boolean bool(String n, String sv, List<String> reasons) {
    switch (sv.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> {
        return Boolean.TRUE;
      }
      case "false", "no", "n", "0" -> {
        return Boolean.FALSE;
      }
      default -> {
        reasons.add(n + ": not true or false");
        return null;
      }
    }
  }

  /**
   * A plain decimal: digits with an optional '.' and at most the column's places. A decimal(p,s)
   * has up to p - s integer digits (an amount of decimal(18,2) 16, a rate of decimal(5,4) one);
   * leading zeros are free.
   */
  private static BigDecimal decimal(Field f, String sv, List<String> reasons) {
    String n = f.name();
    ColumnType type = f.type();
    int scale = type.scale();
    int maxInteger = type.precision() - type.scale();
    int start = sv.charAt(0) == '+' || sv.charAt(0) == '-' ? 1 : 0;
    int dot = sv.indexOf('.');
    int intEnd = dot < 0 ? sv.length() : dot;
    boolean shape = intEnd > start && allDigits(sv, start, intEnd)
        && (dot < 0 || (dot + 1 < sv.length() && allDigits(sv, dot + 1, sv.length())));
    if (shape) {
      int lead = start;
      while (lead < intEnd - 1 && sv.charAt(lead) == '0') {
        lead++;
      }
      boolean placesOk = dot < 0 || sv.length() - dot - 1 <= scale;
      boolean sizeOk = intEnd - lead <= maxInteger;
      if (placesOk && sizeOk) {
        return new BigDecimal(sv).setScale(scale, RoundingMode.UNNECESSARY);
      }
      // A plain number can break both of these at once.
      if (!placesOk) {
        reasons.add(n + ": more than " + scale + " decimal places");
      }
      if (!sizeOk) {
        reasons.add(n + ": too large for " + type.sqlType());
      }
      return null;
    }
    if (THOUSANDS.matcher(sv).matches()) {
      reasons.add(n + ": thousands separators are not accepted (write 12345.67, not 12,345.67)");
    } else {
      reasons.add(n + ": not a plain decimal number (digits with an optional '.'; no exponent, NaN or Infinity)");
    }
    return null;
  }

  /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}}. */
  private static boolean dateShape(String s) {
    return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
        && allDigits(s, 0, 4) && allDigits(s, 5, 7) && allDigits(s, 8, 10);
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
