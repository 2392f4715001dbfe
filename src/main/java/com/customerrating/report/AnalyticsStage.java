package com.customerrating.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.customerrating.common.CityYear;
import com.customerrating.common.DeliveryResult;
import com.customerrating.common.TableNames;
import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.model.RatingModel;
import com.customerrating.scoring.PercentileRanker;
import com.customerrating.scoring.RankingMethod;
import com.customerrating.sink.DeltaSink;
import com.customerrating.sink.TableSpec;
import com.customerrating.sink.Tables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * After the ratings are written: the analytics tables, then one HTML report per city and year.
 *
 * <p>Which partitions: every city-year this run published, plus, for the year-over-year tables,
 * the next year of the same city where the warehouse holds it (its migration and churn depend on
 * the year just republished). Each table is replaced for exactly those city-years, in one
 * {@code replaceWhere} commit per table ({@link DeltaSink#replacePartitions}).
 *
 * <p>A failure here leaves the published ratings as they are; it is printed and reported to the
 * caller, which turns it into a non-zero exit code.
 */
public final class AnalyticsStage {

  public static final String TIER_SUMMARY = TableNames.TIER_SUMMARY;
  public static final String TIER_MIGRATION = TableNames.TIER_MIGRATION;
  public static final String MIGRATION_SUMMARY = TableNames.MIGRATION_SUMMARY;
  public static final String CHURN_ALERTS = TableNames.CHURN_ALERTS;
  public static final String RFM_SEGMENTS = TableNames.RFM_SEGMENTS;
  public static final String CUSTOMER_PYRAMID = TableNames.CUSTOMER_PYRAMID;
  public static final String CONVERSION_BY_GRADE = TableNames.CONVERSION_BY_GRADE;

  public static final List<String> TABLES = TableNames.ANALYTICS;

  /**
   * Where the stage reads and writes, and how it ranks.
   *
   * @param runId written to every analytics row and shown in the reports
   */
  public record Options(String warehouse, String quarantine, String runId, RankingMethod rankingMethod,
      String reportsDir) {}

  private AnalyticsStage() {}

  /**
   * The analytics tables a model's roles allow, each with the reason it is skipped otherwise
   * (null: the table is written). The year-over-year tables need tiers only.
   */
  public static Map<String, String> skipped(ModelView m) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(RFM_SEGMENTS, m.roles().rfm() ? null
        : "needs the revenue, last_activity and frequency roles, and the model file does not give them all");
    out.put(CUSTOMER_PYRAMID, m.revenue() != null ? null : "needs the revenue role (earned revenue)");
    out.put(CONVERSION_BY_GRADE, m.roles().outcome() != null ? null : "needs the outcome role");
    return out;
  }

  /**
   * Writes the analytics tables and the reports for the city-years {@code results} published.
   *
   * @return false when the stage failed (the message went to {@code err})
   */
  public static boolean run(SparkSession spark, JobConfig config, Options opts, List<DeliveryResult> results,
      PrintStream err) {
    try {
      long t0 = System.currentTimeMillis();
      Set<CityYear> published = new TreeSet<>(ORDER);
      Map<CityYear, Long> rows = new TreeMap<>(ORDER);
      for (DeliveryResult r : results) {
        if (r.ok()) {
          published.add(new CityYear(r.city(), r.year()));
          rows.put(new CityYear(r.city(), r.year()), r.rowsAccepted());
        }
      }
      if (published.isEmpty()) {
        log(err, "analytics: nothing was published in this run; analytics tables and reports unchanged");
        return true;
      }
      ReportConfig rc = ReportConfig.forDatasetConfig(config.file());
      Set<CityYear> affected = writeTables(spark, config, rc, opts, published, rows, err);
      log(err, "writing reports for " + affected.size() + " city-years into " + opts.reportsDir());
      List<Path> files = new ReportWriter(spark, config, rc, opts.warehouse(), opts.quarantine(), opts.runId())
          .writeAll(affected, Path.of(opts.reportsDir()));
      log(err, String.format("analytics and reports done in %.1fs: %s", (System.currentTimeMillis() - t0) / 1000.0,
          files.stream().map(p -> p.getFileName().toString()).toList()));
      return true;
    } catch (Exception e) /* AnalysisException is thrown undeclared from Scala */ {
      err.println("error: analytics and reports of run " + opts.runId() + " failed (the ratings stay published): "
          + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
      if (Boolean.getBoolean("rating.debug")) {
        e.printStackTrace(err);
      }
      return false;
    }
  }

  /** Computes and writes every analytics table; returns the city-years written. */
  static Set<CityYear> writeTables(SparkSession spark, JobConfig config, ReportConfig rc, Options opts,
      Set<CityYear> published, Map<CityYear, Long> rows, PrintStream err) {
    // The rankings of rfm_segments and customer_pyramid, chosen as for the ratings: a window per
    // city-year for small populations, the scalable form for large ones (or as --ranking says).
    long largest = published.stream().mapToLong(p -> rows.getOrDefault(p, 0L)).max().orElse(0L);
    PercentileRanker ranker = opts.rankingMethod().ranker(largest);
    Map<String, MonthDay> asOf = new TreeMap<>();
    for (DatasetConfig d : config.datasets().values()) {
      asOf.put(d.city(), d.asOf());
    }
    Map<String, List<Dataset<Row>>> outputs = new LinkedHashMap<>();
    Map<String, Set<CityYear>> parts = new LinkedHashMap<>();
    for (String t : TABLES) {
      outputs.put(t, new ArrayList<>());
      parts.put(t, new TreeSet<>(ORDER));
    }
    Set<CityYear> allAffected = new TreeSet<>(ORDER);
    List<Dataset<Row>> cached = new ArrayList<>();

    Map<String, Set<String>> citiesByModel = new TreeMap<>();
    for (CityYear p : published) {
      DatasetConfig d = config.dataset(p.city());
      citiesByModel.computeIfAbsent(d.model().id(), k -> new TreeSet<>()).add(p.city());
    }
    try {
      for (Map.Entry<String, Set<String>> e : citiesByModel.entrySet()) {
        RatingModel model = config.models().get(e.getKey());
        ModelView mv = ModelView.of(model);
        Dataset<Row> table = spark.read().format("delta").load(Tables.path(opts.warehouse(), mv.table()))
            .where(col("city").isin(e.getValue().toArray()));
        Set<CityYear> existing = new TreeSet<>(ORDER);
        for (Row r : table.select("city", "snapshot_year").distinct().collectAsList()) { // one row per city-year
          existing.add(new CityYear(r.getString(0), r.getInt(1)));
        }
        Set<CityYear> affected = new TreeSet<>(ORDER);
        for (CityYear p : published) {
          if (e.getValue().contains(p.city())) {
            affected.add(p);
            CityYear next = new CityYear(p.city(), p.year() + 1);
            if (existing.contains(next)) {
              affected.add(next);
            }
          }
        }
        Set<CityYear> needed = new TreeSet<>(ORDER);
        needed.addAll(affected);
        for (CityYear p : affected) {
          CityYear prev = new CityYear(p.city(), p.year() - 1);
          if (existing.contains(prev)) {
            needed.add(prev);
          }
        }
        log(err, "analytics for model " + mv.modelId() + ": " + names(affected) + " (reading " + names(needed) + ")");
        Dataset<Row> ratings = table.where(CityYear.predicate(needed)).persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(ratings);
        Dataset<Row> same = ratings.where(CityYear.predicate(affected));
        String inAffected = CityYear.predicate(affected);

        add(outputs, parts, TIER_SUMMARY, Analytics.tierSummary(same, mv), affected);
        add(outputs, parts, TIER_MIGRATION, Analytics.tierMigration(ratings, mv).where(inAffected), affected);
        add(outputs, parts, MIGRATION_SUMMARY, Analytics.migrationSummary(ratings, mv).where(inAffected), affected);
        add(outputs, parts, CHURN_ALERTS, Analytics.churnAlerts(ratings, mv, rc).where(inAffected), affected);
        Map<String, String> skipped = skipped(mv);
        if (skipped.get(RFM_SEGMENTS) == null) {
          add(outputs, parts, RFM_SEGMENTS, Analytics.rfmSegments(same, mv, rc, asOf, ranker), affected);
        }
        if (skipped.get(CUSTOMER_PYRAMID) == null) {
          add(outputs, parts, CUSTOMER_PYRAMID, Analytics.customerPyramid(same, mv, rc, ranker), affected);
        }
        if (skipped.get(CONVERSION_BY_GRADE) == null) {
          add(outputs, parts, CONVERSION_BY_GRADE, Analytics.conversionByGrade(same, mv), affected);
        }
        allAffected.addAll(affected);
      }
      // The tables are independent: written side by side, each one commit, so that while one
      // waits on the driver (set-up, planning, its commit) another keeps the executors busy.
      List<java.util.concurrent.Callable<Void>> writes = new ArrayList<>();
      for (String t : TABLES) {
        List<Dataset<Row>> dfs = outputs.get(t);
        if (dfs.isEmpty()) {
          continue;
        }
        writes.add(() -> {
          Dataset<Row> df = dfs.get(0);
          for (int i = 1; i < dfs.size(); i++) {
            df = df.unionByName(dfs.get(i));
          }
          List<String> columns = new ArrayList<>(Arrays.asList(df.columns()));
          columns.add("run_id");
          log(err, "writing " + t + " for " + names(parts.get(t)));
          Dataset<Row> rowsOut = df.withColumn("run_id", lit(opts.runId())).coalesce(1);
          return com.customerrating.common.Sessions.inPool(spark, "analytics " + t, () -> {
            DeltaSink.replacePartitions(rowsOut, columns, Tables.path(opts.warehouse(), t), parts.get(t), spec(t));
            return null;
          });
        });
      }
      inParallel(writes);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
    return allAffected;
  }

  /** Runs the tasks on a few threads; every one runs to its end, then the first failure is thrown. */
  static void inParallel(List<java.util.concurrent.Callable<Void>> tasks) {
    java.util.concurrent.ExecutorService pool = com.customerrating.common.DaemonThreads.pool("analytics-writer",
        Math.min(PARALLEL_WRITES, tasks.size()));
    try {
      RuntimeException failure = null;
      for (java.util.concurrent.Future<Void> f : pool.invokeAll(tasks)) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof Exception ex ? DeltaSink.unchecked(ex) : new IllegalStateException(e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the analytics tables were written", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Analytics tables written at once. */
  static final int PARALLEL_WRITES = 4;

  private static final String SHARE = " IS NULL OR (%1$s >= 0 AND %1$s <= 1)";

  /** NOT NULL keys and CHECK constraints of each analytics table: an impossible row fails the commit. */
  static TableSpec spec(String table) {
    Set<String> notNull = new TreeSet<>(List.of("city", "snapshot_year", "model_id", "run_id"));
    Map<String, String> checks = new LinkedHashMap<>();
    switch (table) {
      case TIER_SUMMARY -> {
        notNull.addAll(List.of("tier", "customers", "customer_share"));
        checks.put("shares_in_range", share("customer_share") + " AND " + share("revenue_share") + " AND customers >= 0");
      }
      case TIER_MIGRATION -> {
        notNull.addAll(List.of("from_year", "from_tier", "to_tier", "direction", "customers"));
        checks.put("migration_valid", "customers > 0 AND from_year = snapshot_year - 1 AND direction IN ('up', 'down', 'same')");
      }
      case MIGRATION_SUMMARY -> {
        notNull.addAll(List.of("from_year", "retained", "upgraded", "downgraded", "unchanged"));
        checks.put("summary_valid", "retained = upgraded + downgraded + unchanged AND " + share("upgrade_rate")
            + " AND " + share("retention_rate"));
      }
      case CHURN_ALERTS -> {
        notNull.addAll(List.of("from_year", "customer_id", "prev_tier", "reasons", "severity"));
        checks.put("alert_valid", "size(reasons) > 0 AND from_year = snapshot_year - 1");
      }
      case RFM_SEGMENTS -> {
        notNull.addAll(List.of("customer_id", "r_score", "f_score", "m_score", "segment", "as_of_date"));
        checks.put("scores_valid", "r_score BETWEEN 1 AND 9 AND f_score BETWEEN 1 AND 9 AND m_score BETWEEN 1 AND 9");
      }
      case CUSTOMER_PYRAMID -> {
        notNull.addAll(List.of("layer", "customers", "customer_share"));
        checks.put("shares_in_range", share("customer_share") + " AND " + share("revenue_share") + " AND "
            + share("pareto_revenue_share"));
      }
      case CONVERSION_BY_GRADE -> {
        notNull.addAll(List.of("grade", "customers", "purchasers", "customers_with_outcome"));
        checks.put("conversion_valid", "purchasers <= customers_with_outcome AND customers_with_outcome <= customers AND "
            + share("conversion_rate"));
      }
      default -> throw new IllegalArgumentException("unknown analytics table " + table);
    }
    return new TableSpec(notNull, checks);
  }

  private static String share(String column) {
    return "(" + column + String.format(SHARE, column) + ")";
  }

  private static void add(Map<String, List<Dataset<Row>>> outputs, Map<String, Set<CityYear>> parts, String table,
      Dataset<Row> df, Set<CityYear> affected) {
    outputs.get(table).add(df);
    parts.get(table).addAll(affected);
  }

  /** Whether a Delta table exists at path (reports skip sections whose table is absent). */
  static boolean exists(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path, "_delta_log");
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static final Comparator<CityYear> ORDER = CityYear.ORDER;

  private static String names(Set<CityYear> ps) {
    return ps.stream().map(p -> p.city() + "/" + p.year()).toList().toString();
  }

  private static void log(PrintStream err, String msg) {
    err.println("[" + Instant.now().toString().substring(11, 19) + "] " + msg);
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
