package com.customerrating.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.customerrating.ingest.RawReader.RawDelivery;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.model.input.Field;
import com.customerrating.ingest.RawReader.RawFile;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * Checks every row of a delivery against its dataset schema: the row-level rules (each field's
 * {@link FieldParser} rule and the schema's rules across columns, in {@link RowValidator}). Pure:
 * frames in, a frame out. The rule across rows, one row per customer_id, is {@link DuplicateIds}.
 *
 * <p>Output, one row per record read: {@code source_file, raw_record} (the record's raw text where
 * the row broke a rule, or always with {@code keepRaw}; null otherwise), each non-personal schema
 * column parsed to its type (null where blank or unparseable), {@code reasons} (every rule the row
 * broke, empty when accepted), {@code __content} (the content key of {@link DuplicateIds}, with
 * {@code keepRaw} only),
 * {@code city, snapshot_year}.
 */
public final class Validator {

  public static final String REASONS = RowValidator.REASONS;

  private Validator() {}

  /** The row-level rules; the raw text only for rows that broke one. */
  public static Dataset<Row> validate(RawDelivery raw, DatasetSchema schema) {
    return validate(raw, schema, false);
  }

  /**
   * @param keepRaw give every row its raw text, not only the rejected ones (the copies of a
   *     duplicated id need it: which copy is kept depends on it, and the others are quarantined)
   */
  public static Dataset<Row> validate(RawDelivery raw, DatasetSchema schema, boolean keepRaw) {
    Delivery d = raw.delivery();
    Dataset<Row> all = null;
    for (RawFile f : raw.files()) {
      Dataset<Row> one = validateFile(f, schema, d, keepRaw);
      all = all == null ? one : all.union(one);
    }
    return all.withColumn("city", lit(d.city())).withColumn("snapshot_year", lit(d.year()));
  }

  private static Dataset<Row> validateFile(RawFile f, DatasetSchema schema, Delivery d, boolean keepRaw) {
    RowValidator validator =
        new RowValidator(schema, f.fieldIndex(), f.fileFields(), d.dataset().asOfDate(d.year()), d.year(), keepRaw);
    if (f.lineDelimiter() != null) {
      return validateLines(f, schema, validator, keepRaw);
    }
    UserDefinedFunction rules = udf(validator, RowValidator.outputType(schema));
    List<Column> in = new ArrayList<>(List.of(RawReader.positionalColumns(f.fileFields())));
    in.add(col(RawReader.CORRUPT));
    List<Column> pass = new ArrayList<>(in);
    pass.add(0, rules.apply(struct(in.toArray(Column[]::new))).as("__v"));
    // Two projections: the rules run once per row (the function is not duplicated into each
    // column that reads its result), and the raw text is only rebuilt for the rows that need it.
    return f.fields().select(pass.toArray(Column[]::new))
        .select(output(f, schema, "__v.", col(RawReader.CORRUPT), keepRaw));
  }

  /**
   * The validated row's columns, from the checked values (their names prefixed by {@code checked})
   * and the malformed-record text: the raw text only where the row broke a rule, or always with
   * {@code keepRaw}.
   */
  private static Column[] output(RawFile f, DatasetSchema schema, String checked, Column corrupt, boolean keepRaw) {
    Column rejected = size(col(checked + REASONS)).gt(0);
    List<Column> out = new ArrayList<>();
    out.add(lit(f.file()).as("source_file"));
    out.add(when(keepRaw ? lit(true) : rejected, coalesce(corrupt, f.rawText())).as("raw_record"));
    for (Field field : schema.fields()) {
      if (!field.personal()) {
        out.add(col(checked + field.name()).as(field.name()));
      }
    }
    out.add(col(checked + REASONS).as(REASONS));
    out.add(col(checked + RowValidator.CONTENT).as(RowValidator.CONTENT));
    return out.toArray(Column[]::new);
  }

  /** A CSV file read as lines: each is split and checked in one function ({@link CsvLines.Checker}). */
  private static Dataset<Row> validateLines(RawFile f, DatasetSchema schema, RowValidator validator, boolean keepRaw) {
    Dataset<Row> checked = f.fields().mapPartitions(new CsvLines.Checker(validator, f.lineDelimiter(), keepRaw),
        // lenient: dates as java.time.LocalDate (what the checker returns), whatever the session's java8API setting
        org.apache.spark.sql.catalyst.encoders.ExpressionEncoder.apply(
            CsvLines.outputType(RowValidator.outputType(schema)), true));
    return checked.select(output(f, schema, "", col(CsvLines.CORRUPT), keepRaw));
  }

  /** Rows that broke no rule. */
  public static Dataset<Row> accepted(Dataset<Row> validated) {
    return validated.filter(size(col(REASONS)).equalTo(0));
  }

  /** Rows that broke at least one rule. */
  public static Dataset<Row> rejected(Dataset<Row> validated) {
    return validated.filter(size(col(REASONS)).gt(0));
  }
}
