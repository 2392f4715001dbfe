package com.customerrating.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.customerrating.testing.Shipped;
import com.customerrating.sink.Tables;
import com.customerrating.testing.ChildJvm;
import com.customerrating.testing.SampleWarehouse;
import com.customerrating.testing.SparkSessionFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same input gives the same rows whatever the parallelism: one run in a separate JVM on
 * local[1] with 1 shuffle partition, one in this JVM on local[2] with 7, compared table by table.
 * The first ranks by the scalable form, the second by the window form, so the comparison also
 * holds the two forms to the same percentile columns.
 */
class DeterminismTest implements SparkSessionFixture {

  private static final String[] RUN_SPECIFIC = {"run_id"};

  @Test
  void local1_with_one_partition_equals_local2_with_seven() throws Exception {
    Path input = SampleWarehouse.landingZone();
    Path narrow = Files.createTempDirectory("narrow");
    Path wide = Files.createTempDirectory("wide");

    List<String> cmd = ChildJvm.ratingJob("1g", Path.of("src/test/resources/log4j2-test.properties"), List.of(),
        List.of("--master", "local[1]", "--shuffle-partitions", "1", "--run-id", "narrow", "--ranking", "scalable",
            "--input-root", input.toString(), "--warehouse", narrow.resolve("warehouse").toString(),
            "--quarantine", narrow.resolve("quarantine").toString(), "--skip-analytics"));
    File log = narrow.resolve("job.log").toFile();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();

    String before = spark().conf().get("spark.sql.shuffle.partitions");
    spark().conf().set("spark.sql.shuffle.partitions", "7");
    try {
      assertEquals(0, SampleWarehouse.run(input, wide, "wide", java.util.Set.of(), java.util.Set.of(), false).exitCode());
    } finally {
      spark().conf().set("spark.sql.shuffle.partitions", before);
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(log.toPath()));

    for (String t : List.of(Shipped.CONVERSION_RATINGS, Shipped.VALUE_RATINGS, Shipped.PIPELINE_RATINGS,
        Tables.REJECTED_RECORDS)) {
      var a = com.customerrating.testing.Tables.read(spark(), SampleWarehouse.table(narrow, t), RUN_SPECIFIC);
      var b = com.customerrating.testing.Tables.read(spark(), SampleWarehouse.table(wide, t), RUN_SPECIFIC);
      assertEquals(a.count(), b.count(), t);
      assertEquals(0, com.customerrating.testing.Tables.difference(a, b), t + " differs between the two runs");
    }
    var logA = com.customerrating.testing.Tables.read(spark(), SampleWarehouse.table(narrow, Tables.RUN_LOG),
        "run_id", "started_at", "ended_at");
    var logB = com.customerrating.testing.Tables.read(spark(), SampleWarehouse.table(wide, Tables.RUN_LOG),
        "run_id", "started_at", "ended_at");
    assertEquals(6, logA.count()); // three cities, two years
    assertEquals(0, com.customerrating.testing.Tables.difference(logA, logB), "run_log differs");
  }
}
