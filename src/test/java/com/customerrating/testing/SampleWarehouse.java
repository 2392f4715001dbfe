package com.customerrating.testing;

import com.customerrating.scoring.RankingMethod;
import com.customerrating.config.JobConfig;
import com.customerrating.job.JobOptions;
import com.customerrating.job.RatingJob;
import com.customerrating.sample.SampleDataGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The default sample landing zone, generated once per test JVM, and helpers to run the job on it
 * in-process with the shared session.
 */
public final class SampleWarehouse {

  private static Path landingZone;
  private static Path built;

  private SampleWarehouse() {}

  /** The bundled sample data (701 Hangzhou, 601 Chengdu and 360 Suzhou rows for 2024 and 2025). */
  public static synchronized Path landingZone() {
    if (landingZone == null) {
      try {
        Path dir = Files.createTempDirectory("sample-landing");
        SampleDataGenerator.generate(dir, new SampleDataGenerator.Options());
        landingZone = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return landingZone;
  }

  /** One full run on the sample data with run id {@code sample}: a warehouse tests may only read. */
  public static synchronized Path warehouseRoot() {
    if (built == null) {
      try {
        Path root = Files.createTempDirectory("sample-run");
        Run r = run(landingZone(), root, "sample", Set.of(), Set.of());
        if (r.exitCode() != 0) {
          throw new IllegalStateException("sample run failed: " + r.stderr());
        }
        built = root;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return built;
  }

  /** What an in-process run printed and returned. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /** Runs the job in-process: warehouse in {@code root}/warehouse, quarantine in {@code root}/quarantine. */
  public static Run run(Path input, Path root, String runId, Set<String> cities, Set<Integer> years) {
    return run(input, root, runId, cities, years, true);
  }

  /** As {@link #run(Path, Path, String, Set, Set)}; {@code analytics} false skips the analytics tables and reports. */
  public static Run run(Path input, Path root, String runId, Set<String> cities, Set<Integer> years, boolean analytics) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    JobOptions opts = new JobOptions(input.toString(), root.resolve("warehouse").toString(),
        root.resolve("quarantine").toString(), Fixtures.CONF.toString(), cities, years, runId,
        RankingMethod.WINDOW, root.resolve("reports").toString(), analytics);
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = RatingJob.run(SparkTestSession.get(), JobConfig.load(Fixtures.CONF), opts, o, e);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public static String table(Path root, String table) {
    String base = table.equals("rejected_records") ? "quarantine" : "warehouse";
    return root.resolve(base).resolve(table).toString();
  }
}
