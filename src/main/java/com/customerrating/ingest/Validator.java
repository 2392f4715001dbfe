package com.customerrating.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Checks every row of a raw, all-text frame against its dataset schema. Pure: frame in, frame out.
 *
 * <p>Input columns: {@code city, snapshot_year, as_of_date, source_file, raw_record, malformed}
 * and one text column per schema field. Output: the same rows with each field parsed to its type
 * and a {@code reasons} array listing every rule the row broke (empty when accepted).
 *
 * <p>Normalisations, applied before any rule: surrounding white space (also no-break and
 * ideographic spaces) is trimmed; an empty value and the null markers {@code NULL}, {@code N/A},
 * {@code NA}, {@code -}, {@code none} (any case) read as empty; in number and date columns the
 * full-width digits {@code ０-９} and the full-width {@code ．－＋} that Chinese input methods type
 * read as their ASCII forms (an exact, one-to-one mapping); values of a column with a fixed set
 * ({@code company_size}, {@code consult_channel}) are compared and stored in lower case.
 *
 * <p>Not normalised, rejected with a reason that says why: thousands separators ({@code 12,345.67}
 * is ambiguous where {@code ,} is a decimal comma), scientific notation, {@code NaN} and
 * {@code Infinity}, more decimal places than the column holds, dates in any format other than
 * {@code yyyy-MM-dd}.
 */
public final class Validator {

  public static final String REASONS = "reasons";
  public static final List<String> NULL_MARKERS = List.of("null", "n/a", "na", "-", "none");

  /** Full-width characters of number and date columns, and the ASCII each one reads as. */
  static final String FULL_WIDTH = "０１２３４５６７８９．－＋";
  static final String ASCII = "0123456789.-+";

  /** A number written with ',' thousands separators, e.g. 12,345.67 or 1,000. */
  /** Trimmed from both ends of every value: Java's {@code \\s} set, the no-break space and the ideographic space. */
  static final String BLANKS = " \t\n\u000B\f\r\u00A0\u3000";

  /** The longest null marker: longer values are not lower-cased to be compared with them. */
  static final int MAX_MARKER_LENGTH = NULL_MARKERS.stream().mapToInt(String::length).max().orElse(0);

  static final String THOUSANDS = "^[+-]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?$";

  private Validator() {}

