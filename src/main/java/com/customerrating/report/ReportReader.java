package com.customerrating.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
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
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The read edge of the reports: one city-year's facts from the analytics tables, the ratings,
 * run_log and the quarantine. Everything brought to the driver is an aggregate or a top-N list: a few
 * hundred rows at most per report.
 */
final class ReportReader {

  private final SparkSession spark;
  private final String warehouse;
  private final String quarantine;
  private final int topN;

  ReportReader(SparkSession spark, String warehouse, String quarantine, int topN) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.quarantine = quarantine;
    this.topN = topN;
  }

  /**
   * @param overdueDate the date column behind the overdue flag, shown in the overdue list, or null
   */
  ReportFacts read(CityYear p, ModelView m, Map<String, MonthDay> asOf, String overdueDate) {
    Dataset<Row> ratings = table(warehouse, m.table(), p);
    String ratingsRun = null;
    if (ratings != null) {
      List<Row> r = ratings.select("run_id").distinct().limit(5).collectAsList(); // normally one run id
      ratingsRun = r.isEmpty() ? null : r.get(0).getString(0);
    }
    return new ReportFacts(ratingsRun, attempts(p), rejectReasons(p, ratingsRun), tiers(p), migration(p), cells(p),
        pyramid(p), ratings != null && m.revenue() != null ? pareto(ratings, m.revenue()) : List.of(),
        ratings != null ? segments(p) : List.of(), outcomes(p),
        ratings != null && m.hasActions() ? workload(ratings, m, asOf) : List.of(),
        ratings != null && m.roles().overdue() != null ? overdue(ratings, m, overdueDate) : null, churn(p));
  }

  private Dataset<Row> table(String root, String name, CityYear p) {
    String path = Tables.path(root, name);
    if (!AnalyticsStage.exists(spark, path)) {
      return null;
    }
    return spark.read().format("delta").load(path).where(p.predicate());
  }

  private List<Attempt> attempts(CityYear p) {
    Dataset<Row> log = table(warehouse, TableNames.RUN_LOG, p);
    List<Attempt> out = new ArrayList<>();
    if (log == null) {
      return out;
    }
    boolean hasSkipped = List.of(log.columns()).contains("skipped_files");
    // Every delivery attempt of this city and year: one row per run, a handful.
    for (Row r : log.orderBy(col("ended_at").desc()).limit(10).collectAsList()) {
      List<String> skipped = new ArrayList<>();
      if (hasSkipped && !r.isNullAt(r.fieldIndex("skipped_files"))) {
        for (Row f : r.<Row>getList(r.fieldIndex("skipped_files"))) {
          skipped.add(f.getString(0).replaceAll("^.*/", "") + " (" + f.getString(1) + ")");
        }
      }
      String msg = r.getAs("message");
      out.add(new Attempt(r.getAs("run_id"), ((Timestamp) r.getAs("ended_at")).toInstant(), r.<Long>getAs("rows_read"),
          r.<Long>getAs("rows_accepted"), r.<Long>getAs("rows_rejected"), r.getAs("outcome"), msg == null ? "" : msg,
          r.getList(r.fieldIndex("input_files")), skipped));
    }
    return out;
  }

  private List<Count> rejectReasons(CityYear p, String ratingsRun) {
    Dataset<Row> q = table(quarantine, TableNames.REJECTED_RECORDS, p);
    List<Count> out = new ArrayList<>();
    if (ratingsRun == null || q == null) {
      return out;
    }
    for (Row r : q.where(col("run_id").equalTo(ratingsRun))
        .select(explode(col("reasons")).as("reason")).groupBy("reason").agg(count(lit(1)).as("n"))
        .orderBy(col("n").desc(), col("reason")).limit(10).collectAsList()) { // ≤ 10 reason counts
      out.add(new Count(r.getString(0), r.getLong(1)));
    }
    return out;
  }

  private List<ReportFacts.TierRow> tiers(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.TIER_SUMMARY, p);
    List<ReportFacts.TierRow> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    boolean deals = List.of(t.columns()).contains("deal_value");
    for (Row r : t.orderBy("tier_order").collectAsList()) { // one row per tier
      out.add(new ReportFacts.TierRow(r.getAs("tier"), r.<Long>getAs("customers"), r.<Long>getAs("total_customers"),
          r.getAs("customer_share"), r.getAs("revenue"), r.getAs("revenue_share"),
          deals ? r.getAs("deal_value") : null, deals ? r.getAs("deal_value_share") : null));
    }
    return out;
  }

  private ReportFacts.Migration migration(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.MIGRATION_SUMMARY, p);
    List<Row> rows = t == null ? List.of() : t.collectAsList(); // at most one row
    if (rows.isEmpty()) {
      return null;
    }
    Row r = rows.get(0);
    return new ReportFacts.Migration(r.getAs("customers_prev"), r.getAs("customers_curr"), r.getAs("retained"),
        r.getAs("retention_rate"), r.getAs("new_customers"), r.getAs("lost_customers"), r.getAs("upgraded"),
        r.getAs("upgrade_rate"), r.getAs("downgraded"), r.getAs("downgrade_rate"), r.getAs("unchanged"),
        r.getAs("high_value_tiers"), r.getAs("high_value_prev"), r.getAs("high_value_curr"),
        r.getAs("high_value_change"), r.getAs("high_value_growth"));
  }

  private List<Cell> cells(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.TIER_MIGRATION, p);
    List<Cell> out = new ArrayList<>();
    if (t != null) {
      for (Row c : t.collectAsList()) { // at most tiers × tiers rows
        out.add(new Cell(c.getAs("from_tier"), c.getAs("to_tier"), c.getAs("customers")));
      }
    }
    return out;
  }

  private List<ReportFacts.LayerRow> pyramid(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.CUSTOMER_PYRAMID, p);
    List<ReportFacts.LayerRow> out = new ArrayList<>();
    if (t != null) {
      for (Row r : t.orderBy("layer_order").collectAsList()) { // one row per layer
        out.add(new ReportFacts.LayerRow(r.getAs("layer_label"), r.<Integer>getAs("layer_top_percent"),
            r.<Long>getAs("customers"), r.getAs("customer_share"), r.getAs("revenue"), r.getAs("revenue_share"),
            r.getAs("min_amount"), r.getAs("max_amount"), r.<Integer>getAs("pareto_top_percent"),
            r.<Long>getAs("pareto_customers"), r.getAs("pareto_revenue_share"), r.getAs("total_revenue")));
      }
    }
    return out;
  }

  private List<double[]> pareto(Dataset<Row> ratings, String revenue) {
    List<double[]> out = new ArrayList<>();
    for (Row r : Analytics.paretoCurve(ratings, revenue).collectAsList()) { // ≤ 100 rows: one per percent
      BigDecimal share = r.getAs("revenue_share");
      out.add(new double[] {r.<Integer>getAs("pct"), share == null ? 0 : share.doubleValue() * 100});
    }
    return out;
  }

  private List<ReportFacts.SegmentRow> segments(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.RFM_SEGMENTS, p);
    List<ReportFacts.SegmentRow> out = new ArrayList<>();
    if (t != null) {
      for (Row r : t.groupBy("segment").agg(count(lit(1)).as("n"), sum("monetary").as("rev"),
          avg("recency_days").as("avg_recency")).collectAsList()) { // one row per segment
        out.add(new ReportFacts.SegmentRow(r.getString(0), r.getLong(1), r.isNullAt(2) ? BigDecimal.ZERO : r.getDecimal(2),
            r.isNullAt(3) ? null : r.getDouble(3)));
      }
    }
    return out;
  }

  private List<ReportFacts.OutcomeRow> outcomes(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.CONVERSION_BY_GRADE, p);
    List<ReportFacts.OutcomeRow> out = new ArrayList<>();
    if (t != null) {
      for (Row r : t.orderBy("grade_order").collectAsList()) { // one row per grade
        out.add(new ReportFacts.OutcomeRow(r.getAs("grade"), r.<Long>getAs("customers"),
            r.<Long>getAs("customers_with_outcome"), r.<Long>getAs("purchasers"), r.getAs("conversion_rate"),
            r.getAs("overall_rate"), r.getAs("lift")));
      }
    }
    return out;
  }

  private List<ReportFacts.WorkloadRow> workload(Dataset<Row> ratings, ModelView m, Map<String, MonthDay> asOf) {
    List<ReportFacts.WorkloadRow> out = new ArrayList<>();
    for (Row r : Analytics.followUpWorkload(ratings, m, asOf).collectAsList()) { // one row per grade and owner
      out.add(new ReportFacts.WorkloadRow(r.getAs("grade"), r.getAs("follow_up_owner"), r.getAs("follow_up_cadence"),
          r.<Long>getAs("customers"), r.<Long>getAs("due_by_as_of")));
    }
    return out;
  }

  private ReportFacts.Overdue overdue(Dataset<Row> ratings, ModelView m, String dateColumn) {
    String deal = m.roles().dealValue();
    Dataset<Row> late = ratings.where(col(m.roles().overdue()));
    Column value = deal == null ? lit(null).cast("decimal(20,2)") : col(deal);
    Row totals = late.agg(count(lit(1)), sum(value)).first(); // one row
    List<ReportFacts.OverdueRow> top = new ArrayList<>();
    String owner = m.roles().owner();
    for (Row r : late.select(col("customer_id"), col("company_name"), col(m.tierColumn()),
            owner == null ? lit(null).cast("string") : col(owner),
            dateColumn == null ? lit(null).cast("string") : col(dateColumn).cast("string"), value.as("__value"))
        .orderBy(col("__value").desc_nulls_last(), col("customer_id")).limit(topN).collectAsList()) { // top N
      top.add(new ReportFacts.OverdueRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          r.getString(4), r.isNullAt(5) ? null : r.getDecimal(5)));
    }
    return new ReportFacts.Overdue(totals.getLong(0), totals.isNullAt(1) ? null : totals.getDecimal(1), top);
  }

  private ReportFacts.Churn churn(CityYear p) {
    Dataset<Row> t = table(warehouse, TableNames.CHURN_ALERTS, p);
    if (t == null) {
      return null;
    }
    List<Count> bySev = new ArrayList<>();
    for (Row r : t.groupBy("severity").agg(count(lit(1))).collectAsList()) { // one row per level
      bySev.add(new Count(r.getString(0), r.getLong(1)));
    }
    List<Count> byReason = new ArrayList<>();
    for (Row r : t.select(explode(col("reasons")).as("reason")).groupBy("reason").agg(count(lit(1))).collectAsList()) {
      byReason.add(new Count(r.getString(0), r.getLong(1))); // one row per reason
    }
    List<Alert> top = new ArrayList<>();
    // The config's top N alerts (20 by default): most severe first, then most valuable last year.
    for (Row r : t.orderBy(col("severity_order"), col("prev_composite").desc(), col("prev_amount").desc_nulls_last(),
        col("customer_id")).limit(topN).collectAsList()) {
      top.add(new Alert(r.getAs("severity"), r.getAs("customer_id"), r.getAs("company_name"), r.getAs("owner"),
          r.getAs("prev_tier"), r.getAs("curr_tier"), r.getAs("prev_composite"), r.getAs("curr_composite"),
          r.getAs("activity_change"), r.getAs("contribution_change"), r.getAs("prev_amount"),
          r.getList(r.fieldIndex("reasons"))));
    }
    return new ReportFacts.Churn(bySev, byReason, top);
  }
}
