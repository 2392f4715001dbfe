package com.customerrating.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.customerrating.common.AsOfDates;
import com.customerrating.model.Grading;
import com.customerrating.model.Roles;
import com.customerrating.report.ReportConfig.Bucket;
import com.customerrating.report.ReportConfig.Layer;
import com.customerrating.report.ReportConfig.Range;
import com.customerrating.report.ReportConfig.Segment;
import com.customerrating.report.ReportConfig.SeverityRule;
import com.customerrating.scoring.PercentileRanker;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The analytics tables as pure transforms: ratings frame in, analytics frame out (no IO, no
 * run id; {@link AnalyticsStage} reads, adds the run id and writes). Money and shares are exact
 * decimals; every percentile position is the rating rule {@code 100 × greater < top% × N} in
 * integers, with ties sharing the better position.
 *
 * <p>Year-over-year frames pair year Y-1 with year Y (same city, same customer_id) and put the
 * row in year Y. A frame gets a row for year Y only where the input holds both years.
 */
public final class Analytics {

  /** Shares of customers or revenue, in [0, 1]. */
  public static final String SHARE_TYPE = "decimal(7,6)";
  /** Ratios that may exceed 1 or be negative: lift, growth. */
  public static final String RATIO_TYPE = "decimal(12,6)";
  public static final String MONEY_TYPE = "decimal(20,2)";
  public static final String SCORE_TYPE = "decimal(9,4)";

  private static final List<String> SCOPE = List.of("city", "snapshot_year");

  private Analytics() {}

  // ------------------------------------------------------------------ tier_summary

  /** Per city, year and tier (every tier of the model, empty ones too): customers, revenue, shares. */
  public static Dataset<Row> tierSummary(Dataset<Row> ratings, ModelView m) {
    boolean hasRevenue = m.revenue() != null;
    boolean hasDeals = m.roles().dealValue() != null;
    Column revenue = hasRevenue ? col(m.revenue()) : lit(null).cast(MONEY_TYPE);
    Column deals = hasDeals ? col(m.roles().dealValue()) : lit(null).cast(MONEY_TYPE);
    Dataset<Row> totals = ratings.groupBy("city", "snapshot_year")
        .agg(count(lit(1)).as("total_customers"), sum(revenue).cast(MONEY_TYPE).as("total_revenue"),
            sum(deals).cast(MONEY_TYPE).as("total_deal_value"));
    Dataset<Row> per = ratings.groupBy(col("city"), col("snapshot_year"), col(m.tierColumn()).as("tier"))
        .agg(count(lit(1)).as("n"), sum(revenue).cast(MONEY_TYPE).as("rev"), sum(deals).cast(MONEY_TYPE).as("deals"));
    Column zero = lit(0).cast(MONEY_TYPE);
    Column none = lit(null).cast(MONEY_TYPE);
    Dataset<Row> out = totals.crossJoin(names(ratings.sparkSession(), m.tiers(), "tier", "tier_order"))
        .join(per, seq("city", "snapshot_year", "tier"), "left")
        .withColumn("customers", coalesce(col("n"), lit(0L)))
        .withColumn("revenue", hasRevenue ? coalesce(col("rev"), zero) : none)
        .withColumn("deal_value", hasDeals ? coalesce(col("deals"), zero) : none);
    return out.select(col("city"), col("snapshot_year"), lit(m.modelId()).as("model_id"), col("tier"),
        col("tier_order"), col("customers"), share(col("customers"), col("total_customers")).as("customer_share"),
        col("revenue"), hasRevenue ? share(col("revenue"), col("total_revenue")).as("revenue_share")
            : lit(null).cast(SHARE_TYPE).as("revenue_share"),
        col("total_customers"), col("total_revenue"), col("deal_value"),
        hasDeals ? share(col("deal_value"), col("total_deal_value")).as("deal_value_share")
            : lit(null).cast(SHARE_TYPE).as("deal_value_share"),
        col("total_deal_value"));
  }

  // ------------------------------------------------------------------ tier_migration

