package com.customerrating.sink;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A run's scratch copy of its checked rows: {@code <quarantine>/_staging/<run_id>/<model_id>},
 * Parquet, written once and read by every later step of the run, then deleted. It lives under
 * the quarantine root, not the warehouse, because it holds the raw text of rejected rows. It is no
 * table: readers of the warehouse and the quarantine never see it, and a crashed run's leftover
 * folder can be deleted at any time (the next run with the same run id replaces it).
 */
public final class Staging {

  public static final String DIR = "_staging";

  private final SparkSession spark;
  private final String path;

  public Staging(SparkSession spark, String quarantineRoot, String runId, String modelId) {
    this.spark = spark;
    this.path = Tables.path(Tables.path(Tables.path(quarantineRoot, DIR), runId), modelId);
  }

  public String path() {
    return path;
  }

  /**
   * Writes the rows (one pass over their plan) and returns them as read back from the staging
   * copy, with the rows' own schema (no job to read the schema back from the files).
   */
  public Dataset<Row> write(Dataset<Row> rows) {
    // Scratch data, read a few times within the run: no dictionary pages (building them was about
    // a tenth of the write stage's CPU samples in a profile of the 10M benchmark).
    rows.write().mode(SaveMode.Overwrite).option("parquet.enable.dictionary", "false").parquet(path);
    return spark.read().schema(rows.schema()).parquet(path);
  }

  /** Deletes the staging copy, and the run's folder once it is empty. */
  public void delete() {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(p, true);
      Path run = p.getParent();
      if (fs.exists(run) && fs.listStatus(run).length == 0) {
        fs.delete(run, false);
      }
    } catch (IOException e) {
      // Left behind, it is harmless scratch data; the run's outcome does not depend on it.
      DeltaSink.notices.accept("could not delete the staging folder " + path + ": " + e.getMessage());
    }
  }
}