  public static Dataset<Row> validate(Dataset<Row> raw, DatasetSchema schema) {
    Dataset<Row> df = raw;
    List<Column> reasons = new ArrayList<>();
    reasons.add(when(col("malformed"),
        lit("row: malformed CSV (wrong number of fields or broken quoting)")));
    reasons.add(when(col("raw_record").contains("\uFFFD"),
        lit("row: text is not valid in the configured encoding (is the file GBK?)")));
    reasons.add(when(col("raw_record").contains("\u0000"), lit("row: contains a NUL byte")));

    java.util.Map<String, Column> texts = new java.util.LinkedHashMap<>();
    java.util.Map<String, Column> typedCols = new java.util.LinkedHashMap<>();
    for (Field f : schema.fields()) {
      String n = f.name();
      String s = "__s_" + n;
      Column t = trim(col(n), BLANKS);
      Column marker = length(t).leq(MAX_MARKER_LENGTH).and(lower(t).isin(NULL_MARKERS.toArray()));
      Column normalized = when(t.equalTo(lit("")).or(marker), lit(null)).otherwise(t);
      if (f.kind() != Field.Kind.STRING && f.kind() != Field.Kind.BOOLEAN) {
        normalized = translate(normalized, FULL_WIDTH, ASCII);
      }
      texts.put(s, normalized);
      Column sv = col(s);
      typedCols.put("__blank_" + n, sv.isNull());
      // A value that is there but did not parse (the typed column is null): the reason checks
      // below, each a regular expression, run for such values only, not for every row.
      Column unparsed = col(n).isNull().and(sv.isNotNull());
      if (f.required()) {
        reasons.add(when(sv.isNull(), lit(n + ": required value is missing")));
      }
      Column typed;
      switch (f.kind()) {
        case STRING -> {
          typed = sv;
          if (!f.allowed().isEmpty()) {
            reasons.add(when(sv.isNotNull().and(lower(sv).isin(f.allowed().toArray()).unary_$bang()),
                lit(n + ": must be one of " + String.join(", ", f.allowed()))));
            typed = lower(sv);
          }
        }
        case INT -> {
          typed = when(sv.rlike("^[+-]?[0-9]{1,9}$"), sv.cast("int"));
          reasons.add(when(unparsed, when(sv.rlike(THOUSANDS),
                  lit(n + ": thousands separators are not accepted (write 1000, not 1,000)"))
              .when(sv.rlike("^[+-]?[0-9]+$"), lit(n + ": too large for a whole number (int)"))
              .otherwise(lit(n + ": not a whole number"))));
        }
        case DATE -> {
          Column shape = sv.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
          typed = when(shape, to_date(sv, "yyyy-MM-dd"));
          reasons.add(when(unparsed, when(sv.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), lit(n + ": no such calendar date"))
              .otherwise(lit(n + ": not an ISO date (yyyy-MM-dd)"))));
        }
        case BOOLEAN -> {
          Column v = lower(sv);
          typed = when(v.isin("true", "yes", "y", "1"), lit(true))
              .when(v.isin("false", "no", "n", "0"), lit(false));
          reasons.add(when(unparsed, lit(n + ": not true or false")));
        }
        case AMOUNT, RATE -> {
          int scale = f.kind() == Field.Kind.AMOUNT ? 2 : 4;
          // Up to 16 integer digits fit decimal(18,2); a rate has one.
          String integer = f.kind() == Field.Kind.AMOUNT ? "0*[0-9]{1,16}" : "0*[0-9]";
          typed = when(sv.rlike("^[+-]?" + integer + "(\\.[0-9]{1," + scale + "})?$"), sv.cast(f.kind().sqlType));
          Column shape = sv.rlike("^[+-]?[0-9]+(\\.[0-9]+)?$");
          reasons.add(when(unparsed, when(sv.rlike(THOUSANDS),
                  lit(n + ": thousands separators are not accepted (write 12345.67, not 12,345.67)"))
              .when(shape.unary_$bang(),
                  lit(n + ": not a plain decimal number (digits with an optional '.'; no exponent, NaN or Infinity)"))));
          // A plain number can break both of these at once.
          reasons.add(when(unparsed.and(shape).and(sv.rlike("^[+-]?[0-9]+(\\.[0-9]{1," + scale + "})?$").unary_$bang()),
              lit(n + ": more than " + scale + " decimal places")));
          reasons.add(when(unparsed.and(shape).and(sv.rlike("^[+-]?" + integer + "(\\.[0-9]+)?$").unary_$bang()),
              lit(n + ": too large for " + f.kind().sqlType)));
        }
        default -> throw new IllegalStateException(f.kind().name());
      }
      typedCols.put(n, typed.cast(f.kind().sqlType));
      if (f.min() != null) {
        reasons.add(when(col(n).lt(lit(f.min())), lit(n + ": below " + f.min().toPlainString())));
      }
      if (f.max() != null) {
        reasons.add(when(col(n).gt(lit(f.max())), lit(n + ": above " + f.max().toPlainString())));
      }
    }
    // One projection per pass (not one per column): long withColumn chains make Spark's analyser
    // and optimiser slow on a schema of two dozen columns.
    df = df.withColumns(texts).withColumns(typedCols);
    Column asOf = col("as_of_date");
    for (DatasetSchema.CrossRule r : schema.crossRules()) {
      reasons.add(when(r.fails(asOf, col("snapshot_year")), lit(r.reason())));
    }
    df = df.withColumn(REASONS, array_compact(array(reasons.toArray(Column[]::new))));

    // customer_id is unique within a city and year. Copies with identical content are one
    // delivery glitch: the first is kept and the others rejected; copies that differ are all
    // rejected. One window (one shuffle, one sort): ordered by content, the copies of a content
    // are adjacent, and the id has several contents exactly when its smallest and largest differ.
    // A missing id is rejected as such; it is no duplicate of anything.
    String content = schema.fields().stream().map(f -> "coalesce(__s_" + f.name() + ", '\\u0001')")
        .collect(Collectors.joining(", '\\u0002', "));
    df = df.withColumn("__content", sha2(expr("concat(" + content + ")"), 256));
    // The window shuffles whole rows: the working text columns go before it, not after.
    List<String> drop = new ArrayList<>();
    for (Field f : schema.fields()) {
      drop.add("__s_" + f.name());
      drop.add("__blank_" + f.name());
    }
    df = df.drop(drop.toArray(String[]::new));
    WindowSpec byId = Window.partitionBy(col("city"), col("snapshot_year"), col("customer_id"))
        .orderBy(col("__content"), col("source_file"), col("raw_record"));
    WindowSpec wholeId = byId.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column hasId = col("customer_id").isNotNull();
    Column variants = min(col("__content")).over(wholeId).notEqual(max(col("__content")).over(wholeId));
    Column laterCopy = row_number().over(byId).gt(1);
    df = df.withColumn(REASONS, concat(col(REASONS), array_compact(array(
        when(hasId.and(variants), lit("customer_id: appears more than once with different content")),
        when(hasId.and(not(variants)).and(laterCopy),
            lit("customer_id: exact duplicate of another row (one copy kept)"))))));
    return df.drop("__content");
  }

  /** Rows that broke no rule. */
  public static Dataset<Row> accepted(Dataset<Row> validated) {
    return validated.filter(size(col(REASONS)).equalTo(0));
  }

  /** Rows that broke at least one rule. */
  public static Dataset<Row> rejected(Dataset<Row> validated) {
    return validated.filter(size(col(REASONS)).gt(0));
  }

  /** The as-of date of a snapshot: {@code make_date(year, month, day)} from the dataset config. */
  public static Column asOfDate(Column year, int month, int day) {
    return make_date(year, lit(month), lit(day));
  }
}
