package com.customerrating.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import com.customerrating.common.CityYear;
import com.customerrating.common.TableNames;
import com.customerrating.report.ReportFacts.Alert;
import com.customerrating.report.ReportFacts.Attempt;
import com.customerrating.report.ReportFacts.Cell;
import com.customerrating.report.ReportFacts.Count;
import com.customerrating.sink.Tables;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The read edge of the reports: the facts of a set of city-years from the analytics tables, the
 * ratings, run_log and the quarantine. Each table is read once for all the city-years of one model
 * (a query per table, not per report), and everything brought to the driver is an aggregate or a
 * top-N list: a few hundred rows at most per city-year.
 */
final class ReportReader {

  private final SparkSession spark;
  private final String warehouse;
  private final String quarantine;
  private final int topN;
  private final java.util.concurrent.Executor queries;

  /** @param queries runs the independent queries of {@link #read}; none of them waits for another */
  ReportReader(SparkSession spark, String warehouse, String quarantine, int topN,
      java.util.concurrent.Executor queries) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.quarantine = quarantine;
    this.topN = topN;
    this.queries = queries;
  }

  private <T> java.util.concurrent.CompletableFuture<T> async(java.util.function.Supplier<T> query) {
    return java.util.concurrent.CompletableFuture.supplyAsync(query, queries);
  }

  /** The query's result, or its failure as thrown by the query itself. */
  private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * The city-years of one model's reports.
   *
   * @param overdueDate the date column behind the overdue flag, shown in the overdue list, or null
   */
  record ModelParts(ModelView model, Collection<CityYear> parts, String overdueDate) {}

  /**
   * The facts of every city-year of {@code models}. The tables every model shares (run_log, the
   * quarantine and the analytics tables, all partitioned by city and year) are read once for all
   * the city-years together; each ratings table once for its model's.
   */
  Map<CityYear, ReportFacts> read(List<ModelParts> models, Map<String, MonthDay> asOf) {
    List<CityYear> all = new ArrayList<>();
    models.forEach(mp -> all.addAll(mp.parts()));
    // The queries below are independent and each small: most of a query's time is the driver's
    // (the table's snapshot, planning, scheduling one-task stages), so they run side by side.
    List<java.util.concurrent.CompletableFuture<Map<CityYear, String>>> runs = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<ModelFacts>> perModel = new ArrayList<>(); // as models
    for (ModelParts mp : models) {
      var ratings = async(() -> java.util.Optional.ofNullable(table(warehouse, mp.model().table(), mp.parts())));
      runs.add(ratings.thenApplyAsync(r -> ratingsRuns(r.orElse(null)), queries));
      perModel.add(ratings.thenCompose(r -> modelFacts(r.orElse(null), mp, asOf)));
    }
    var ratingsRuns = java.util.concurrent.CompletableFuture.allOf(runs.toArray(java.util.concurrent.CompletableFuture[]::new))
        .thenApply(v -> {
          Map<CityYear, String> merged = new HashMap<>();
          runs.forEach(f -> merged.putAll(f.join()));
          return merged;
        });
    var reasons = ratingsRuns.thenApplyAsync(r -> rejectReasons(all, r), queries);
    var attempts = async(() -> attempts(all));
    var tiers = async(() -> tiers(all));
    var migration = async(() -> migration(all));
    var cells = async(() -> cells(all));
    var pyramid = async(() -> pyramid(all));
    var segments = async(() -> segments(all));
    var outcomes = async(() -> outcomes(all));
    var churn = async(() -> churn(all));
    Map<CityYear, String> ratingsRun = join(ratingsRuns);
    Map<CityYear, ReportFacts> out = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      ModelParts mp = models.get(i);
      ModelFacts mf = join(perModel.get(i));
      for (CityYear p : mp.parts()) {
        out.put(p, new ReportFacts(ratingsRun.get(p), join(attempts).getOrDefault(p, List.of()),
            join(reasons).getOrDefault(p, List.of()), join(tiers).getOrDefault(p, List.of()), join(migration).get(p),
            join(cells).getOrDefault(p, List.of()), join(pyramid).getOrDefault(p, List.of()),
            mf.pareto().getOrDefault(p, List.of()), join(segments).getOrDefault(p, List.of()),
            join(outcomes).getOrDefault(p, List.of()), mf.workload().getOrDefault(p, List.of()),
            mp.model().roles().overdue() == null ? null
                : mf.overdue().getOrDefault(p, new ReportFacts.Overdue(0, null, List.of())),
            join(churn).get(p)));
      }
    }
    return out;
  }

  /** What one model's reports read from its ratings table, beyond the run that wrote each partition. */
  private record ModelFacts(Map<CityYear, List<double[]>> pareto, Map<CityYear, List<ReportFacts.WorkloadRow>> workload,
      Map<CityYear, ReportFacts.Overdue> overdue) {}

  private java.util.concurrent.CompletableFuture<ModelFacts> modelFacts(Dataset<Row> ratings, ModelParts mp,
      Map<String, MonthDay> asOf) {
    ModelView m = mp.model();
    var pareto = async(() -> ratings != null && m.revenue() != null ? pareto(ratings, m.revenue())
        : Map.<CityYear, List<double[]>>of());
    var workload = async(() -> ratings != null && m.hasActions() ? workload(ratings, m, asOf)
        : Map.<CityYear, List<ReportFacts.WorkloadRow>>of());
    var overdue = async(() -> ratings != null && m.roles().overdue() != null ? overdue(ratings, m, mp.overdueDate())
        : Map.<CityYear, ReportFacts.Overdue>of());
    return java.util.concurrent.CompletableFuture.allOf(pareto, workload, overdue)
        .thenApply(v -> new ModelFacts(pareto.join(), workload.join(), overdue.join()));
  }

  /** The run that wrote each city-year of the ratings: one row per city-year (a partition is one run's rows). */
  private static Map<CityYear, String> ratingsRuns(Dataset<Row> ratings) {
    Map<CityYear, String> out = new HashMap<>();
    if (ratings != null) {
      for (Row r : ratings.groupBy("city", "snapshot_year").agg(org.apache.spark.sql.functions.max("run_id"))
          .collectAsList()) { // one row per city-year
        out.put(key(r), r.getString(2));
      }
    }
    return out;
  }

  private static CityYear key(Row r) {
    return new CityYear(r.getAs("city"), r.<Integer>getAs("snapshot_year"));
  }

  /**
   * The rows of {@code parts}, or null when the table does not exist. A table that another run is
   * creating this moment (its log directory written, its first commit not yet: a table is created by
   * the commit of its first rows) does not exist yet either; its section is left out as for a table
   * that was never written.
   */
  Dataset<Row> table(String root, String name, Collection<CityYear> parts) {
    String path = Tables.path(root, name);
    if (!AnalyticsStage.exists(spark, path)) {
      return null;
    }
    Dataset<Row> all;
    try {
      all = spark.read().format("delta").load(path);
    } catch (Exception e) { // Delta's AnalysisException: a checked type in Java's terms, rethrown as it came
      if (String.valueOf(e.getMessage()).contains("DELTA_TABLE_NOT_FOUND")) {
        return null;
      }
      throw e;
    }
    return all.where(CityYear.predicate(parts));
  }

  /** Collects {@code rows} (small: aggregates of the city-years) into lists by city-year. */
  private static <T> Map<CityYear, List<T>> byCityYear(Dataset<Row> rows, Function<Row, T> of) {
    Map<CityYear, List<T>> out = new HashMap<>();
    if (rows != null) {
      for (Row r : rows.collectAsList()) {
        out.computeIfAbsent(key(r), k -> new ArrayList<>()).add(of.apply(r));
      }
    }
    return out;
  }

  private Map<CityYear, List<Attempt>> attempts(Collection<CityYear> parts) {
    Dataset<Row> log = table(warehouse, TableNames.RUN_LOG, parts);
    if (log == null) {
      return Map.of();
    }
    boolean hasSkipped = List.of(log.columns()).contains("skipped_files");
    // Every delivery attempt of each city and year, the last ten: one row per run.
    Dataset<Row> last = log.withColumn("__n", row_number().over(Window.partitionBy("city", "snapshot_year")
        .orderBy(col("ended_at").desc(), col("run_id")))).where(col("__n").leq(10)).orderBy(col("ended_at").desc());
    return byCityYear(last, r -> {
      List<String> skipped = new ArrayList<>();
      if (hasSkipped && !r.isNullAt(r.fieldIndex("skipped_files"))) {
        for (Row f : r.<Row>getList(r.fieldIndex("skipped_files"))) {
          skipped.add(f.getString(0).replaceAll("^.*/", "") + " (" + f.getString(1) + ")");
        }
      }
      String msg = r.getAs("message");
      return new Attempt(r.getAs("run_id"), ((Timestamp) r.getAs("ended_at")).toInstant(), r.<Long>getAs("rows_read"),
          r.<Long>getAs("rows_accepted"), r.<Long>getAs("rows_rejected"), r.getAs("outcome"), msg == null ? "" : msg,
          r.getList(r.fieldIndex("input_files")), skipped);
    });
  }

  private Map<CityYear, List<Count>> rejectReasons(Collection<CityYear> parts, Map<CityYear, String> ratingsRun) {
    Dataset<Row> q = table(quarantine, TableNames.REJECTED_RECORDS, parts);
    if (q == null || ratingsRun.isEmpty()) {
      return Map.of();
    }
    Column publishing = lit(false);
    for (Map.Entry<CityYear, String> e : ratingsRun.entrySet()) {
      publishing = publishing.or(col("city").equalTo(e.getKey().city()).and(col("snapshot_year").equalTo(e.getKey().year()))
          .and(col("run_id").equalTo(e.getValue())));
    }
    Dataset<Row> counts = q.where(publishing).select(col("city"), col("snapshot_year"), explode(col("reasons")).as("reason"))
        .groupBy("city", "snapshot_year", "reason").agg(count(lit(1)).as("n"));
    Dataset<Row> top = counts.withColumn("__n", row_number().over(Window.partitionBy("city", "snapshot_year")
        .orderBy(col("n").desc(), col("reason")))).where(col("__n").leq(10)).orderBy(col("n").desc(), col("reason"));
    return byCityYear(top, r -> new Count(r.getAs("reason"), r.<Long>getAs("n"))); // ≤ 10 reasons per city-year
  }

  private Map<CityYear, List<ReportFacts.TierRow>> tiers(Collection<CityYear> parts) {
    Dataset<Row> t = table(warehouse, TableNames.TIER_SUMMARY, parts);
    if (t == null) {
      return Map.of();
    }
    boolean deals = List.of(t.columns()).contains("deal_value");
    return byCityYear(t.orderBy("tier_order"), r -> new ReportFacts.TierRow(r.getAs("tier"), r.<Long>getAs("customers"),
        r.<Long>getAs("total_customers"), r.getAs("customer_share"), r.getAs("revenue"), r.getAs("revenue_share"),
        deals ? r.getAs("deal_value") : null, deals ? r.getAs("deal_value_share") : null)); // one row per tier
  }

  private Map<CityYear, ReportFacts.Migration> migration(Collection<CityYear> parts) {
    Map<CityYear, ReportFacts.Migration> out = new HashMap<>();
    byCityYear(table(warehouse, TableNames.MIGRATION_SUMMARY, parts), r -> new ReportFacts.Migration( // one row each
        r.getAs("customers_prev"), r.getAs("customers_curr"), r.getAs("retained"), r.getAs("retention_rate"),
        r.getAs("new_customers"), r.getAs("lost_customers"), r.getAs("upgraded"), r.getAs("upgrade_rate"),
        r.getAs("downgraded"), r.getAs("downgrade_rate"), r.getAs("unchanged"), r.getAs("high_value_tiers"),
        r.getAs("high_value_prev"), r.getAs("high_value_curr"), r.getAs("high_value_change"),
        r.getAs("high_value_growth"))).forEach((k, v) -> out.put(k, v.get(0)));
    return out;
  }

  private Map<CityYear, List<Cell>> cells(Collection<CityYear> parts) {
    return byCityYear(table(warehouse, TableNames.TIER_MIGRATION, parts), // at most tiers × tiers rows
        c -> new Cell(c.getAs("from_tier"), c.getAs("to_tier"), c.getAs("customers")));
  }

  private Map<CityYear, List<ReportFacts.LayerRow>> pyramid(Collection<CityYear> parts) {
    Dataset<Row> t = table(warehouse, TableNames.CUSTOMER_PYRAMID, parts);
    return byCityYear(t == null ? null : t.orderBy("layer_order"), r -> new ReportFacts.LayerRow( // one row per layer
        r.getAs("layer_label"), r.<Integer>getAs("layer_top_percent"), r.<Long>getAs("customers"),
        r.getAs("customer_share"), r.getAs("revenue"), r.getAs("revenue_share"), r.getAs("min_amount"),
        r.getAs("max_amount"), r.<Integer>getAs("pareto_top_percent"), r.<Long>getAs("pareto_customers"),
        r.getAs("pareto_revenue_share"), r.getAs("total_revenue")));
  }

  private Map<CityYear, List<double[]>> pareto(Dataset<Row> ratings, String revenue) {
    return byCityYear(Analytics.paretoCurve(ratings, revenue), r -> { // ≤ 100 rows per city-year: one per percent
      BigDecimal share = r.getAs("revenue_share");
      return new double[] {r.<Integer>getAs("pct"), share == null ? 0 : share.doubleValue() * 100};
    });
  }

  private Map<CityYear, List<ReportFacts.SegmentRow>> segments(Collection<CityYear> parts) {
    Dataset<Row> t = table(warehouse, TableNames.RFM_SEGMENTS, parts);
    return byCityYear(t == null ? null : t.groupBy("city", "snapshot_year", "segment").agg(count(lit(1)).as("n"),
        sum("monetary").as("rev"), avg("recency_days").as("avg_recency")), r -> new ReportFacts.SegmentRow( // per segment
            r.getAs("segment"), r.<Long>getAs("n"), r.isNullAt(r.fieldIndex("rev")) ? BigDecimal.ZERO : r.getAs("rev"),
            r.isNullAt(r.fieldIndex("avg_recency")) ? null : r.<Double>getAs("avg_recency")));
  }

  private Map<CityYear, List<ReportFacts.OutcomeRow>> outcomes(Collection<CityYear> parts) {
    Dataset<Row> t = table(warehouse, TableNames.CONVERSION_BY_GRADE, parts);
    return byCityYear(t == null ? null : t.orderBy("grade_order"), r -> new ReportFacts.OutcomeRow( // one per grade
        r.getAs("grade"), r.<Long>getAs("customers"), r.<Long>getAs("customers_with_outcome"),
        r.<Long>getAs("purchasers"), r.getAs("conversion_rate"), r.getAs("overall_rate"), r.getAs("lift")));
  }

  private Map<CityYear, List<ReportFacts.WorkloadRow>> workload(Dataset<Row> ratings, ModelView m,
      Map<String, MonthDay> asOf) {
    return byCityYear(Analytics.followUpWorkload(ratings, m, asOf), r -> new ReportFacts.WorkloadRow( // grade × owner
        r.getAs("grade"), r.getAs("follow_up_owner"), r.getAs("follow_up_cadence"), r.<Long>getAs("customers"),
        r.<Long>getAs("due_by_as_of")));
  }

  private Map<CityYear, ReportFacts.Overdue> overdue(Dataset<Row> ratings, ModelView m, String dateColumn) {
    String deal = m.roles().dealValue();
    String owner = m.roles().owner();
    Dataset<Row> late = ratings.where(col(m.roles().overdue())).select(col("city"), col("snapshot_year"),
        col("customer_id"), col("company_name"), col(m.tierColumn()).as("__tier"),
        (owner == null ? lit(null).cast("string") : col(owner)).as("__owner"),
        (dateColumn == null ? lit(null).cast("string") : col(dateColumn).cast("string")).as("__date"),
        (deal == null ? lit(null).cast("decimal(20,2)") : col(deal)).as("__value"));
    Map<CityYear, Row> totals = new HashMap<>();
    byCityYear(late.groupBy("city", "snapshot_year").agg(count(lit(1)), sum("__value")), r -> r) // one row each
        .forEach((k, v) -> totals.put(k, v.get(0)));
    // The top N of each city-year by amount: a window per city-year that keeps N rows (a group limit).
    Dataset<Row> top = late.withColumn("__n", row_number().over(Window.partitionBy("city", "snapshot_year")
        .orderBy(col("__value").desc_nulls_last(), col("customer_id")))).where(col("__n").leq(topN))
        .orderBy(col("__value").desc_nulls_last(), col("customer_id"));
    Map<CityYear, List<ReportFacts.OverdueRow>> rows = byCityYear(top, r -> new ReportFacts.OverdueRow(
        r.getAs("customer_id"), r.getAs("company_name"), r.getAs("__tier"), r.getAs("__owner"), r.getAs("__date"),
        r.getAs("__value")));
    Map<CityYear, ReportFacts.Overdue> out = new HashMap<>();
    totals.forEach((k, t) -> out.put(k, new ReportFacts.Overdue(t.getLong(2), t.isNullAt(3) ? null : t.getDecimal(3),
        rows.getOrDefault(k, List.of()))));
    return out;
  }

  private Map<CityYear, ReportFacts.Churn> churn(Collection<CityYear> parts) {
    Dataset<Row> t = table(warehouse, TableNames.CHURN_ALERTS, parts);
    if (t == null) {
      return Map.of();
    }
    Map<CityYear, List<Count>> bySev = byCityYear(t.groupBy("city", "snapshot_year", "severity").agg(count(lit(1))),
        r -> new Count(r.getString(2), r.getLong(3))); // one row per level
    Map<CityYear, List<Count>> byReason = byCityYear(t.select(col("city"), col("snapshot_year"),
        explode(col("reasons")).as("reason")).groupBy("city", "snapshot_year", "reason").agg(count(lit(1))),
        r -> new Count(r.getString(2), r.getLong(3))); // one row per reason
    // The config's top N alerts (20 by default): most severe first, then most valuable last year.
    Column[] order = {col("severity_order"), col("prev_composite").desc(), col("prev_amount").desc_nulls_last(),
        col("customer_id")};
    Map<CityYear, List<Alert>> top = byCityYear(t.withColumn("__n", row_number().over(
            Window.partitionBy("city", "snapshot_year").orderBy(order))).where(col("__n").leq(topN)).orderBy(order),
        r -> new Alert(r.getAs("severity"), r.getAs("customer_id"), r.getAs("company_name"), r.getAs("owner"),
            r.getAs("prev_tier"), r.getAs("curr_tier"), r.getAs("prev_composite"), r.getAs("curr_composite"),
            r.getAs("activity_change"), r.getAs("contribution_change"), r.getAs("prev_amount"),
            r.getList(r.fieldIndex("reasons"))));
    Map<CityYear, ReportFacts.Churn> out = new HashMap<>();
    for (CityYear p : parts) {
      out.put(p, new ReportFacts.Churn(bySev.getOrDefault(p, List.of()), byReason.getOrDefault(p, List.of()),
          top.getOrDefault(p, List.of())));
    }
    return out;
  }
}