  /** Customers in both Y-1 and Y: how many moved from each tier to each tier, and in which direction. */
  public static Dataset<Row> tierMigration(Dataset<Row> ratings, ModelView m) {
    Dataset<Row> joined = previous(ratings, m).join(current(ratings, m), seq("city", "snapshot_year", "customer_id"));
    return joined.groupBy(col("city"), col("snapshot_year"), col("prev_tier").as("from_tier"), col("curr_tier").as("to_tier"))
        .agg(count(lit(1)).as("customers"))
        .select(col("city"), col("snapshot_year"), col("snapshot_year").minus(1).as("from_year"),
            lit(m.modelId()).as("model_id"), col("from_tier"), tierOrder(col("from_tier"), m.tiers()).as("from_order"),
            col("to_tier"), tierOrder(col("to_tier"), m.tiers()).as("to_order"),
            when(tierOrder(col("to_tier"), m.tiers()).lt(tierOrder(col("from_tier"), m.tiers())), "up")
                .when(tierOrder(col("to_tier"), m.tiers()).gt(tierOrder(col("from_tier"), m.tiers())), "down")
                .otherwise("same").as("direction"),
            col("customers"));
  }

  /**
   * Per city and year Y with data in Y-1 too: customers in each year, retained, new and lost;
   * upgraded / downgraded / unchanged among the retained and the upgrade rate (upgraded ÷
   * retained); high-value customers (the tiers {@code m.highValueTiers()}) in each year, their
   * change and growth rate (change ÷ high-value customers in Y-1; null when there were none).
   */
  public static Dataset<Row> migrationSummary(Dataset<Row> ratings, ModelView m) {
    Dataset<Row> j = previous(ratings, m).withColumn("in_prev", lit(true))
        .join(current(ratings, m).withColumn("in_curr", lit(true)), seq("city", "snapshot_year", "customer_id"), "full_outer");
    Column inPrev = coalesce(col("in_prev"), lit(false));
    Column inCurr = coalesce(col("in_curr"), lit(false));
    Column both = inPrev.and(inCurr);
    Column from = tierOrder(col("prev_tier"), m.tiers());
    Column to = tierOrder(col("curr_tier"), m.tiers());
    Dataset<Row> agg = j.groupBy("city", "snapshot_year").agg(
        countIf(inPrev).as("customers_prev"),
        countIf(inCurr).as("customers_curr"),
        countIf(both).as("retained"),
        countIf(inCurr.and(not(inPrev))).as("new_customers"),
        countIf(inPrev.and(not(inCurr))).as("lost_customers"),
        countIf(both.and(to.lt(from))).as("upgraded"),
        countIf(both.and(to.gt(from))).as("downgraded"),
        countIf(both.and(to.equalTo(from))).as("unchanged"),
        countIf(inPrev.and(isHighValue(col("prev_tier"), m))).as("high_value_prev"),
        countIf(inCurr.and(isHighValue(col("curr_tier"), m))).as("high_value_curr"));
    return agg.where(col("customers_prev").gt(0).and(col("customers_curr").gt(0)))
        .select(col("city"), col("snapshot_year"), col("snapshot_year").minus(1).as("from_year"),
            lit(m.modelId()).as("model_id"), col("customers_prev"), col("customers_curr"), col("retained"),
            col("new_customers"), col("lost_customers"), col("upgraded"), col("downgraded"), col("unchanged"),
            share(col("retained"), col("customers_prev")).as("retention_rate"),
            share(col("upgraded"), col("retained")).as("upgrade_rate"),
            share(col("downgraded"), col("retained")).as("downgrade_rate"),
            lit(String.join(",", m.highValueTiers())).as("high_value_tiers"),
            col("high_value_prev"), col("high_value_curr"),
            col("high_value_curr").minus(col("high_value_prev")).as("high_value_change"),
            ratio(col("high_value_curr").minus(col("high_value_prev")), col("high_value_prev")).as("high_value_growth"));
  }

  // ------------------------------------------------------------------ churn_alerts

