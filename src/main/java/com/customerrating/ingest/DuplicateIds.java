package com.customerrating.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The rule across rows: customer_id is unique within a city and year. Copies with identical
 * content are one delivery glitch: the first (by content key, source file, raw text) is kept and
 * the others are rejected; copies that differ are all rejected. A missing id is rejected as such;
 * it is no duplicate of anything. Pure: frames in, frames out.
 *
 * <p>The rule itself, {@link #mark}, is a window over the copies of each id, ordered by content.
 * It needs every row's raw text ({@link Validator#validate(RawReader.RawDelivery, DatasetSchema,
 * boolean)} with {@code keepRaw}). A delivery rarely holds copies, so the job first finds the
 * duplicated ids with {@link #groups}, a narrow count, and runs the window over their rows only.
 */
public final class DuplicateIds {

  public static final String VARIANTS = "customer_id: appears more than once with different content";
  public static final String LATER_COPY = "customer_id: exact duplicate of another row (one copy kept)";

  /** The columns that identify one customer of one delivery. */
  public static final List<String> KEY = List.of("city", "snapshot_year", "customer_id");

  private DuplicateIds() {}

  /** {@link #KEY} of every id that has more than one row: small, unless a delivery is broken. */
  public static Dataset<Row> groups(Dataset<Row> validated) {
    return validated.where(col("customer_id").isNotNull())
        .groupBy(col("city"), col("snapshot_year"), col("customer_id"))
        .agg(count(lit(1)).as("__copies"))
        .where(col("__copies").gt(1))
        .drop("__copies");
  }

  /** Adds the rule's reason to every copy it rejects; rows must carry their raw text. */
  public static Dataset<Row> mark(Dataset<Row> validated) {
    // One window (one shuffle, one sort): ordered by content, the copies of a content are adjacent,
    // and the id has several contents exactly when its smallest and largest differ.
    WindowSpec byId = Window.partitionBy(col("city"), col("snapshot_year"), col("customer_id"))
        .orderBy(col(RowValidator.CONTENT), col("source_file"), col("raw_record"));
    WindowSpec wholeId = byId.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column hasId = col("customer_id").isNotNull();
    Column variants = min(col(RowValidator.CONTENT)).over(wholeId).notEqual(max(col(RowValidator.CONTENT)).over(wholeId));
    Column laterCopy = row_number().over(byId).gt(1);
    Column none = array().cast("array<string>");
    return validated.withColumn(Validator.REASONS, concat(col(Validator.REASONS),
        when(hasId.and(variants), array(lit(VARIANTS)))
            .when(hasId.and(not(variants)).and(laterCopy), array(lit(LATER_COPY)))
            .otherwise(none)));
  }
}
