package com.customerrating.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.Shipped;
import com.customerrating.sink.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills the job at named points of a run (and once with a real SIGKILL at a moment chosen while it
 * runs), then checks that every table reads as either its version before the run or its complete
 * new version, never anything in between, and that a rerun produces the correct tables.
 *
 * <p>The warehouse starts from a successful run on input v1; the killed run and the rerun use
 * input v2 (other figures, and two bad rows so the quarantine changes too).
 */
class CrashSafetyTest {

  static final List<String> TABLES = List.of(Shipped.CONVERSION_RATINGS, Shipped.VALUE_RATINGS, Tables.REJECTED_RECORDS);

  @TempDir
  static Path tmp;

  static Path v2;
  static Path base;
  /** Rows of each table before the crashed run (v1) and after a complete run on v2. */
  static final Map<String, List<String>> OLD = new LinkedHashMap<>();
  static final Map<String, List<String>> NEW = new LinkedHashMap<>();
  static List<String> oldRunLog;

  @BeforeAll
  static void baseline() throws Exception {
    Path v1 = JobProcess.sample(tmp.resolve("v1"), 24, 1L, 2025);
    v2 = JobProcess.sample(tmp.resolve("v2"), 24, 2L, 2025);
    Path hz = v2.resolve("hangzhou/2025/consultations.csv");
    String first = Files.readAllLines(hz, StandardCharsets.UTF_8).get(1);
    Files.writeString(hz, first.replaceFirst("^[^,]+", "HZBAD1").replaceAll(",[0-9],([0-9]),([0-9]),", ",9,$1,$2,") + "\n"
        + first.replaceFirst("^[^,]+", "HZBAD2").replace(",2025-", ",2019-") + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    base = tmp.resolve("base");
    JobProcess.Outcome o = JobProcess.runInProcess(v1, base.resolve("warehouse"), base.resolve("quarantine"), "v1",
        JobProcess.SKIP_ANALYTICS);
    assertEquals(0, o.exit(), o.all());
    snapshot(base, OLD);
    oldRunLog = JobProcess.rows(base.resolve("warehouse").resolve(Tables.RUN_LOG));

    Path ref = tmp.resolve("ref");
    JobProcess.copyTree(base, ref);
    o = JobProcess.runInProcess(v2, ref.resolve("warehouse"), ref.resolve("quarantine"), "v2",
        JobProcess.SKIP_ANALYTICS);
    assertEquals(0, o.exit(), o.all());
    snapshot(ref, NEW);
    for (String t : TABLES) {
      assertNotEquals(OLD.get(t), NEW.get(t), t + ": v2 must change every table for the test to mean anything");
    }
  }

  private static void snapshot(Path root, Map<String, List<String>> into) {
    for (String t : TABLES) {
      into.put(t, JobProcess.rows(table(root, t), "run_id"));
    }
  }

  private static Path table(Path root, String t) {
    return root.resolve(t.equals(Tables.REJECTED_RECORDS) ? "quarantine" : "warehouse").resolve(t);
  }

  private static List<String> args(Path root, String runId) {
    return List.of("--input-root", v2.toString(), "--warehouse", root.resolve("warehouse").toString(),
        "--quarantine", root.resolve("quarantine").toString(), "--run-id", runId,
        "--reports", root.resolve("reports").toString(), JobProcess.SKIP_ANALYTICS);
  }

  /** Which tables read as the new version after the crash; every other one must read as the old. */
  private static List<String> checkOldOrNew(Path root, String point) {
    List<String> fresh = new ArrayList<>();
    for (String t : TABLES) {
      List<String> now = JobProcess.rows(table(root, t), "run_id");
      boolean isOld = now.equals(OLD.get(t));
      boolean isNew = now.equals(NEW.get(t));
      assertTrue(isOld || isNew, point + ": " + t + " is neither its old nor its new version: " + now);
      if (isNew) {
        fresh.add(t);
      }
    }
    List<String> runLog = JobProcess.rows(root.resolve("warehouse").resolve(Tables.RUN_LOG));
    assertEquals(oldRunLog, runLog, point + ": a crashed run must not have its run_log rows");
    return fresh;
  }

  private static void rerunGivesTheCorrectTables(Path root, String point) {
    JobProcess.Outcome o = JobProcess.runInProcess(v2, root.resolve("warehouse"), root.resolve("quarantine"), "rerun",
        JobProcess.SKIP_ANALYTICS);
    assertEquals(0, o.exit(), point + ": rerun " + o.all());
    for (String t : TABLES) {
      assertEquals(NEW.get(t), JobProcess.rows(table(root, t), "run_id"), point + ": " + t + " after the rerun");
    }
    List<String> runLog = JobProcess.rows(root.resolve("warehouse").resolve(Tables.RUN_LOG), "started_at", "ended_at");
    assertEquals(oldRunLog.size() + 2, runLog.size(), point + ": run_log after the rerun: " + runLog);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"after_read", "after_quarantine_commit", "write_task:conversion_ratings",
      "commit:value_ratings", "after_ratings_commit", "before_run_log_commit"})
  void aCrashLeavesEveryTableOldOrNewAndARerunRepairsIt(String point) throws Exception {
    Path root = tmp.resolve("crash-" + point.replace(':', '-'));
    JobProcess.copyTree(base, root);
    // Models one after the other, so that each point has a known set of commits before it (side by
    // side, which model reaches a point first is up to the scheduler; the sigkill test runs so).
    JobProcess.Outcome o = JobProcess.run(root, "job", List.of("-Drating.crashpoint=" + point,
        "-Dspark.delta.logStore.file.impl=" + CrashingLogStore.class.getName(),
        "-D" + com.customerrating.job.JobRunner.MODELS_IN_PARALLEL + "=false"), args(root, "crashed"));
    assertEquals(137, o.exit(), point + ": the job was not halted at its crash point: " + o.all());
    assertTrue(o.err().contains("crash point '" + point + "' reached"), o.err());

    List<String> fresh = checkOldOrNew(root, point);
    // What each point must have published already (models run in id order: conversion, then value).
    List<String> expected = switch (point) {
      case "after_read" -> List.of();
      case "after_quarantine_commit", "write_task:conversion_ratings" -> List.of(Tables.REJECTED_RECORDS);
      case "commit:value_ratings", "after_ratings_commit" -> List.of(Shipped.CONVERSION_RATINGS, Tables.REJECTED_RECORDS);
      default -> TABLES;
    };
    assertEquals(expected.stream().sorted().toList(), fresh.stream().sorted().toList(), point + ": tables at their new version");
    if (point.startsWith("commit:")) {
      // Killed with every data file of the commit written: files that no commit references, which
      // readers never see and VACUUM removes. (A kill inside a write task may come before the
      // task's sort has opened any file, so it need not leave one.)
      assertTrue(uncommittedParquet(root.resolve("warehouse").resolve(Shipped.VALUE_RATINGS)),
          "a kill just before the commit is expected to leave data files that no commit references");
    }
    rerunGivesTheCorrectTables(root, point);
  }

  @Test
  void aRealSigkillWhileTheRatingsAreWrittenLeavesEveryTableOldOrNew() throws Exception {
    Path root = tmp.resolve("crash-sigkill");
    JobProcess.copyTree(base, root);
    JobProcess.Outcome o = JobProcess.killWhen(root, "job", args(root, "killed"),
        line -> line.contains("scoring and writing " + Shipped.CONVERSION_RATINGS));
    assertNotEquals(0, o.exit(), "the job was not killed: " + o.out());
    checkOldOrNew(root, "sigkill");
    rerunGivesTheCorrectTables(root, "sigkill");
  }

  /** True when the table directory holds a parquet file that its current version does not reference. */
  private static boolean uncommittedParquet(Path table) throws Exception {
    java.util.Set<String> live = java.util.Arrays.stream(com.customerrating.testing.SparkTestSession.get().read()
        .format("delta").load(table.toString()).inputFiles()).map(f -> f.substring(f.lastIndexOf('/') + 1))
        .collect(java.util.stream.Collectors.toSet());
    try (var s = Files.walk(table)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
          .anyMatch(p -> !live.contains(p.getFileName().toString()));
    }
  }
}