  /**
   * Customers of Y-1 that raise an alert in Y: gone from Y's file ({@code left}), moved down a
   * tier ({@code tier_drop}), or (value model) activity or contribution fell by more than the
   * model's thresholds. Only for years Y whose ratings are in the input. Descriptive columns come
   * from Y-1. Severity: the first matching rule of the report config.
   */
  public static Dataset<Row> churnAlerts(Dataset<Row> ratings, ModelView m, ReportConfig rc) {
    Dataset<Row> curr = current(ratings, m);
    Dataset<Row> years = curr.select("city", "snapshot_year").distinct();
    Dataset<Row> j = previous(ratings, m).join(years, seq("city", "snapshot_year"))
        .join(curr, seq("city", "snapshot_year", "customer_id"), "left");
    Column present = col("curr_tier").isNotNull();
    Roles.ChurnWatch activity = m.watch("activity");
    Roles.ChurnWatch contribution = m.watch("contribution");
    Column activityChange = col("curr_activity").minus(col("prev_activity")).cast(SCORE_TYPE);
    Column contributionChange = col("curr_contribution").minus(col("prev_contribution")).cast(SCORE_TYPE);
    Column none = lit(null).cast("string");
    Column reasons = array_compact(array(
        when(not(present), lit(ReportConfig.LEFT)).otherwise(none),
        when(present.and(tierOrder(col("curr_tier"), m.tiers()).gt(tierOrder(col("prev_tier"), m.tiers()))),
            lit(ReportConfig.TIER_DROP)).otherwise(none),
        activity != null ? when(present.and(activityChange.lt(lit(activity.drop().negate()))),
            lit(ReportConfig.ACTIVITY_DROP)).otherwise(none) : none,
        contribution != null ? when(present.and(contributionChange.lt(lit(contribution.drop().negate()))),
            lit(ReportConfig.CONTRIBUTION_DROP)).otherwise(none) : none));
    Dataset<Row> alerts = j.withColumn("reasons", reasons).where(size(col("reasons")).gt(0));
    Column severity = null;
    Column severityOrder = null;
    for (SeverityRule r : rc.severityRules()) {
      Column cond = lit(true);
      if (!r.anyReason().isEmpty()) {
        cond = cond.and(arrays_overlap(col("reasons"), array(r.anyReason().stream().map(s -> lit(s)).toArray(Column[]::new))));
      }
      for (String s : r.allReasons()) {
        cond = cond.and(array_contains(col("reasons"), s));
      }
      if (r.minReasons() != null) {
        cond = cond.and(size(col("reasons")).geq(r.minReasons()));
      }
      if (r.prevHighValue() != null) {
        Column hv = isHighValue(col("prev_tier"), m);
        cond = cond.and(r.prevHighValue() ? hv : not(hv));
      }
      int order = levelOrder(rc, r.severity());
      severity = severity == null ? when(cond, lit(r.severity())) : severity.when(cond, lit(r.severity()));
      severityOrder = severityOrder == null ? when(cond, lit(order)) : severityOrder.when(cond, lit(order));
    }
    return alerts.select(col("city"), col("snapshot_year"), col("snapshot_year").minus(1).as("from_year"),
        lit(m.modelId()).as("model_id"), col("customer_id"), col("company_name"), col("owner"),
        col("prev_tier"), col("curr_tier"), col("prev_composite"), col("curr_composite"),
        col("prev_activity"), col("curr_activity"), activityChange.as("activity_change"),
        col("prev_contribution"), col("curr_contribution"), contributionChange.as("contribution_change"),
        col("prev_amount"),
        col("reasons"), severity.as("severity"), severityOrder.as("severity_order"));
  }

  // ------------------------------------------------------------------ rfm_segments

