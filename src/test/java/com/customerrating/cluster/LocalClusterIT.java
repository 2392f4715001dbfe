package com.customerrating.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.customerrating.testing.SparkSessionFixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job on a real Spark standalone cluster (jobs/local-cluster.sh: a master and two workers on
 * 127.0.0.1), submitted with jobs/submit.sh as a scheduler would, writes the same tables, row for
 * row, as the job in local mode on the same landing zone with the same run id.
 *
 * <p>Runs under maven-failsafe in {@code mvn verify}, after {@code package} built the application
 * jar. The local-mode run is what jobs/run-local.sh does (java, the Java 17 flags, RatingJob on the
 * runtime classpath), here with the test's classpath instead of a second Maven build. The cluster
 * is stopped in {@link #stopCluster()} whatever happened, and no process of it may be left.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class LocalClusterIT implements SparkSessionFixture {

  private static final String RUN_ID = "cluster-it-1";
  private static final Pattern MASTER_URL = Pattern.compile("spark://127\\.0\\.0\\.1:\\d+");
  private static final List<String> TABLES = List.of("conversion_ratings", "value_ratings", "run_log");

  private static Path root;
  private static Path buildDir;
  private static Path work;
  private static Path clusterDir;
  private static boolean clusterStarted;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
        "the local cluster scripts need Linux (bash, setsid, pgrep, /proc)");
    for (String tool : List.of("bash", "setsid", "pgrep")) {
      assumeTrue(onPath(tool), "assuming " + tool + " is installed: it is not, skipping");
    }
    root = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    // The build dir is where this class was compiled to: <build dir>/test-classes.
    Path testClasses = Paths.get(LocalClusterIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    buildDir = testClasses.getParent();
    work = buildDir.resolve("cluster-it");
    clusterDir = work.resolve("cluster");
    if (Files.exists(work)) {
      // a cluster left by an interrupted earlier run must go first
      run(List.of("jobs/local-cluster.sh", "stop"), work.resolve("stop-before.log"), 120);
      deleteTree(work);
    }
    Files.createDirectories(work);
    // this JVM's Spark session (the comparison) on the loopback interface only, like the cluster
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (work == null || !clusterStarted) {
      return;
    }
    int rc = run(List.of("jobs/local-cluster.sh", "stop"), work.resolve("stop.log"), 120);
    List<String> left = clusterProcesses();
    assertTrue(left.isEmpty(), "cluster processes left after stop: " + left);
    assertEquals(0, rc, "jobs/local-cluster.sh stop: " + tail(work.resolve("stop.log")));
    int status = run(List.of("jobs/local-cluster.sh", "status"), work.resolve("status-after.log"), 60);
    assertEquals(1, status, "status after stop should say not running: " + tail(work.resolve("status-after.log")));
  }

  @Test
  void clusterRunWritesTheSameTablesAsALocalRun() throws Exception {
    Path appJar = buildDir.resolve("customer-rating-" + projectVersion() + "-app.jar");
    assertTrue(Files.isRegularFile(appJar), "no application jar " + appJar + ": run 'mvn verify' (package first)");

    Path input = work.resolve("input");
    long t0 = System.currentTimeMillis();
    assertEquals(0, java(List.of("com.customerrating.sample.SampleDataGenerator", "--out", input.toString()),
        work.resolve("sample.log"), 300), "sample data: " + tail(work.resolve("sample.log")));

    addBadRows(input.resolve("hangzhou/2024/consultations.csv"));

    long t1 = System.currentTimeMillis();
    clusterStarted = true;
    Path startLog = work.resolve("start.log");
    assertEquals(0, run(List.of("jobs/local-cluster.sh", "start"), startLog, 300),
        "jobs/local-cluster.sh start: " + tail(startLog));
    String url = Files.readAllLines(startLog).stream().filter(l -> MASTER_URL.matcher(l).matches())
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no master URL line in " + tail(startLog)));

    long t2 = System.currentTimeMillis();
    Path cluster = work.resolve("out-cluster");
    Path submitLog = work.resolve("submit.log");
    int submitRc = run(List.of("jobs/submit.sh", "--master", url, "--profile", "standalone",
        "--executor-memory", "512m", "--executor-cores", "1", "--total-executor-cores", "2",
        "--driver-memory", "768m", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=6",
        "--",
        "--input-root", input.toString(), "--warehouse", cluster.resolve("warehouse").toString(),
        "--quarantine", cluster.resolve("quarantine").toString(), "--run-id", RUN_ID,
        "--reports", cluster.resolve("reports").toString()), submitLog, 900);
    assertEquals(0, submitRc, "jobs/submit.sh on the cluster: " + tail(submitLog));
    assertTrue(Files.readString(submitLog).contains("run " + RUN_ID), "no job summary in " + tail(submitLog));
    String executorsUsed = String.valueOf(countExecutorDirs());

    long t3 = System.currentTimeMillis();
    // Done with the cluster: stop it now, leaving both cores to the local run.
    assertEquals(0, run(List.of("jobs/local-cluster.sh", "stop"), work.resolve("stop.log"), 120),
        "jobs/local-cluster.sh stop: " + tail(work.resolve("stop.log")));
    assertTrue(clusterProcesses().isEmpty(), "cluster processes left after stop: " + clusterProcesses());

    long t4 = System.currentTimeMillis();
    Path local = work.resolve("out-local");
    Path localLog = work.resolve("local.log");
    assertEquals(0, java(List.of("com.customerrating.job.RatingJob", "--master", "local[2]",
        "--input-root", input.toString(), "--warehouse", local.resolve("warehouse").toString(),
        "--quarantine", local.resolve("quarantine").toString(),
        "--conf", root.resolve("conf/datasets.yaml").toString(), "--run-id", RUN_ID,
        // the tables compared are the ratings, run_log and the quarantine, written before the analytics
        "--skip-analytics"), localLog, 900),
        "the job in local mode: " + tail(localLog));

    long t5 = System.currentTimeMillis();
    // A few thousand rows per table: compared interpreted, as the job runs such a small input
    // (compiling each comparison's code would cost more than running it).
    spark().conf().set("spark.sql.codegen.wholeStage", "false");
    spark().conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    List<String> diffs = new ArrayList<>();
    try {
      for (String table : TABLES) {
        diffs.addAll(TableComparison.differences(spark(), table,
            cluster.resolve("warehouse").resolve(table).toString(),
            local.resolve("warehouse").resolve(table).toString(),
            table.equals("run_log") ? Set.of("started_at", "ended_at") : Set.of()));
      }
      diffs.addAll(TableComparison.differences(spark(), "rejected_records",
          cluster.resolve("quarantine/rejected_records").toString(),
          local.resolve("quarantine/rejected_records").toString(), Set.of()));
    } finally {
      spark().conf().unset("spark.sql.codegen.wholeStage");
      spark().conf().unset("spark.sql.codegen.factoryMode");
    }
    long t6 = System.currentTimeMillis();
    System.out.printf("LocalClusterIT: sample %ds, cluster start %ds, cluster run %ds (%s executors),"
        + " stop %ds, local run %ds, compare %ds%n", (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000,
        executorsUsed, (t4 - t3) / 1000, (t5 - t4) / 1000, (t6 - t5) / 1000);
    assertTrue(diffs.isEmpty(), "cluster and local runs differ:\n" + String.join("\n", diffs));
  }

  /**
   * A few rows the validation rejects (a bad date, a non-numeric score, a short row), so that
   * rejected_records has rows to compare; far below the delivery's max_reject_rate.
   */
  private static void addBadRows(Path csv) throws IOException {
    assertTrue(Files.isRegularFile(csv), "sample file " + csv);
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    String bad = (text.endsWith("\n") ? "" : "\n")
        + "HZ900001,Bad Date Co,上城区,software,micro,X,15100000000,exhibition,invoicing,2024-13-45,2,2,3,true\n"
        + "HZ900002,Bad Score Co,上城区,software,micro,X,15100000000,exhibition,invoicing,2024-09-24,abc,2,3,true\n"
        + "HZ900003,Short Row Co\n";
    Files.writeString(csv, text + bad, StandardCharsets.UTF_8);
  }

  // --- processes ---

  /** Runs a project script from the project root, output to {@code log}; returns its exit code. */
  private static int run(List<String> cmd, Path log, long timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("RATING_BUILD_DIR", buildDir.toString());
    env.put("LOCAL_CLUSTER_DIR", clusterDir.toString());
    env.remove("SPARK_HOME"); // the stand-in Spark home of the build dir, whatever the machine has
    return waitFor(pb.start(), timeoutSeconds, cmd);
  }

  /** Runs a main class in a JVM like jobs/run-local.sh does, on this test's classpath. */
  private static int java(List<String> mainAndArgs, Path log, long timeoutSeconds) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(Arrays.asList(sparkJvmFlags().split("\\s+")));
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-Dlog4j.configurationFile=" + root.resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(testClasspath());
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return waitFor(pb.start(), timeoutSeconds, mainAndArgs);
  }

  private static int waitFor(Process p, long timeoutSeconds, List<String> what) throws InterruptedException {
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(what + " did not finish within " + timeoutSeconds + "s");
    }
    return p.exitValue();
  }

  private static String testClasspath() {
    // Surefire/failsafe put the test classpath in java.class.path (the JVM itself may have been
    // started from a manifest-only jar).
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static String sparkJvmFlags() throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"));
    var m = Pattern.compile("<spark\\.jvm\\.flags>(.*?)</spark\\.jvm\\.flags>").matcher(pom);
    return m.find() ? m.group(1).trim() : "";
  }

  private static String projectVersion() throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"));
    var m = Pattern.compile("<artifactId>customer-rating</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    if (!m.find()) {
      throw new AssertionError("no project version in pom.xml");
    }
    return m.group(1);
  }

  /**
   * Processes of this test's cluster: the daemons (their command line names the cluster dir) and
   * executors (they run in a worker's work dir under it).
   */
  static List<String> clusterProcesses() {
    List<String> out = new ArrayList<>();
    String dir = clusterDir.toString();
    try (Stream<Path> procs = Files.list(Paths.get("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String pid = p.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit) || pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ');
          String cwd = "";
          try {
            cwd = Files.readSymbolicLink(p.resolve("cwd")).toString();
          } catch (IOException | UnsupportedOperationException e) {
            // another user's process, or gone
          }
          if (cmdline.contains("-Dcustomer-rating.local-cluster=" + dir) || cwd.startsWith(dir + File.separator)) {
            out.add(pid + " " + cmdline.substring(0, Math.min(160, cmdline.length())));
          }
        } catch (IOException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot list /proc", e);
    }
    return out;
  }

  private static long countExecutorDirs() throws IOException {
    Path w = clusterDir.resolve("work");
    if (!Files.isDirectory(w)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(w, 3)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p)).count();
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Paths.get(d, tool)));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n--- " + log + " (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no " + log + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
