package com.customerrating.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.Shipped;
import com.customerrating.sink.Tables;
import com.customerrating.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two job processes started together on one warehouse. */
class ConcurrentRunsTest {

  @TempDir
  Path tmp;

  private static List<String> args(Path input, Path root, String runId, String city) {
    return List.of("--input-root", input.toString(), "--warehouse", root.resolve("warehouse").toString(),
        "--quarantine", root.resolve("quarantine").toString(), "--run-id", runId, "--city", city, "--year", "2025",
        "--reports", root.resolve("reports-" + runId).toString());
  }

  private static List<String> ratingsOnly(List<String> args) {
    List<String> out = new java.util.ArrayList<>(args);
    out.add(JobProcess.SKIP_ANALYTICS);
    return out;
  }

  @Test
  void twoRunsForDifferentCitiesOnAnEmptyWarehouseBothCommit() throws Exception {
    Path input = JobProcess.sample(tmp.resolve("in"), 15, 7L, 2025);
    Path root = tmp.resolve("out");
    Process a = JobProcess.start(root, "hz", List.of(), args(input, root, "run-hz", "hangzhou"));
    Process b = JobProcess.start(root, "cd", List.of(), args(input, root, "run-cd", "chengdu"));
    JobProcess.Outcome oa = JobProcess.await(a, root, "hz");
    JobProcess.Outcome ob = JobProcess.await(b, root, "cd");
    assertEquals(0, oa.exit(), oa.all());
    assertEquals(0, ob.exit(), ob.all());
    var spark = SparkTestSession.get();
    assertEquals(15, spark.read().format("delta").load(root.resolve("warehouse/" + Shipped.CONVERSION_RATINGS).toString())
        .where("city = 'hangzhou' AND snapshot_year = 2025").count());
    assertEquals(15, spark.read().format("delta").load(root.resolve("warehouse/" + Shipped.VALUE_RATINGS).toString())
        .where("city = 'chengdu' AND snapshot_year = 2025").count());
    List<Row> log = spark.read().format("delta").load(root.resolve("warehouse/" + Tables.RUN_LOG).toString())
        .select("run_id", "city", "outcome").orderBy("run_id").collectAsList();
    assertEquals("[[run-cd,chengdu,succeeded], [run-hz,hangzhou,succeeded]]", log.toString());
  }

  @Test
  void twoRunsForTheSameCityAndYearLeaveOneConsistentResult() throws Exception {
    Path input = JobProcess.sample(tmp.resolve("in"), 15, 8L, 2025);
    Path root = tmp.resolve("out");
    // The table exists beforehand, as in production; the race is on the partition.
    JobProcess.Outcome first = JobProcess.runInProcess(input, root.resolve("warehouse"), root.resolve("quarantine"),
        "run-0", "--city", "hangzhou", "--year", "2025", JobProcess.SKIP_ANALYTICS);
    assertEquals(0, first.exit(), first.all());
    String table = root.resolve("warehouse/" + Shipped.CONVERSION_RATINGS).toString();
    var spark = SparkTestSession.get();
    List<String> expected = JobProcess.rows(Path.of(table), "run_id");

    // The race under test is on the ratings partition; the analytics stage (raced in the test above) is left out.
    Process a = JobProcess.start(root, "a", List.of(), ratingsOnly(args(input, root, "run-a", "hangzhou")));
    Process b = JobProcess.start(root, "b", List.of(), ratingsOnly(args(input, root, "run-b", "hangzhou")));
    JobProcess.Outcome oa = JobProcess.await(a, root, "a");
    JobProcess.Outcome ob = JobProcess.await(b, root, "b");
    for (JobProcess.Outcome o : List.of(oa, ob)) {
      // Each run either commits (after retrying a lost race) or fails saying why; never anything else.
      assertTrue(o.exit() == 0 || (o.exit() == 1 && o.err().contains("another run kept committing")), o.all());
    }
    assertTrue(oa.exit() == 0 || ob.exit() == 0, "neither run committed:\n" + oa.all() + "\n" + ob.all());
    assertEquals(expected, JobProcess.rows(Path.of(table), "run_id"), "the partition holds exactly one run's rows");
    List<Row> runIds = spark.read().format("delta").load(table).where("city = 'hangzhou' AND snapshot_year = 2025")
        .select("run_id").distinct().collectAsList();
    assertEquals(1, runIds.size(), "rows of two runs mixed in one partition: " + runIds);
    long versions = spark.sql("DESCRIBE HISTORY delta.`" + table + "`").count();
    assertTrue(versions >= 2, "history readable");
  }
}