  /**
   * RFM per customer (value model): recency in days from last_transaction_date to the as-of date
   * of its city and year (null: no transaction), frequency = transaction_count, monetary =
   * cumulative_amount; each scored by the config's percentile buckets within city and year
   * (recency: fewer days rank higher), then named by the first matching segment rule.
   *
   * @param asOf month-day of the as-of date per city (DatasetConfig.asOf); 12-31 for others
   */
  public static Dataset<Row> rfmSegments(Dataset<Row> ratings, ModelView m, ReportConfig rc,
      Map<String, MonthDay> asOf, PercentileRanker ranker) {
    Roles r = m.roles();
    Dataset<Row> df = ratings.select(col("city"), col("snapshot_year"), col("customer_id"), col("company_name"),
            col(m.tierColumn()).as("tier"), col(r.lastActivity()).as("__last"),
            col(r.frequency()).cast("long").as("frequency"),
            col(r.revenue()).cast(MONEY_TYPE).as("monetary"))
        .withColumn("as_of_date", AsOfDates.column(asOf))
        .withColumn("recency_days", datediff(col("as_of_date"), col("__last")))
        .withColumn("has_transaction", col("frequency").gt(0).and(col("__last").isNotNull()))
        // Rank value for recency: fewer days is better; no transaction ranks below everyone.
        .withColumn("__r", coalesce(col("recency_days").cast("long").multiply(-1L), lit(Long.MIN_VALUE)));
    df = ranker.rank(df, List.of(new PercentileRanker.Ranking(SCOPE, "__r", "r_greater_count", "rank_population"),
        new PercentileRanker.Ranking(SCOPE, "frequency", "f_greater_count", "__n2"),
        new PercentileRanker.Ranking(SCOPE, "monetary", "m_greater_count", "__n3"))).drop("__n2", "__n3");
    df = df.withColumn("r_score", score(col("r_greater_count"), col("recency_days").isNull(), rc))
        .withColumn("f_score", score(col("f_greater_count"), col("frequency").equalTo(0L), rc))
        .withColumn("m_score", score(col("m_greater_count"), col("monetary").equalTo(lit(0)), rc));
    Column seg = null;
    Column label = null;
    for (Segment s : rc.segments()) {
      Column cond = lit(true);
      cond = cond.and(inRange(col("r_score"), s.r())).and(inRange(col("f_score"), s.f())).and(inRange(col("m_score"), s.m()));
      if (s.hasTransaction() != null) {
        cond = cond.and(s.hasTransaction() ? col("has_transaction") : not(col("has_transaction")));
      }
      seg = seg == null ? when(cond, lit(s.name())) : seg.when(cond, lit(s.name()));
      label = label == null ? when(cond, lit(s.label())) : label.when(cond, lit(s.label()));
    }
    return df.select(col("city"), col("snapshot_year"), lit(m.modelId()).as("model_id"), col("customer_id"),
        col("company_name"), col("tier"), col("as_of_date"), col("__last").as(rc.rfmDateColumn()), col("recency_days"),
        col("frequency"), col("monetary"), col("rank_population"), col("r_greater_count"), col("f_greater_count"),
        col("m_greater_count"), col("r_score"), col("f_score"), col("m_score"),
        concat(col("r_score").cast("string"), col("f_score").cast("string"), col("m_score").cast("string")).as("rfm_code"),
        seg.as("segment"), label.as("segment_label"));
  }

  // ------------------------------------------------------------------ customer_pyramid

