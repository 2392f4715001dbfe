package com.customerrating.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.sample.SampleDataGenerator;
import com.customerrating.testing.SampleWarehouse;
import com.customerrating.testing.SparkSessionFixture;
import com.customerrating.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A landing zone below {@link JobRunner#INTERPRET_BELOW_BYTES} (16 MiB by default) runs
 * interpreted and without adaptive execution, writes the same rows, in every table, as the same
 * run with every query compiled (the setting at 0) and adaptive, and leaves the session's own
 * settings as they were.
 */
class InterpretedRunTest implements SparkSessionFixture {

  @TempDir
  Path tmp;

  /** A small table's rows, as sorted text (a few hundred rows: fine to collect in a test). */
  private List<String> rows(Path table, String... drop) {
    Dataset<Row> d = Tables.read(spark(), table.toString(), drop);
    String[] cols = d.columns();
    java.util.Arrays.sort(cols);
    return d.selectExpr(cols).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void aSmallLandingZoneRunsInterpretedAndWritesTheSameTables() throws Exception {
    Path input = tmp.resolve("in");
    SampleDataGenerator.generate(input, new SampleDataGenerator.Options().rows(40).seed(5L));

    // Both runs start from a session with adaptive execution on, as a job's own session has it
    // (the test session has it off); the compiled run keeps it, the small run turns it off.
    String adaptive = spark().conf().get("spark.sql.adaptive.enabled");
    spark().conf().set("spark.sql.adaptive.enabled", "true");
    try {
      compareRuns(input);
    } finally {
      spark().conf().set("spark.sql.adaptive.enabled", adaptive);
    }
  }

  private void compareRuns(Path input) throws Exception {
    SampleWarehouse.Run compiled;
    spark().conf().set(JobRunner.INTERPRET_BELOW_BYTES, "0");
    try {
      compiled = SampleWarehouse.run(input, tmp.resolve("compiled"), "same", Set.of(), Set.of());
    } finally {
      spark().conf().unset(JobRunner.INTERPRET_BELOW_BYTES);
    }
    assertEquals(0, compiled.exitCode(), compiled.stderr());
    assertFalse(compiled.stderr().contains("queries run interpreted"), compiled.stderr());

    // The default: the sample's few thousand rows are far below 16 MiB. As a local run without
    // --shuffle-partitions, it also gets one shuffle partition per core (below 64 MiB).
    String partitions = spark().conf().get("spark.sql.shuffle.partitions");
    spark().conf().set(JobRunner.AUTO_SHUFFLE_PARTITIONS, "true");
    SampleWarehouse.Run interpreted;
    try {
      interpreted = SampleWarehouse.run(input, tmp.resolve("interpreted"), "same", Set.of(), Set.of());
    } finally {
      spark().conf().unset(JobRunner.AUTO_SHUFFLE_PARTITIONS);
    }
    assertEquals(0, interpreted.exitCode(), interpreted.stderr());
    assertTrue(interpreted.stderr().contains("queries run interpreted, without adaptive execution"),
        interpreted.stderr());
    assertTrue(interpreted.stderr().contains(spark().sparkContext().defaultParallelism()
        + " shuffle partitions (one per core)"), interpreted.stderr());
    // ... and the shared session gets its own settings back.
    assertEquals("true", spark().conf().get("spark.sql.codegen.wholeStage"));
    assertEquals("FALLBACK", spark().conf().get("spark.sql.codegen.factoryMode"));
    assertEquals(partitions, spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("true", spark().conf().get("spark.sql.adaptive.enabled"));

    List<String> tables = new ArrayList<>();
    for (String root : List.of("warehouse", "quarantine")) {
      try (Stream<Path> s = Files.list(tmp.resolve("compiled").resolve(root))) {
        s.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).forEach(p -> tables.add(root + "/" + p.getFileName()));
      }
    }
    assertTrue(tables.size() >= 10, "ratings, analytics, run_log and quarantine tables: " + tables);
    for (String t : tables) {
      // run_log keeps each run's start and end times; every other column must agree
      String[] drop = t.endsWith("run_log") ? new String[] {"started_at", "ended_at"} : new String[0];
      assertEquals(rows(tmp.resolve("compiled").resolve(t), drop), rows(tmp.resolve("interpreted").resolve(t), drop),
          t + ": the compiled and the interpreted run differ");
    }
  }
}
