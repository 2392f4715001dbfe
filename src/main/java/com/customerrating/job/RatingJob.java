package com.customerrating.job;

import com.customerrating.common.CityYear;
import com.customerrating.common.ConfigException;
import com.customerrating.common.DeliveryResult;
import com.customerrating.common.RunIds;
import com.customerrating.common.Sessions;
import com.customerrating.config.JobConfig;
import com.customerrating.ingest.LandingZone;
import com.customerrating.report.AnalyticsStage;
import com.customerrating.scoring.RankingMethod;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's entry point, for {@code jobs/run-local.sh}, {@code java -jar} and {@code spark-submit}.
 *
 * <p>Exit codes, for schedulers: 0 every city and year published; 3 partial (some published, some
 * refused or failed: see run_log); 1 the run could not go ahead (bad config, unreadable landing
 * zone, a Spark or Delta error); 2 bad command line.
 */
@Command(name = "rating-job", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Rates the yearly customer datasets of a landing zone into Delta tables.")
public final class RatingJob implements Callable<Integer> {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_PARTIAL = 3;

  /** Seconds between progress lines while Spark works. */
  static final long PROGRESS_SECONDS = 15;

  @Option(names = "--input-root", paramLabel = "DIR", defaultValue = "data/sample",
      description = "Landing zone: <DIR>/<city>/<year>/*.csv (default: ${DEFAULT-VALUE}).")
  String inputRoot;

  @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = "warehouse",
      description = "Where the Delta tables go (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--quarantine", paramLabel = "DIR", defaultValue = "quarantine",
      description = "Where rejected rows go, apart from the warehouse (default: ${DEFAULT-VALUE}).")
  String quarantine;

  @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/datasets.yaml",
      description = "Dataset config; model files are found beside it (default: ${DEFAULT-VALUE}).")
  String conf;

  @Option(names = "--city", paramLabel = "NAME", split = ",",
      description = "Only this city (repeatable; default: every city in the landing zone).")
  List<String> cities = new ArrayList<>();

  @Option(names = "--year", paramLabel = "YYYY", split = ",",
      description = "Only this snapshot year, or 'previous' for the last complete year (repeatable; default: every year found).")
  List<String> years = new ArrayList<>();

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id written to every row and to run_log (default: UTC time plus a random suffix).")
  String runId;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not started by spark-submit (default: local[*]).")
  String master;

  @Option(names = "--ranking", paramLabel = "METHOD", defaultValue = "auto",
      description = "Percentile ranking: 'window' (a window per ranking scope: one task per scope), 'scalable' "
          + "(exact, spread over all tasks), or 'auto': scalable from " + RankingMethod.AUTO_SCALABLE_FROM
          + " rows in a scope (default: ${DEFAULT-VALUE}). All give identical results.")
  String ranking;

  @Option(names = "--shuffle-partitions", paramLabel = "N",
      description = "spark.sql.shuffle.partitions (default: 2 per core in local mode, else the cluster's setting).")
  Integer shufflePartitions;

  @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
      description = "Where the HTML reports go: <DIR>/<city>_<year>.html and index.html (default: ${DEFAULT-VALUE}).")
  String reportsDir;

  @Option(names = "--skip-analytics",
      description = "Write the ratings, quarantine and run_log only: no analytics tables, no HTML reports "
          + "(for a quick rerun of one delivery; a later full run brings the analytics up to date).")
  boolean skipAnalytics;

  private final PrintStream out;
  private final PrintStream err;

  /** A session handed in by an embedding program or a test; the job then neither builds nor stops one. */
  private final SparkSession given;

  public RatingJob() {
    this(System.out, System.err, null);
  }

  RatingJob(PrintStream out, PrintStream err, SparkSession given) {
    this.out = out;
    this.err = err;
    this.given = given;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the job and returns its exit code (for tests and wrappers). */
  public static int execute(String... args) {
    return new CommandLine(new RatingJob())
        .setExitCodeExceptionMapper(t -> EXIT_FAILED)
        .execute(args);
  }

  @Override
  public Integer call() {
    JobOptions opts;
    JobConfig config;
    try {
      config = JobConfig.load(Path.of(conf));
      RankingMethod method = RankingMethod.parse(ranking); // an unknown method is a usage error before any work
      opts = new JobOptions(inputRoot, warehouse, quarantine, conf, parseCities(), parseYears(),
          runId == null ? RunIds.newId() : RunIds.check(runId), method, reportsDir, !skipAnalytics);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return e instanceof ConfigException ? EXIT_FAILED : EXIT_USAGE;
    }
    for (String w : config.warnings()) {
      err.println("warning: " + w);
    }
    if (given != null) {
      return run(given, config, opts, out, err);
    }
    String masterUrl = masterUrl();
    SparkSession.Builder builder = Sessions.builder("customer-rating " + opts.runId(), masterUrl);
    boolean local = masterUrl != null && masterUrl.startsWith("local");
    if (shufflePartitions != null) {
      builder = builder.config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions));
    } else if (local && System.getProperty("spark.sql.shuffle.partitions") == null) {
      // Small local runs: Spark's default of 200 shuffle partitions is mostly empty tasks; large
      // ones get one per 64 MiB of input (JobRunner).
      int cores = Runtime.getRuntime().availableProcessors();
      // Reads of the staging copy (a few hundred MB of Parquet) are cut into at least 4 tasks per
      // core, not into 128 MB splits: with 3 splits on 2 cores a core idles a third of each scan.
      builder = builder.config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)))
          .config("spark.sql.files.minPartitionNum", String.valueOf(4 * cores))
          .config(JobRunner.AUTO_SHUFFLE_PARTITIONS, "true");
    }
    if (local && System.getProperty(SNAPSHOT_PARTITIONS) == null) {
      // A table's state (its list of files) is rebuilt by a Spark job at each new version and read
      // by one at each query: Delta's default of 50 tasks for it is 50 tasks per table read, where
      // a local run's tables hold a few hundred files; one task lists them.
      builder = builder.config(SNAPSHOT_PARTITIONS, "1");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      return run(spark, config, opts, out, err);
    } finally {
      spark.stop();
    }
  }

  /** The tasks of the job that rebuilds a Delta table's state (its list of files). */
  static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  /** One run on a given session; prints the summary and returns the exit code. */
  public static int run(SparkSession spark, JobConfig config, JobOptions opts, PrintStream out, PrintStream err) {
    long t0 = System.currentTimeMillis();
    java.util.function.Consumer<String> say = msg -> err.println("[" + Instant.now().toString().substring(11, 19) + "] " + msg);
    ProgressReporter reporter = new ProgressReporter(spark.sparkContext(), say, PROGRESS_SECONDS);
    JobRunner runner = new JobRunner(spark, config, opts, rows -> opts.rankingMethod().ranker(rows),
        msg -> {
          say.accept(msg);
          reporter.phase(msg);
        }, reporter::idle);
    // The run sizes the session from its input (JobRunner#sizeSession); a caller's session is
    // handed back with the settings it had.
    Map<String, scala.Option<String>> before = new java.util.LinkedHashMap<>();
    for (String key : JobRunner.SIZED_SETTINGS) {
      before.put(key, spark.conf().getOption(key));
    }
    try (reporter) {
      List<DeliveryResult> results;
      try {
        results = runner.run();
      } catch (LandingZone.LandingZoneException e) {
        err.println("error: " + e.getMessage());
        return EXIT_FAILED;
      } catch (Exception e) { // including AnalysisException, thrown undeclared from Scala
        err.println("error: run " + opts.runId() + " failed: " + oneLine(e));
        if (Boolean.getBoolean("rating.debug")) {
          e.printStackTrace(err);
        }
        return EXIT_FAILED;
      }
      // Analytics tables and HTML reports for what was published; a failure there is printed, and the run is partial.
      reporter.phase("analytics tables and reports");
      boolean analyticsOk = !opts.analytics() || AnalyticsStage.run(spark, config,
          new AnalyticsStage.Options(opts.warehouse(), opts.quarantine(), opts.runId(), opts.rankingMethod(),
              opts.reportsDir()), results, err);
      Summary.print(out, opts, config, results, runner.phaseMillis(), System.currentTimeMillis() - t0);
      boolean allOk = analyticsOk && results.stream().allMatch(DeliveryResult::ok);
      boolean noneOk = results.stream().noneMatch(DeliveryResult::ok);
      return allOk ? EXIT_OK : noneOk ? EXIT_FAILED : EXIT_PARTIAL;
    } finally {
      before.forEach((key, value) -> {
        if (value.isDefined()) {
          spark.conf().set(key, value.get());
        } else {
          spark.conf().unset(key);
        }
      });
    }
  }

  private String masterUrl() {
    if (master != null) {
      return master;
    }
    // Under spark-submit the master comes from spark.master; elsewhere run locally.
    return System.getProperty("spark.master") != null ? null : "local[*]";
  }

  private Set<String> parseCities() {
    Set<String> out = new LinkedHashSet<>();
    for (String c : cities) {
      if (!CityYear.CITY_NAME.matcher(c).matches()) {
        throw new IllegalArgumentException("--city: refused '" + c + "': a city name must match "
            + CityYear.CITY_NAME.pattern());
      }
      out.add(c);
    }
    return out;
  }

  private Set<Integer> parseYears() {
    Set<Integer> out = new LinkedHashSet<>();
    for (String y : years) {
      if ("previous".equals(y)) {
        out.add(Instant.now().atZone(ZoneOffset.UTC).getYear() - 1);
      } else if (LandingZone.YEAR.matcher(y).matches()) {
        out.add(Integer.parseInt(y));
      } else {
        throw new IllegalArgumentException("--year: expected a four-digit year or 'previous', got '" + y + "'");
      }
    }
    return out;
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getClass().getSimpleName() + ": " + root.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

}
