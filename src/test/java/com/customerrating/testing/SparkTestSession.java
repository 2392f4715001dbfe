package com.customerrating.testing;

import com.customerrating.common.Sessions;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of a test JVM: local[2], few shuffle partitions, UI off, UTC, Delta on. */
public final class SparkTestSession {

  private static volatile SparkSession session;

  private SparkTestSession() {}

  public static SparkSession get() {
    SparkSession s = session;
    if (s == null) {
      synchronized (SparkTestSession.class) {
        s = session;
        if (s == null) {
          s = Sessions.builder("customer-rating-tests", "local[2]")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
              .getOrCreate();
          s.sparkContext().setLogLevel("WARN");
          session = s;
        }
      }
    }
    return s;
  }
}
