package com.customerrating.fault;

import com.customerrating.scoring.RankingMethod;
import com.customerrating.config.JobConfig;
import com.customerrating.job.JobOptions;
import com.customerrating.job.RatingJob;
import com.customerrating.sample.SampleDataGenerator;
import com.customerrating.testing.ChildJvm;
import com.customerrating.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs the job in this JVM or as a separate {@code java} process, and reads tables back. */
final class JobProcess {

  static final Path CONF = Path.of("conf/datasets.yaml").toAbsolutePath();
  static final Path LOG_CONF = Path.of("conf/log4j2.properties").toAbsolutePath();

  private JobProcess() {}

  /** A small, valid landing zone of the two cities the fault tests are written for (Hangzhou, Chengdu). */
  static Path sample(Path root, int rows, long seed, Integer... years) throws IOException {
    SampleDataGenerator.generate(root, new SampleDataGenerator.Options().rows(rows).seed(seed).years(years)
        .cities(SampleDataGenerator.HANGZHOU, SampleDataGenerator.CHENGDU));
    return root;
  }

  /** Exit code and the captured standard output and error of one run. */
  record Outcome(int exit, String out, String err) {
    String all() {
      return out + "\n" + err;
    }
  }

  /** For runs whose test reads only the ratings, quarantine and run_log: the analytics stage is skipped. */
  static final String SKIP_ANALYTICS = "--skip-analytics";

  /** One run of the job in this JVM, on the shared test session. */
  static Outcome runInProcess(Path input, Path warehouse, Path quarantine, String runId, String... extra) {
    return runInProcess(CONF, input, warehouse, quarantine, runId, extra);
  }

  static Outcome runInProcess(Path conf, Path input, Path warehouse, Path quarantine, String runId, String... extra) {
    Set<String> cities = new LinkedHashSet<>();
    Set<Integer> years = new LinkedHashSet<>();
    boolean analytics = true;
    for (int i = 0; i < extra.length; i++) {
      if (extra[i].equals("--city")) {
        cities.add(extra[++i]);
      } else if (extra[i].equals("--year")) {
        years.add(Integer.parseInt(extra[++i]));
      } else if (extra[i].equals(SKIP_ANALYTICS)) {
        analytics = false;
      } else {
        throw new IllegalArgumentException("runInProcess: unsupported option " + extra[i]);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SparkSession spark = SparkTestSession.get();
    int exit = RatingJob.run(spark, JobConfig.load(conf), new JobOptions(input.toString(), warehouse.toString(),
        quarantine.toString(), conf.toString(), cities, years, runId, RankingMethod.WINDOW,
        warehouse.resolveSibling(warehouse.getFileName() + "-reports").toString(), analytics),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The java command that runs the job's main class with this JVM's class path and Spark flags. */
  static List<String> command(List<String> sysProps, List<String> args) {
    List<String> jobArgs = new ArrayList<>(List.of("--master", "local[2]", "--shuffle-partitions", "2", "--conf",
        CONF.toString()));
    jobArgs.addAll(args);
    return ChildJvm.ratingJob("768m", LOG_CONF, sysProps, jobArgs);
  }


  /** Starts the job as a separate process; standard output and error go to files in {@code dir}. */
  static Process start(Path dir, String name, List<String> sysProps, List<String> args) throws IOException {
    Files.createDirectories(dir);
    return new ProcessBuilder(command(sysProps, args)).directory(new File(".").getAbsoluteFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }

  static Outcome await(Process p, Path dir, String name) throws Exception {
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(name + ": the job process did not end");
    }
    return new Outcome(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
  }

  static Outcome run(Path dir, String name, List<String> sysProps, List<String> args) throws Exception {
    return await(start(dir, name, sysProps, args), dir, name);
  }

  /**
   * Starts the job and kills it with SIGKILL ({@code destroyForcibly}) as soon as a line of its
   * standard error matches {@code when}. Returns the exit code and the captured output.
   */
  static Outcome killWhen(Path dir, String name, List<String> args, Predicate<String> when) throws Exception {
    Files.createDirectories(dir);
    Process p = new ProcessBuilder(command(List.of(), args)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    StringBuilder seen = new StringBuilder();
    try (InputStream in = p.getInputStream()) {
      java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        seen.append(line).append('\n');
        if (when.test(line)) {
          p.destroyForcibly();
          break;
        }
      }
    }
    p.waitFor(2, TimeUnit.MINUTES);
    return new Outcome(p.exitValue(), seen.toString(), "");
  }

  /** Every row of a Delta table (run_id and time columns left out), as sorted text; empty when the table does not exist. */
  static List<String> rows(Path table, String... drop) {
    SparkSession spark = SparkTestSession.get();
    if (!Files.isDirectory(table.resolve("_delta_log"))) {
      return List.of();
    }
    return spark.read().format("delta").load(table.toString()).drop(drop).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }

  static void copyTree(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
