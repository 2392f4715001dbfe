package com.customerrating.sink;

import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The write edge of the job. A run replaces exactly the city-year partitions it publishes, in one
 * atomic Delta commit per table ({@code replaceWhere}); every other partition keeps its files, and
 * earlier versions stay readable by time travel.
 */
public final class DeltaSink {

  private DeltaSink() {}

  /** A city and snapshot year: one partition of every table. */
  public record Partition(String city, int year) {
    public Partition {
      if (!com.customerrating.config.JobConfig.CITY_NAME.matcher(city).matches()) {
        throw new IllegalArgumentException("refused city name in a partition predicate: " + city);
      }
    }

    String predicate() {
      return "(city = '" + city + "' AND snapshot_year = " + year + ")";
    }
  }

  /** The replaceWhere predicate covering exactly these partitions. */
  public static String predicate(Collection<Partition> parts) {
    return parts.stream().sorted(java.util.Comparator.comparing(Partition::city).thenComparing(Partition::year))
        .map(Partition::predicate).collect(Collectors.joining(" OR "));
  }

  /**
   * Replaces {@code parts} of the table at {@code path} with {@code rows} (which must lie inside
   * them; Delta refuses the commit otherwise), in one commit. Creates the table on first use.
   */
  public static void replacePartitions(Dataset<Row> rows, List<String> columns, String path, Collection<Partition> parts) {
    if (parts.isEmpty()) {
      return;
    }
    rows.select(columns.stream().map(c -> col(c)).toArray(Column[]::new))
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", predicate(parts))
        .partitionBy(Tables.PARTITION_COLUMNS.toArray(String[]::new))
        .save(path);
  }

  /** Appends rows (the run log) in one commit. */
  public static void append(Dataset<Row> rows, String path) {
    rows.write().format("delta").mode(SaveMode.Append)
        .partitionBy(Tables.PARTITION_COLUMNS.toArray(String[]::new))
        .save(path);
  }
}