  /**
   * Pyramid layers by cumulative amount within city and year (VIP top 1%, big next 4%, mid next
   * 15%, small the rest with the shipped config; zero amounts always in the last layer), each
   * layer's customers, revenue and shares, and on every row the Pareto figure: the share of
   * revenue from the top {@code pareto_top_percent}% of customers by the same rank rule.
   */
  public static Dataset<Row> customerPyramid(Dataset<Row> ratings, ModelView m, ReportConfig rc, PercentileRanker ranker) {
    Dataset<Row> df = ranker.rank(ratings.select(col("city"), col("snapshot_year"), col("customer_id"),
        col(m.revenue()).cast(MONEY_TYPE).as("amount")), SCOPE, "amount", "greater", "population");
    List<Layer> layers = rc.layers();
    Layer last = layers.get(layers.size() - 1);
    Column layer = when(col("amount").equalTo(lit(0)), lit(last.name()));
    for (Layer l : layers) {
      if (l.topPercent() != null) {
        layer = layer.when(top(col("greater"), col("population"), l.topPercent()), lit(l.name()));
      }
    }
    layer = layer.otherwise(lit(last.name()));
    Column inPareto = col("amount").gt(lit(0)).and(top(col("greater"), col("population"), rc.paretoTopPercent()));
    df = df.withColumn("layer", layer).withColumn("in_pareto", inPareto);
    Dataset<Row> totals = df.groupBy("city", "snapshot_year").agg(
        count(lit(1)).as("total_customers"), sum("amount").cast(MONEY_TYPE).as("total_revenue"),
        countIf(col("in_pareto")).as("pareto_customers"),
        sum(when(col("in_pareto"), col("amount")).otherwise(lit(0))).cast(MONEY_TYPE).as("pareto_revenue"));
    Dataset<Row> per = df.groupBy("city", "snapshot_year", "layer").agg(count(lit(1)).as("n"),
        sum("amount").cast(MONEY_TYPE).as("rev"), min("amount").as("min_amount"), max("amount").as("max_amount"));
    List<String> layerNames = layers.stream().map(Layer::name).toList();
    return totals.crossJoin(names(ratings.sparkSession(), layerNames, "layer", "layer_order"))
        .join(per, seq("city", "snapshot_year", "layer"), "left")
        .select(col("city"), col("snapshot_year"), lit(m.modelId()).as("model_id"), col("layer"), col("layer_order"),
            labelOf(col("layer"), layers).as("layer_label"),
            layerTop(col("layer"), layers).as("layer_top_percent"),
            coalesce(col("n"), lit(0L)).as("customers"),
            share(coalesce(col("n"), lit(0L)), col("total_customers")).as("customer_share"),
            coalesce(col("rev"), lit(0).cast(MONEY_TYPE)).as("revenue"),
            share(coalesce(col("rev"), lit(0).cast(MONEY_TYPE)), col("total_revenue")).as("revenue_share"),
            col("min_amount"), col("max_amount"), col("total_customers"), col("total_revenue"),
            lit(rc.paretoTopPercent()).as("pareto_top_percent"), col("pareto_customers"),
            share(col("pareto_revenue"), col("total_revenue")).as("pareto_revenue_share"));
  }

