package com.customerrating.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.customerrating.common.CityYear;
import com.customerrating.common.DeliveryResult;
import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.ingest.Delivery;
import com.customerrating.ingest.DuplicateIds;
import com.customerrating.ingest.LandingZone;
import com.customerrating.ingest.RawReader;
import com.customerrating.ingest.RawReader.RawDelivery;
import com.customerrating.ingest.RowValidator;
import com.customerrating.ingest.Validator;
import com.customerrating.model.RatingModel;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.scoring.ModelScorer;
import com.customerrating.scoring.PercentileRanker;
import com.customerrating.sink.CrashPoint;
import com.customerrating.sink.DeltaSink;
import com.customerrating.sink.RunLog;
import com.customerrating.sink.Staging;
import com.customerrating.sink.Tables;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * One run: landing zone → validation → scoring → Delta, each model's deliveries in a round of
 * their own (the rounds side by side, see {@link #runModels}). Reading and writing stay at the
 * edges (RawReader, Staging, DeltaSink); everything between is pure transforms. Only summary rows
 * come back to the driver: per delivery, per tier, per landing file holding a duplicated id.
 */
public final class JobRunner {

  private final SparkSession spark;
  private final JobConfig config;
  private final JobOptions opts;
  private final java.util.function.LongFunction<PercentileRanker> rankerFor;
  private final Consumer<String> progress;
  private final Runnable idle;
  private final Map<String, Long> phaseMillis = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

  /**
   * @param rankerFor the percentile ranker to use, given the rows of the largest ranking population
   * @param progress takes the progress messages; each names the calling thread's phase
   * @param idle called by a thread that has no phase any more (it waits for the models, or its
   *     model is done)
   */
  public JobRunner(SparkSession spark, JobConfig config, JobOptions opts,
      java.util.function.LongFunction<PercentileRanker> rankerFor,
      Consumer<String> progress, Runnable idle) {
    this.spark = spark;
    this.config = config;
    this.opts = opts;
    this.rankerFor = rankerFor;
    this.progress = progress;
    this.idle = idle;
  }

  /**
   * Each model's deliveries run side by side, one thread per model, on the one session: their
   * tables differ (the quarantine is shared, by partition, and Delta commits disjoint partitions
   * concurrently), and while one waits on the driver (planning, commits, a one-task stage) the
   * other keeps the executors busy. Every model runs to its end; the first failure is then thrown.
   *
   * @param splitLines {@link RawReader#SPLIT_LINES}, as read once at the start of {@link #run}
   */
  private List<DeliveryResult> runModels(Map<String, List<Delivery>> byModel, boolean splitLines) {
    if (byModel.size() <= 1 || !Boolean.parseBoolean(spark.conf().get(MODELS_IN_PARALLEL, "true"))) {
      List<DeliveryResult> out = new ArrayList<>();
      for (List<Delivery> group : byModel.values()) {
        out.addAll(runModel(group.get(0).dataset().model(), group, splitLines));
      }
      return out;
    }
    java.util.concurrent.ExecutorService pool = com.customerrating.common.DaemonThreads.pool("model-runner", byModel.size());
    try {
      List<java.util.concurrent.Future<List<DeliveryResult>>> running = new ArrayList<>();
      for (List<Delivery> group : byModel.values()) {
        running.add(pool.submit(() -> {
          try {
            RatingModel model = group.get(0).dataset().model();
            return com.customerrating.common.Sessions.inPool(spark, "model " + model.id(),
                () -> runModel(model, group, splitLines));
          } finally {
            idle.run();
          }
        }));
      }
      idle.run(); // this thread only waits for the models now
      List<DeliveryResult> out = new ArrayList<>();
      RuntimeException failure = null;
      for (java.util.concurrent.Future<List<DeliveryResult>> f : running) {
        try {
          out.addAll(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof Exception ex ? DeltaSink.unchecked(ex) : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the models ran", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Each configured city's as-of month-day. */
  private Map<String, java.time.MonthDay> asOfByCity() {
    Map<String, java.time.MonthDay> out = new TreeMap<>();
    for (DatasetConfig d : config.datasets().values()) {
      out.put(d.city(), d.asOf());
    }
    return out;
  }

  /** Milliseconds spent per phase in the last run, per model ("model-id phase"). */
  public Map<String, Long> phaseMillis() {
    return phaseMillis;
  }

  public List<DeliveryResult> run() {
    boolean splitLines = RawReader.splitLines(spark); // a bad setting fails here, before any file is read
    List<Delivery> deliveries = LandingZone.discover(spark.sparkContext().hadoopConfiguration(),
        opts.inputRoot(), config, opts.cities(), opts.years());
    sizeSession(deliveries);
    Map<String, List<Delivery>> byModel = new TreeMap<>();
    for (Delivery d : deliveries) {
      byModel.computeIfAbsent(d.dataset().model().id(), k -> new ArrayList<>()).add(d);
    }
    List<DeliveryResult> results = runModels(byModel, splitLines);
    long t = System.currentTimeMillis();
    progress.accept("writing run_log for " + results.size() + " deliveries");
    RunLog.append(spark, Tables.path(opts.warehouse(), Tables.RUN_LOG), opts.runId(), results);
    phaseMillis.merge("run_log", System.currentTimeMillis() - t, Long::sum);
    return results;
  }

  private List<DeliveryResult> runModel(RatingModel model, List<Delivery> deliveries, boolean splitLines) {
    long started = System.currentTimeMillis();
    DatasetSchema schema = model.inputs();
    Map<CityYear, String> unreadable = new LinkedHashMap<>();
    Map<CityYear, Delivery> readable = new LinkedHashMap<>();
    List<RawDelivery> raws = new ArrayList<>();
    Dataset<Row> rowChecked = null;
    for (Delivery d : deliveries) {
      CityYear p = new CityYear(d.city(), d.year());
      try {
        if (d.refusal() != null) {
          throw new RawReader.DeliveryException(d.refusal());
        }
        d.skipped().forEach(f -> progress.accept("skipped " + f));
        progress.accept("reading " + d.key() + " (" + d.files().size() + " file(s), model " + model.id() + ")");
        RawDelivery raw = RawReader.read(spark, d, schema, splitLines);
        Dataset<Row> v = Validator.validate(raw, schema);
        rowChecked = rowChecked == null ? v : rowChecked.unionByName(v);
        raws.add(raw);
        readable.put(p, d);
      } catch (RawReader.DeliveryException e) {
        unreadable.put(p, e.getMessage());
        progress.accept("refused " + d.key() + ": " + e.getMessage());
      }
    }
    List<DeliveryResult> results = new ArrayList<>();
    for (Delivery d : deliveries) {
      CityYear p = new CityYear(d.city(), d.year());
      if (unreadable.containsKey(p)) {
        results.add(new DeliveryResult(d.city(), d.year(), model.id(), model.version(), d.files(), d.skipped(), 0, 0, 0,
            DeliveryResult.REJECTED_DELIVERY, unreadable.get(p), Map.of(), started, System.currentTimeMillis()));
      }
    }
    if (rowChecked == null) {
      return results;
    }
    Staging staging = new Staging(spark, opts.quarantine(), opts.runId(), model.id());
    Staging judgedCopies = new Staging(spark, opts.quarantine(), opts.runId(), model.id() + "-copies");
    Dataset<Row> groups = null;
    try {
      long t = System.currentTimeMillis();
      // The one pass over the landing files: every row checked, written once, columnar. Every
      // later step reads the columns it needs from here (the raw text only for rejected rows).
      progress.accept("checking every row of " + named(readable.keySet()) + " (model " + model.id() + ")");
      Dataset<Row> staged = staging.write(rowChecked.drop(RowValidator.CONTENT));
      phaseMillis.merge(model.id() + " read_validate", System.currentTimeMillis() - t, Long::sum);

      t = System.currentTimeMillis();
      progress.accept("counting rows and duplicate ids of " + named(readable.keySet()) + " (model " + model.id() + ")");
      groups = DuplicateIds.groups(staged).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> validated = withDuplicateRule(staged, groups, raws, schema, judgedCopies);
      Map<CityYear, long[]> counts = countByCityYear(validated);
      CrashPoint.reach("after_read");
      phaseMillis.merge(model.id() + " duplicates_counts", System.currentTimeMillis() - t, Long::sum);

      Map<CityYear, String> refused = new LinkedHashMap<>();
      List<CityYear> publish = new ArrayList<>();
      for (Map.Entry<CityYear, Delivery> e : readable.entrySet()) {
        long[] c = counts.getOrDefault(e.getKey(), new long[2]);
        long read = c[0];
        long rejected = c[0] - c[1];
        BigDecimal max = e.getValue().dataset().maxRejectRate();
        if (read == 0) {
          refused.put(e.getKey(), "no data rows in " + e.getValue().files());
        } else if (BigDecimal.valueOf(rejected).compareTo(max.multiply(BigDecimal.valueOf(read))) > 0) {
          refused.put(e.getKey(), String.format("%d of %d rows rejected (%.1f%%), above max_reject_rate %s: "
              + "not published, the previous rows stay", rejected, read, 100.0 * rejected / read, max.toPlainString()));
        } else {
          publish.add(e.getKey());
        }
        progress.accept("validated " + e.getKey().city() + "/" + e.getKey().year() + ": " + read + " rows read, "
            + (read - rejected) + " accepted, " + rejected + " rejected");
      }

      t = System.currentTimeMillis();
      String quarantinePath = Tables.path(opts.quarantine(), Tables.REJECTED_RECORDS);
      progress.accept("writing " + Tables.REJECTED_RECORDS + " for " + named(readable.keySet()));
      Dataset<Row> rejected = Validator.rejected(validated);
      if (readable.keySet().stream().allMatch(p -> {
        long[] c = counts.getOrDefault(p, new long[2]);
        return c[0] == c[1];
      })) {
        // The counts say no row was rejected: the commit only replaces the deliveries' partitions
        // (a rerun's earlier rejects go), without reading the staged rows again (limit 0 plans no scan).
        rejected = rejected.limit(0);
      }
      DeltaSink.replacePartitions(rejected.withColumn("run_id", lit(opts.runId())),
          Tables.REJECTED_COLUMNS, quarantinePath, readable.keySet());
      phaseMillis.merge(model.id() + " write_quarantine", System.currentTimeMillis() - t, Long::sum);
      CrashPoint.reach("after_quarantine_commit");

      String table = model.table();
      String tierCol = model.grading().column();
      String ratingsPath = Tables.path(opts.warehouse(), table);
      Map<CityYear, Map<String, Long>> tiers = new HashMap<>();
      Map<CityYear, Long> written = new HashMap<>();
      if (!publish.isEmpty()) {
        t = System.currentTimeMillis();
        progress.accept("scoring and writing " + table + " for " + named(publish));
        Dataset<Row> accepted = Validator.accepted(validated).where(CityYear.predicate(publish));
        PercentileRanker ranker = rankerFor.apply(largestScope(counts, publish));
        Dataset<Row> scored = ModelScorer.score(accepted, model, ranker, asOfByCity());
        DeltaSink.replacePartitions(scored.withColumn("run_id", lit(opts.runId())), Tables.ratingColumns(model),
            ratingsPath, publish, Tables.ratingsSpec(config.modelsOfTable(table)));
        CrashPoint.reach("after_ratings_commit");
        phaseMillis.merge(model.id() + " score_write", System.currentTimeMillis() - t, Long::sum);

        t = System.currentTimeMillis();
        for (Row r : spark.read().format("delta").load(ratingsPath).where(CityYear.predicate(publish))
            .groupBy("city", "snapshot_year", tierCol).count().collectAsList()) { // tiers × deliveries rows
          CityYear p = new CityYear(r.getString(0), r.getInt(1));
          tiers.computeIfAbsent(p, k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
          written.merge(p, r.getLong(3), Long::sum);
        }
        phaseMillis.merge(model.id() + " verify", System.currentTimeMillis() - t, Long::sum);
      }
      Map<CityYear, Long> quarantined = new HashMap<>();
      for (Row r : spark.read().format("delta").load(quarantinePath).where(CityYear.predicate(readable.keySet()))
          .groupBy("city", "snapshot_year").count().collectAsList()) { // one row per delivery
        quarantined.put(new CityYear(r.getString(0), r.getInt(1)), r.getLong(2));
      }

      long ended = System.currentTimeMillis();
      for (Map.Entry<CityYear, Delivery> e : readable.entrySet()) {
        CityYear p = e.getKey();
        long[] c = counts.getOrDefault(p, new long[2]);
        long rejectedWritten = quarantined.getOrDefault(p, 0L);
        String outcome;
        String message;
        long acceptedOut = c[1];
        if (refused.containsKey(p)) {
          outcome = DeliveryResult.REJECTED_DELIVERY;
          message = refused.get(p);
        } else {
          long acceptedWritten = written.getOrDefault(p, 0L);
          if (acceptedWritten + rejectedWritten != c[0]) {
            outcome = DeliveryResult.FAILED;
            message = "count check failed: " + c[0] + " rows read but " + acceptedWritten + " rated + "
                + rejectedWritten + " quarantined";
          } else {
            outcome = DeliveryResult.SUCCEEDED;
            message = "";
          }
          acceptedOut = acceptedWritten;
        }
        results.add(new DeliveryResult(p.city(), p.year(), model.id(), model.version(), e.getValue().files(),
            e.getValue().skipped(),
            c[0], acceptedOut, rejectedWritten, outcome, message, tiers.getOrDefault(p, Map.of()), started, ended));
      }
      return results;
    } finally {
      if (groups != null) {
        groups.unpersist();
      }
      staging.delete();
      judgedCopies.delete();
    }
  }

  /**
   * The staged rows with the duplicate-id rule applied. The duplicated ids are counted first (a
   * narrow aggregation, kept: it is small); with none, the staged rows are final. Otherwise the
   * files holding copies are read again with every row's raw text, their copies judged by
   * {@link DuplicateIds#mark}, and those rows replace the staged ones of the same ids. The judged
   * copies are staged too ({@code judgedCopies}), so the files are read again once, not once per
   * later step.
   */
  private Dataset<Row> withDuplicateRule(Dataset<Row> staged, Dataset<Row> groups, List<RawDelivery> raws,
      DatasetSchema schema, Staging judgedCopies) {
    long ids = groups.count();
    if (ids == 0) {
      return staged;
    }
    Seq<String> key = JavaConverters.asScalaBuffer(DuplicateIds.KEY).toSeq();
    java.util.Set<String> files = new java.util.HashSet<>();
    for (Row r : staged.join(groups, key, "left_semi").select("source_file").distinct()
        .collectAsList()) { // at most one row per landing file
      files.add(r.getString(0));
    }
    progress.accept(ids + " customer id(s) appear more than once: judging their copies in " + files.size() + " file(s)");
    Dataset<Row> copies = null;
    for (RawDelivery raw : raws) {
      List<RawReader.RawFile> holding = raw.files().stream().filter(f -> files.contains(f.file())).toList();
      if (!holding.isEmpty()) {
        Dataset<Row> v = Validator.validate(new RawDelivery(raw.delivery(), holding), schema, true);
        copies = copies == null ? v : copies.unionByName(v);
      }
    }
    Dataset<Row> judged = judgedCopies.write(
        DuplicateIds.mark(copies.join(groups, key, "left_semi")).drop(RowValidator.CONTENT));
    return staged.join(groups, key, "left_anti").unionByName(judged);
  }

  /** The cities and years of a progress message: all of them up to three, else three and how many more. */
  static String named(java.util.Collection<CityYear> deliveries) {
    List<String> keys = deliveries.stream().map(p -> p.city() + "/" + p.year()).sorted().toList();
    return keys.size() <= 3 ? String.join(", ", keys)
        : String.join(", ", keys.subList(0, 3)) + " and " + (keys.size() - 3) + " more";
  }

  /**
   * Session setting: run the models side by side ({@code true}, the default) or one after the
   * other, in model id order ({@code false}: one model's data in memory at a time).
   */
  public static final String MODELS_IN_PARALLEL = "spark.customerrating.modelsInParallel";

  /** Session flag: size {@code spark.sql.shuffle.partitions} from the landing zone's bytes (local runs). */
  public static final String AUTO_SHUFFLE_PARTITIONS = "spark.customerrating.shufflePartitions.auto";

  /** Input bytes per shuffle partition aimed at when the partitions are sized from the input. */
  static final long BYTES_PER_PARTITION = 64L << 20;

  /**
   * Session setting: landing zones below this many bytes are run with Spark's interpreted
   * expressions instead of generated code (see {@link #sizeSession}); default
   * {@value #DEFAULT_INTERPRET_BELOW_BYTES} (16 MiB, about 100,000 rows of the sample's cities),
   * 0 compiles every query.
   */
  public static final String INTERPRET_BELOW_BYTES = "spark.customerrating.interpretBelowBytes";

  static final long DEFAULT_INTERPRET_BELOW_BYTES = 16L << 20;

  /** The session settings that {@link #sizeSession} may change, and {@link RatingJob#run} restores after the run. */
  static final List<String> SIZED_SETTINGS = List.of("spark.sql.shuffle.partitions", "spark.sql.codegen.wholeStage",
      "spark.sql.codegen.factoryMode", "spark.sql.adaptive.enabled");

  /**
   * Sizes the session from the landing zone's bytes (from the file system's listing, not from
   * reading the files), where the session asks for it:
   * <ul>
   *   <li>{@link #AUTO_SHUFFLE_PARTITIONS} (local runs without an explicit setting): raises the
   *       shuffle partitions to one per 64 MiB of input files, at most 200, so that a large landing
   *       zone is not squeezed into a few huge sort and window tasks; below 64 MiB, lowers them
   *       to one per core;
   *   <li>{@link #INTERPRET_BELOW_BYTES} (16 MiB unless set): below that size, every query runs interpreted. Compiling
   *       each query's code (Janino, then the JIT) costs a second or more per query on a fresh JVM and
   *       pays off only over many rows: a run over a few thousand rows makes a few hundred queries.
   *       Below the same size, adaptive execution is off: it runs each of a query's shuffles as a
   *       job of its own and plans the rest of the query again after each, work that only pays
   *       off where there are partitions to coalesce or skew to split.
   * </ul>
   */
  private void sizeSession(List<Delivery> deliveries) {
    boolean autoShuffle = "true".equals(spark.conf().get(AUTO_SHUFFLE_PARTITIONS, "false"));
    long interpretBelow = interpretBelowBytes();
    if (!autoShuffle && interpretBelow <= 0) {
      return;
    }
    long bytes = 0;
    try {
      for (Delivery d : deliveries) {
        for (String f : d.files()) {
          org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
          bytes += p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(p).getLen();
        }
      }
    } catch (java.io.IOException e) {
      return; // unreadable files are reported by the reader; keep the settings
    }
    if (autoShuffle && bytes < BYTES_PER_PARTITION) {
      // Less input than one partition's worth: each shuffle partition is one more small task to
      // serialize and schedule in every stage; one per core.
      int cores = spark.sparkContext().defaultParallelism();
      spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(cores));
      progress.accept(String.format("input %.2f MiB: %d shuffle partitions (one per core)", bytes / 1048576.0, cores));
    } else if (autoShuffle) {
      int current = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
      int wanted = (int) Math.min(200, Math.max(current, (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION));
      if (wanted > current) {
        spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(wanted));
        progress.accept(String.format("input %.1f MiB: %d shuffle partitions", bytes / 1048576.0, wanted));
      }
    }
    if (bytes < interpretBelow) {
      spark.conf().set("spark.sql.codegen.wholeStage", "false");
      spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
      spark.conf().set("spark.sql.adaptive.enabled", "false");
      progress.accept(String.format("input %.2f MiB: queries run interpreted, without adaptive execution (below %s = %d bytes)",
          bytes / 1048576.0, INTERPRET_BELOW_BYTES, interpretBelow));
    }
  }

  private long interpretBelowBytes() {
    String v = spark.conf().get(INTERPRET_BELOW_BYTES, String.valueOf(DEFAULT_INTERPRET_BELOW_BYTES)).trim();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new com.customerrating.common.ConfigException(INTERPRET_BELOW_BYTES + ": expected a number of bytes, got '"
          + v + "'");
    }
  }

  /** Accepted rows of the largest published delivery (or of all together, when a scope spans cities). */
  private static long largestScope(Map<CityYear, long[]> counts, List<CityYear> publish) {
    Map<Integer, Long> perYear = new HashMap<>();
    long largest = 0;
    for (CityYear p : publish) {
      long accepted = counts.getOrDefault(p, new long[2])[1];
      largest = Math.max(largest, accepted);
      perYear.merge(p.year(), accepted, Long::sum);
    }
    return Math.max(largest, perYear.values().stream().mapToLong(Long::longValue).max().orElse(0));
  }

  /** Rows read and accepted per delivery: one small row per city and year. */
  private static Map<CityYear, long[]> countByCityYear(Dataset<Row> validated) {
    Map<CityYear, long[]> out = new HashMap<>();
    List<Row> rows = validated.groupBy("city", "snapshot_year")
        .agg(count(lit(1)), sum(when(size(col(Validator.REASONS)).equalTo(0), 1L).otherwise(0L)))
        .collectAsList(); // one row per delivery
    for (Row r : rows) {
      out.put(new CityYear(r.getString(0), r.getInt(1)), new long[] {r.getLong(2), r.getLong(3)});
    }
    return out;
  }
}
