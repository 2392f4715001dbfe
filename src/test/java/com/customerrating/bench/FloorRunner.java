package com.customerrating.bench;

import static org.apache.spark.sql.functions.lit;

import com.customerrating.bench.BenchSql.Delivery;
import com.customerrating.common.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of {@code jobs/benchmark.sh}: what any Spark job over this landing zone pays at the
 * least. The same Spark as the job ({@code local[*]}, the job's {@link Sessions} settings and its
 * local-run read splitting), in a JVM of its own: every CSV file read as text, one row per line
 * ({@code spark.read().text}: every byte read, no parsing), written as Parquet partitioned by city
 * and snapshot_year. Nothing else: no header handling, no types, no rules, no ratings. It takes no
 * part in the benchmark's tier comparison.
 *
 * <pre>FloorRunner --input-root DIR --out DIR</pre>
 */
public final class FloorRunner {

  private FloorRunner() {}

  public static void main(String[] args) throws Exception {
    String[] io = Benchmark.inputAndOut(args, "FloorRunner");
    String input = io[0];
    String out = io[1];
    List<Delivery> deliveries = DuckDbRunner.discover(Path.of(input));
    long bytes = 0;
    int files = 0;
    for (Delivery d : deliveries) {
      for (String f : d.files()) {
        bytes += size(f);
        files++;
      }
    }
    long t0 = System.nanoTime();
    int cores = Runtime.getRuntime().availableProcessors();
    // As the job's local runs: at least 4 read tasks per core, so both cores stay busy.
    SparkSession spark = Sessions.builder("floor-benchmark", "local[*]")
        .config("spark.sql.files.minPartitionNum", String.valueOf(4 * cores)).getOrCreate();
    try {
      Dataset<Row> all = null;
      for (Delivery d : deliveries) {
        Dataset<Row> one = spark.read().text(d.files().toArray(String[]::new))
            .withColumn("city", lit(d.city()))
            .withColumn("snapshot_year", lit(d.year()));
        all = all == null ? one : all.unionByName(one);
      }
      if (all != null) {
        all.write().mode("overwrite").partitionBy("city", "snapshot_year")
            .parquet(Path.of(out, "lines").toAbsolutePath().toString());
      }
    } finally {
      spark.stop();
    }
    System.out.printf(Locale.ROOT, "floor: %d files, %.1f MiB read as text lines, written as Parquet by city and"
        + " snapshot_year%n", files, bytes / 1048576.0);
    System.out.printf(Locale.ROOT, "floor time: %.1fs%n", (System.nanoTime() - t0) / 1e9);
  }

  private static long size(String file) {
    try {
      return Files.size(Path.of(file));
    } catch (IOException e) {
      return 0;
    }
  }
}