  /**
   * The Pareto (Lorenz) curve for the report: for each whole percent k of customers, by amount
   * descending, the share of revenue the first ceil(k × N / 100) customers bring. At most 100
   * rows per city and year.
   */
  public static Dataset<Row> paretoCurve(Dataset<Row> ratings, String revenue) {
    WindowSpec ordered = Window.partitionBy("city", "snapshot_year")
        .orderBy(col("amount").desc(), col("customer_id"));
    WindowSpec whole = Window.partitionBy("city", "snapshot_year");
    Dataset<Row> df = ratings.select(col("city"), col("snapshot_year"), col("customer_id"), col(revenue).as("amount"))
        .withColumn("rn", row_number().over(ordered).cast("long"))
        .withColumn("n", count(lit(1)).over(whole))
        .withColumn("cum", sum("amount").over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("total", sum("amount").over(whole))
        .withColumn("pct", expr("CAST((rn * 100 + n - 1) DIV n AS INT)"));
    return df.groupBy("city", "snapshot_year", "pct")
        .agg(max("rn").as("customers"), share(max("cum"), max("total")).as("revenue_share"))
        .orderBy("city", "snapshot_year", "pct");
  }

  // ------------------------------------------------------------------ conversion_by_grade

  /**
   * Conversion model, where {@code purchased} is known: per grade, customers, those with a known
   * outcome, purchasers, the conversion rate (purchasers ÷ known), the overall rate and the lift
   * (grade rate ÷ overall rate, exact before rounding). City-years without any known outcome get
   * no rows.
   */
  public static Dataset<Row> conversionByGrade(Dataset<Row> ratings, ModelView m) {
    Roles.Outcome o = m.roles().outcome();
    Column v = col(o.column());
    Column known;
    Column bought;
    if (o.flag()) {
      known = v.isNotNull();
      bought = coalesce(v, lit(false));
    } else {
      bought = coalesce(v.isin(o.won().toArray()), lit(false));
      known = bought.or(coalesce(v.isin(o.lost().toArray()), lit(false)));
    }
    Dataset<Row> totals = ratings.groupBy("city", "snapshot_year").agg(
        count(lit(1)).as("total_customers"), countIf(known).as("total_known"), countIf(bought).as("total_purchasers"));
    Dataset<Row> per = ratings.groupBy(col("city"), col("snapshot_year"), col(m.tierColumn()).as("grade"))
        .agg(count(lit(1)).as("n"), countIf(known).as("k"), countIf(bought).as("p"));
    Column customers = coalesce(col("n"), lit(0L));
    Column knownN = coalesce(col("k"), lit(0L));
    Column purchasers = coalesce(col("p"), lit(0L));
    return totals.where(col("total_known").gt(0))
        .crossJoin(names(ratings.sparkSession(), m.tiers(), "grade", "grade_order"))
        .join(per, seq("city", "snapshot_year", "grade"), "left")
        .select(col("city"), col("snapshot_year"), lit(m.modelId()).as("model_id"), col("grade"), col("grade_order"),
            customers.as("customers"), knownN.as("customers_with_outcome"), purchasers.as("purchasers"),
            share(purchasers, knownN).as("conversion_rate"),
            share(col("total_purchasers"), col("total_known")).as("overall_rate"),
            ratio(purchasers.multiply(col("total_known")), knownN.multiply(col("total_purchasers"))).as("lift"),
            col("total_customers"), col("total_known"), col("total_purchasers"));
  }

  /**
   * Follow-up workload of the conversion model per grade, owner and cadence: customers, and how
   * many are due by the as-of date (next_follow_up_date on or before it). For the report.
   */
  public static Dataset<Row> followUpWorkload(Dataset<Row> ratings, ModelView m, Map<String, MonthDay> asOf) {
    return ratings.groupBy(col("city"), col("snapshot_year"), col(m.tierColumn()).as("grade"),
            col(Grading.OWNER).as("follow_up_owner"), col(Grading.CADENCE).as("follow_up_cadence"))
        .agg(count(lit(1)).as("customers"),
            countIf(col(Grading.NEXT_FOLLOW_UP).leq(AsOfDates.column(asOf))).as("due_by_as_of"))
        .orderBy("city", "snapshot_year", "grade", "follow_up_owner");
  }

  // ------------------------------------------------------------------ helpers

  /** Y-1 rows moved into year Y, with their tier, scores and descriptive columns. */
  private static Dataset<Row> previous(Dataset<Row> r, ModelView m) {
    String owner = m.roles().owner();
    List<Column> cols = new ArrayList<>(List.of(col("city"), col("snapshot_year").plus(1).as("snapshot_year"),
        col("customer_id"), col("company_name"), (owner == null ? lit(null).cast("string") : col(owner)).as("owner"),
        col(m.tierColumn()).as("prev_tier"), col(m.gradedColumn()).cast(SCORE_TYPE).as("prev_composite"),
        watched(m, "activity").as("prev_activity"), watched(m, "contribution").as("prev_contribution"),
        (m.revenue() == null ? lit(null) : col(m.revenue())).cast(MONEY_TYPE).as("prev_amount")));
    return r.select(cols.toArray(Column[]::new));
  }

  private static Dataset<Row> current(Dataset<Row> r, ModelView m) {
    List<Column> cols = new ArrayList<>(List.of(col("city"), col("snapshot_year"), col("customer_id"),
        col(m.tierColumn()).as("curr_tier"), col(m.gradedColumn()).cast(SCORE_TYPE).as("curr_composite"),
        watched(m, "activity").as("curr_activity"), watched(m, "contribution").as("curr_contribution")));
    return r.select(cols.toArray(Column[]::new));
  }

  /** The score a churn slot watches, as a score; empty where the model watches none. */
  private static Column watched(ModelView m, String slot) {
    Roles.ChurnWatch w = m.watch(slot);
    return (w == null ? lit(null) : col(w.column())).cast(SCORE_TYPE);
  }

  /** 0 for the best tier, 1 for the next…; a tier the model does not know ranks below all. */
  static Column tierOrder(Column tier, List<String> tiers) {
    Column c = null;
    for (int i = 0; i < tiers.size(); i++) {
      c = c == null ? when(tier.equalTo(tiers.get(i)), lit(i)) : c.when(tier.equalTo(tiers.get(i)), lit(i));
    }
    return c.otherwise(lit(tiers.size()));
  }

  private static Column isHighValue(Column tier, ModelView m) {
    return m.highValueTiers().isEmpty() ? lit(false)
        : coalesce(tier.isin(m.highValueTiers().toArray()), lit(false));
  }

  private static int levelOrder(ReportConfig rc, String level) {
    for (int i = 0; i < rc.levels().size(); i++) {
      if (rc.levels().get(i).name().equals(level)) {
        return i;
      }
    }
    throw new IllegalStateException("unknown level " + level);
  }

  /** In the top {@code percent}%: {@code 100 × greater < percent × N}, in integers. */
  static Column top(Column greater, Column population, int percent) {
    return greater.cast("long").multiply(100L).lt(population.cast("long").multiply((long) percent));
  }

  /** Score of the first bucket whose top holds the row; the bottom score below all, or when {@code bottom}. */
  private static Column score(Column greater, Column bottom, ReportConfig rc) {
    Column c = when(coalesce(bottom, lit(false)), lit(rc.rfmBottomScore()));
    for (Bucket b : rc.rfmBuckets()) {
      c = c.when(top(greater, col("rank_population"), b.topPercent()), lit(b.score()));
    }
    return c.otherwise(lit(rc.rfmBottomScore()));
  }

  private static Column inRange(Column score, Range r) {
    return r == null ? lit(true) : score.between(r.low(), r.high());
  }

  private static Column labelOf(Column layer, List<Layer> layers) {
    Column c = null;
    for (Layer l : layers) {
      c = c == null ? when(layer.equalTo(l.name()), lit(l.label())) : c.when(layer.equalTo(l.name()), lit(l.label()));
    }
    return c;
  }

  private static Column layerTop(Column layer, List<Layer> layers) {
    Column c = null;
    for (Layer l : layers) {
      Column v = l.topPercent() == null ? lit(100) : lit(l.topPercent());
      c = c == null ? when(layer.equalTo(l.name()), v) : c.when(layer.equalTo(l.name()), v);
    }
    return c;
  }

  /** num ÷ den as an exact decimal rounded half-up to 6 places; null when den is 0. */
  static Column share(Column num, Column den) {
    return round(num.cast("decimal(24,2)").divide(den.cast("decimal(24,2)")), 6).cast(SHARE_TYPE);
  }

  /** Like {@link #share} for ratios that may exceed 1 or be negative (lift, growth). */
  static Column ratio(Column num, Column den) {
    return round(num.cast("decimal(24,2)").divide(den.cast("decimal(24,2)")), 6).cast(RATIO_TYPE);
  }

  private static Column countIf(Column cond) {
    return sum(when(cond, lit(1L)).otherwise(lit(0L)));
  }

  /** A small frame of names with their order (tiers, layers) to cross-join so that empty ones show. */
  private static Dataset<Row> names(SparkSession spark, List<String> names, String nameCol, String orderCol) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      rows.add(RowFactory.create(names.get(i), i));
    }
    return spark.createDataFrame(rows, new StructType()
        .add(nameCol, DataTypes.StringType, false).add(orderCol, DataTypes.IntegerType, false));
  }

  private static scala.collection.Seq<String> seq(String... cols) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(cols)).toSeq();
  }
}
