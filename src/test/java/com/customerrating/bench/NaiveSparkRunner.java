package com.customerrating.bench;

import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.bench.BenchSql.Delivery;
import com.customerrating.bench.BenchSql.Dialect;
import com.customerrating.common.Sessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The naive Spark contender of {@code jobs/benchmark.sh}: a straightforward Spark SQL script
 * ({@link BenchSql}: regular-expression validation, and the scoring SQL the DuckDB contender
 * uses too). The percentile ranks are plain {@code rank()} and
 * {@code count(*)} windows partitioned by city and year (one task sorts a whole city-year);
 * validated rows are cached once; Spark's defaults otherwise (200 shuffle partitions, adaptive
 * execution on). Writes Delta tables partitioned by city and snapshot_year.
 *
 * <pre>NaiveSparkRunner --input-root DIR --out DIR</pre>
 */
public final class NaiveSparkRunner {

  private NaiveSparkRunner() {}

  public static void main(String[] args) throws Exception {
    String[] io = Benchmark.inputAndOut(args, "NaiveSparkRunner");
    String input = io[0];
    String out = io[1];
    List<Delivery> deliveries = DuckDbRunner.discover(Path.of(input));
    long t0 = System.nanoTime();
    SparkSession spark = Sessions.builder("naive-spark-benchmark", "local[*]").getOrCreate();
    StringBuilder phases = new StringBuilder();
    try {
      for (boolean value : new boolean[] {false, true}) {
        List<Delivery> ds = deliveries.stream().filter(d -> DuckDbRunner.isValueCity(d.city()) == value).toList();
        if (ds.isEmpty()) {
          continue;
        }
        String name = value ? "customers" : "consultations";
        long t = System.nanoTime();
        Dataset<Row> raw = null;
        for (Delivery d : ds) {
          Dataset<Row> one = spark.read().option("header", "true").option("quote", "\"").option("escape", "\"")
              .csv(d.files().toArray(String[]::new))
              .withColumn("city", lit(d.city()))
              .withColumn("snapshot_year", lit(d.year()))
              .withColumn("as_of_date", lit(java.sql.Date.valueOf(d.year() + "-12-31")))
              .withColumn("source_file", input_file_name());
          raw = raw == null ? one : raw.unionByName(one);
        }
        raw.createOrReplaceTempView(name + "_raw");
        Dataset<Row> validated = spark.sql(value
            ? BenchSql.validatedCustomers(Dialect.SPARK, name + "_raw")
            : BenchSql.validatedConsultations(Dialect.SPARK, name + "_raw"))
            .persist(StorageLevel.MEMORY_AND_DISK());
        validated.createOrReplaceTempView(name + "_v");
        Row counts = spark.sql("SELECT count(*), count_if(accepted) FROM " + name + "_v").first();
        phases.append(String.format(Locale.ROOT, "%s%s read_validate %.1fs", phases.length() == 0 ? "" : ", ", name,
            (System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        String table = value ? "value_ratings" : "conversion_ratings";
        spark.sql(value ? BenchSql.valueRatings(Dialect.SPARK, name + "_v")
                : BenchSql.conversionRatings(Dialect.SPARK, name + "_v"))
            .write().format("delta").mode("overwrite").partitionBy("city", "snapshot_year")
            .save(Path.of(out, table).toAbsolutePath().toString());
        spark.sql(BenchSql.rejected(name + "_v", value ? BenchSql.CUSTOMER_COLUMNS : BenchSql.CONSULTATION_COLUMNS))
            .write().format("delta").mode("overwrite").partitionBy("city", "snapshot_year")
            .save(Path.of(out, "rejected_" + name).toAbsolutePath().toString());
        validated.unpersist();
        phases.append(String.format(Locale.ROOT, ", %s score_write %.1fs", name, (System.nanoTime() - t) / 1e9));
        System.out.printf(Locale.ROOT, "naive %s: %d rows read, %d accepted, %d rejected%n", name,
            counts.getLong(0), counts.getLong(1), counts.getLong(0) - counts.getLong(1));
      }
    } finally {
      spark.stop();
    }
    System.out.printf(Locale.ROOT, "naive time: %.1fs (%s)%n", (System.nanoTime() - t0) / 1e9, phases);
  }
}
