package com.customerrating.common;

import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;

/** The session settings every run of the job needs, wherever it runs. */
public final class Sessions {

  /** Output files a write task keeps open at once (one per table partition) before it sorts instead. */
  public static final String CONCURRENT_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";

  /** Largest generated method (bytes) a whole-stage-compiled stage may have. */
  public static final String HUGE_METHOD_LIMIT = "spark.sql.codegen.hugeMethodLimit";

  /** Whether a join needs its sides partitioned on all its keys to use an existing partitioning. */
  public static final String CO_PARTITION_ALL_KEYS = "spark.sql.requireAllClusterKeysForCoPartition";

  /** How Spark shares the cores between the jobs that threads of the driver submit at once. */
  public static final String SCHEDULER_MODE = "spark.scheduler.mode";

  /** The thread-local property naming the scheduler pool of a thread's jobs. */
  public static final String POOL = "spark.scheduler.pool";

  private Sessions() {}

  /**
   * Runs {@code work} with the calling thread's Spark jobs in the scheduler pool {@code pool}
   * (created on first use, weight 1), then gives the thread its previous pool back.
   */
  public static <T> T inPool(SparkSession spark, String pool, java.util.function.Supplier<T> work) {
    String before = spark.sparkContext().getLocalProperty(POOL);
    spark.sparkContext().setLocalProperty(POOL, pool);
    try {
      return work.get();
    } finally {
      spark.sparkContext().setLocalProperty(POOL, before);
    }
  }

  /**
   * A builder with Delta enabled, UTC session time, strict ISO date parsing and non-ANSI casts
   * (validation turns unparseable values into reasons, never into exceptions).
   *
   * @param master the master URL, or null to take it from spark-submit
   */
  public static SparkSession.Builder builder(String appName, String master) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    SparkSession.Builder b = SparkSession.builder()
        .appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        .config("spark.sql.ansi.enabled", "false");
    if (System.getProperty(CONCURRENT_WRITERS) == null) {
      // Writes go to a handful of city-year partitions per task: an open file per partition
      // instead of sorting every row by partition first (the sort was half of the ratings write).
      // Past this many partitions in one task Spark falls back to the sort.
      b = b.config(CONCURRENT_WRITERS, "8");
    }
    if (System.getProperty(HUGE_METHOD_LIMIT) == null) {
      // HotSpot does not compile methods above 8000 bytes of bytecode; a stage whose generated code
      // has such a method runs it interpreted, many times slower. With this limit Spark splits
      // that stage's code into smaller methods instead (the value Spark's documentation suggests).
      b = b.config(HUGE_METHOD_LIMIT, "8000");
    }
    if (System.getProperty(SCHEDULER_MODE) == null) {
      // The job's threads (one per model, one per analytics table written) each submit
      // their own Spark jobs into a pool of their own (POOL); fair scheduling shares the cores
      // between the pools, so a thread's one-task stage (a Delta commit's snapshot, a count) runs
      // beside another's large stage instead of queueing behind all of its tasks.
      b = b.config(SCHEDULER_MODE, "FAIR");
    }
    if (System.getProperty(CO_PARTITION_ALL_KEYS) == null) {
      // A join whose two sides are already partitioned alike on one of its keys keeps that
      // partitioning instead of shuffling both sides again on all keys: the scalable percentile
      // ranking places each value's rows in a partition of its choosing and joins them there with
      // their counts (Spark's default, true, would move the whole rows a second time).
      b = b.config(CO_PARTITION_ALL_KEYS, "false");
    }
    if (master != null) {
      b = b.master(master);
    }
    return b;
  }
}
