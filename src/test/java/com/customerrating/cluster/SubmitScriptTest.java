package com.customerrating.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/submit.sh's command line: Spark options first, then the job's; checked with --dry-run. */
class SubmitScriptTest {

  private static final Path ROOT = ScheduleFilesTest.ROOT;

  @TempDir
  static Path buildDir;

  record Result(int exit, String out) {}

  @BeforeAll
  static void needsBash() {
    assumeTrue(ScheduleFilesTest.onPath("bash"), "assuming bash is installed: it is not, skipping");
  }

  private static Result submit(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "jobs/submit.sh", "--dry-run"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("RATING_BUILD_DIR", buildDir.toString());
    pb.environment().remove("SPARK_HOME");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out);
  }

  /** The words of the printed command after the application jar: the job's options. */
  private static String jobPart(String out) {
    int i = out.indexOf("-app.jar ");
    assertTrue(i >= 0, out);
    return out.substring(i + "-app.jar ".length()).trim();
  }

  private static String sparkPart(String out) {
    return out.substring(0, out.indexOf("-app.jar "));
  }

  @Test
  void sparkOptionsThenJobOptionsAfterDoubleDash() throws Exception {
    Result r = submit("--master", "spark://127.0.0.1:7077", "--profile", "standalone", "--executor-memory", "1g",
        "--", "--input-root", "/in", "--warehouse", "/wh", "--year", "previous");
    assertEquals(0, r.exit(), r.out());
    String spark = sparkPart(r.out());
    assertTrue(spark.contains("org.apache.spark.deploy.SparkSubmit"), r.out());
    assertTrue(spark.contains("--master spark://127.0.0.1:7077"), r.out());
    assertTrue(spark.contains("--properties-file " + ROOT.resolve("conf/profiles/standalone.conf")), r.out());
    assertTrue(spark.contains("--class com.customerrating.job.RatingJob"), r.out());
    assertTrue(spark.contains("spark.executor.extraJavaOptions=-XX:+IgnoreUnrecognizedVMOptions\\ --add-opens"), r.out());
    assertTrue(spark.contains("spark.driver.host=127.0.0.1"), r.out());
    assertEquals("--input-root /in --warehouse /wh --year previous --conf " + ROOT.resolve("conf/datasets.yaml"),
        jobPart(r.out()));
  }

  @Test
  void jobOptionsMayFollowTheSparkOptionsDirectly() throws Exception {
    Result r = submit("--profile", "local", "--conf", "spark.sql.shuffle.partitions=4",
        "--input-root", "/in", "--conf", "/etc/rating/datasets.yaml", "--city", "hangzhou");
    assertEquals(0, r.exit(), r.out());
    assertTrue(sparkPart(r.out()).contains("--conf spark.sql.shuffle.partitions=4"), r.out());
    assertEquals("--input-root /in --conf /etc/rating/datasets.yaml --city hangzhou", jobPart(r.out()));
  }

  @Test
  void ambiguousOrMisplacedOptionsAreUsageErrors() throws Exception {
    assertEquals(2, submit("--conf", "conf/datasets.yaml").exit(), "the job's --conf before its options");
    assertEquals(2, submit("--input-root", "/in", "--master", "local").exit(), "--master among job options");
    assertEquals(2, submit("--profile", "no-such-profile").exit());
    assertEquals(2, submit("--master").exit());
  }

  @Test
  void profileJavaOptionsAreKeptAfterTheJava17Flags() throws Exception {
    Result r = submit("--profile", "local", "--conf", "spark.executor.extraJavaOptions=-XX:+UseG1GC", "--", "--city", "x");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("-Duser.timezone=UTC\\ -XX:+UseG1GC"), r.out());
  }
}
