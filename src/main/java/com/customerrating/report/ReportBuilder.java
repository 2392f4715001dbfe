package com.customerrating.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.model.BandedValue;
import com.customerrating.model.ConversionModel;
import com.customerrating.model.Grade;
import com.customerrating.model.RatingModel;
import com.customerrating.sink.DeltaSink;
import com.customerrating.sink.DeltaSink.Partition;
import com.customerrating.sink.Tables;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One self-contained HTML report per city and year, plus {@code index.html}, from the analytics
 * tables, the ratings, run_log and the quarantine. Everything brought to the driver here is an
 * aggregate (a row per tier, layer, grade, owner, segment, severity or percent) or the config's
 * top-N churn alerts: a few hundred rows at most per report.
 */
final class ReportBuilder {

  static final Pattern REPORT_FILE = Pattern.compile("([a-z][a-z0-9_-]*)_(\\d{4})\\.html");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final SparkSession spark;
  private final JobConfig config;
  private final ReportConfig rc;
  private final String warehouse;
  private final String quarantine;
  private final String runId;
  private final MustacheFactory mustache = new DefaultMustacheFactory("report");

  ReportBuilder(SparkSession spark, JobConfig config, ReportConfig rc, String warehouse, String quarantine, String runId) {
    this.spark = spark;
    this.config = config;
    this.rc = rc;
    this.warehouse = warehouse;
    this.quarantine = quarantine;
    this.runId = runId;
  }

  /** Writes {@code <city>_<year>.html} for each partition and rewrites the index; returns the files. */
  List<Path> writeAll(Set<Partition> parts, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (Partition p : parts) {
      Path f = dir.resolve(p.city() + "_" + p.year() + ".html");
      Files.writeString(f, render("city_report.mustache", data(p)), StandardCharsets.UTF_8);
      out.add(f);
    }
    Path index = dir.resolve("index.html");
    Files.writeString(index, render("index.mustache", indexData(dir)), StandardCharsets.UTF_8);
    out.add(index);
    return out;
  }

  private String render(String template, Map<String, Object> scope) {
    Mustache m = mustache.compile(template);
    StringWriter w = new StringWriter();
    m.execute(w, scope);
    return w.toString();
  }

  // ------------------------------------------------------------------ index

  private Map<String, Object> indexData(Path dir) throws IOException {
    Map<String, List<Map<String, Object>>> byYear = new TreeMap<>(java.util.Comparator.reverseOrder());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = REPORT_FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          DatasetConfig d = config.dataset(m.group(1));
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("href", f.getFileName().toString());
          e.put("city", rc.cityLabel(m.group(1)));
          e.put("model", d == null ? "" : d.model().id() + " v" + d.model().version());
          byYear.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(e);
        }
      }
    }
    List<Map<String, Object>> years = new ArrayList<>();
    byYear.forEach((y, list) -> years.add(Map.of("year", y, "reports", list)));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("years", years);
    s.put("runId", runId);
    s.put("css", css());
    return s;
  }

  // ------------------------------------------------------------------ one city and year

  Map<String, Object> data(Partition p) {
    DatasetConfig ds = config.dataset(p.city());
    RatingModel model = ds.model();
    ModelView mv = ModelView.of(model, rc);
    Map<String, Object> s = new LinkedHashMap<>();
    String cityLabel = rc.cityLabel(p.city());
    s.put("css", css());
    s.put("title", cityLabel + " " + p.year());
    s.put("city", cityLabel);
    s.put("year", p.year());
    s.put("prevYear", p.year() - 1);
    s.put("modelId", model.id());
    s.put("modelVersion", model.version());
    s.put("asOf", ds.asOfDate(p.year()).toString());
    s.put("analyticsRunId", runId);
    s.put("isValue", mv.valueModel());
    s.put("isConversion", !mv.valueModel());
    s.put("tierWord", mv.valueModel() ? "等级 tier" : "评级 grade");
    List<String> warnings = model.warnings();
    String cwd = Path.of("").toAbsolutePath() + "/";
    s.put("warnings", warnings.stream().map(w -> warning(w.replace(cwd, ""))).toList());
    List<String> findings = new ArrayList<>();

    runInfo(p, s);
    tiers(p, mv, s, findings, warnings);
    migration(p, mv, s, findings);
    if (mv.valueModel()) {
      pyramid(p, s, findings);
      rfm(p, s, findings);
    } else {
      conversion(p, s, findings);
      workload(p, (ConversionModel) model, s, findings);
    }
    churn(p, mv, s, findings);
    s.put("findings", findings.stream().map(f -> Map.of("text", f)).toList());
    return s;
  }

  private Dataset<Row> table(String name, Partition p) {
    String path = Tables.path(warehouse, name);
    if (!AnalyticsStage.exists(spark, path)) {
      return null;
    }
    return spark.read().format("delta").load(path).where(DeltaSink.predicate(List.of(p)));
  }

  private void runInfo(Partition p, Map<String, Object> s) {
    ModelView mv = ModelView.of(config.dataset(p.city()).model(), rc);
    Dataset<Row> ratings = table(mv.table(), p);
    String ratingsRun = null;
    if (ratings != null) {
      List<Row> r = ratings.select("run_id").distinct().limit(5).collectAsList(); // normally one run id
      ratingsRun = r.isEmpty() ? null : r.get(0).getString(0);
    }
    s.put("ratingsRunId", ratingsRun == null ? "—" : ratingsRun);
    Dataset<Row> log = table(Tables.RUN_LOG, p);
    List<Map<String, Object>> attempts = new ArrayList<>();
    if (log != null) {
      // Every delivery attempt of this city and year: one row per run, a handful.
      for (Row r : log.orderBy(col("ended_at").desc()).limit(10).collectAsList()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("runId", r.getAs("run_id"));
        a.put("ended", ((Timestamp) r.getAs("ended_at")).toInstant().toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", " UTC"));
        a.put("read", fmtInt(r.<Long>getAs("rows_read")));
        a.put("accepted", fmtInt(r.<Long>getAs("rows_accepted")));
        a.put("rejected", fmtInt(r.<Long>getAs("rows_rejected")));
        a.put("outcome", r.getAs("outcome"));
        a.put("ok", "succeeded".equals(r.getAs("outcome")));
        a.put("publishing", r.getAs("run_id").equals(ratingsRun));
        String msg = r.getAs("message");
        a.put("message", msg == null ? "" : msg);
        List<String> files = r.getList(r.fieldIndex("input_files"));
        a.put("files", String.join(", ", files.stream().map(f -> f.replaceAll("^.*/", "")).toList()));
        attempts.add(a);
        if ("true".equals(String.valueOf(a.get("publishing"))) && !s.containsKey("rowsRejected")) {
          s.put("rowsRead", a.get("read"));
          s.put("rowsAccepted", a.get("accepted"));
          s.put("rowsRejected", a.get("rejected"));
        }
      }
    }
    s.put("attempts", attempts);
    s.put("latestRefused", !attempts.isEmpty() && !(Boolean) attempts.get(0).get("ok"));
    String qpath = Tables.path(quarantine, Tables.REJECTED_RECORDS);
    List<Map<String, Object>> reasons = new ArrayList<>();
    if (ratingsRun != null && AnalyticsStage.exists(spark, qpath)) {
      for (Row r : spark.read().format("delta").load(qpath).where(DeltaSink.predicate(List.of(p)))
          .where(col("run_id").equalTo(ratingsRun))
          .select(explode(col("reasons")).as("reason")).groupBy("reason").agg(count(lit(1)).as("n"))
          .orderBy(col("n").desc(), col("reason")).limit(10).collectAsList()) { // ≤ 10 reason counts
        reasons.add(Map.of("reason", r.getString(0), "count", fmtInt(r.getLong(1))));
      }
    }
    s.put("rejectReasons", reasons);
  }

  private void tiers(Partition p, ModelView mv, Map<String, Object> s, List<String> findings, List<String> warnings) {
    Dataset<Row> t = table(AnalyticsStage.TIER_SUMMARY, p);
    if (t == null) {
      return;
    }
    List<Row> rows = t.orderBy("tier_order").collectAsList(); // one row per tier
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    Row biggest = null;
    long total = 0;
    for (Row r : rows) {
      long n = r.getAs("customers");
      total = r.<Long>getAs("total_customers");
      BigDecimal cs = r.getAs("customer_share");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tier", r.getAs("tier"));
      m.put("customers", fmtInt(n));
      m.put("customerShare", pct(cs));
      m.put("revenue", money(r.getAs("revenue")));
      m.put("revenueShare", pct(r.getAs("revenue_share")));
      out.add(m);
      bars.add(new Charts.Bar(r.getAs("tier"), n, fmtInt(n) + " (" + pct(cs) + ")"));
      if (n == 0) {
        empty.add(r.getAs("tier"));
      }
      if (biggest == null || n > biggest.<Long>getAs("customers")) {
        biggest = r;
      }
    }
    s.put("tierRows", out);
    s.put("hasTiers", !out.isEmpty());
    s.put("totalCustomers", fmtInt(total));
    s.put("tierBar", Charts.bars(bars, "customers 客户数", 520, 300, null, null));
    s.put("tierPie", Charts.pie(bars, 420, 300));
    if (biggest != null) {
      findings.add(String.format("%s %s 客户最多：%s 家，占 %s%s。 The largest %s is %s with %s customers (%s of %s)%s.",
          mv.valueModel() ? "等级" : "评级", biggest.getAs("tier"), fmtInt(biggest.<Long>getAs("customers")),
          pct(biggest.getAs("customer_share")), mv.valueModel() ? "，收入占 " + pct(biggest.getAs("revenue_share")) : "",
          mv.valueModel() ? "tier" : "grade", biggest.getAs("tier"), fmtInt(biggest.<Long>getAs("customers")),
          pct(biggest.getAs("customer_share")), fmtInt(total),
          mv.valueModel() ? ", bringing " + pct(biggest.getAs("revenue_share")) + " of revenue" : ""));
    }
    if (!empty.isEmpty()) {
      boolean unreachable = warnings.stream().anyMatch(w -> w.contains("unreachable"));
      findings.add(String.format("%s 无客户%s。 No customer is in %s %s%s.", String.join("/", empty),
          unreachable ? "：模型权重使综合分无法达到（见下方模型警告）" : "",
          mv.valueModel() ? "tier" : "grade", String.join(", ", empty),
          unreachable ? ": the model's weights cap the composite below them (see the model warnings)" : ""));
    }
  }

  private void migration(Partition p, ModelView mv, Map<String, Object> s, List<String> findings) {
    Dataset<Row> sum = table(AnalyticsStage.MIGRATION_SUMMARY, p);
    Dataset<Row> mig = table(AnalyticsStage.TIER_MIGRATION, p);
    List<Row> summary = sum == null ? List.of() : sum.collectAsList(); // at most one row
    if (summary.isEmpty() || mig == null) {
      s.put("hasMigration", false);
      return;
    }
    Row r = summary.get(0);
    s.put("hasMigration", true);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prev", fmtInt(r.<Long>getAs("customers_prev")));
    m.put("curr", fmtInt(r.<Long>getAs("customers_curr")));
    m.put("retained", fmtInt(r.<Long>getAs("retained")));
    m.put("retention", pct(r.getAs("retention_rate")));
    m.put("newCustomers", fmtInt(r.<Long>getAs("new_customers")));
    m.put("lost", fmtInt(r.<Long>getAs("lost_customers")));
    m.put("upgraded", fmtInt(r.<Long>getAs("upgraded")));
    m.put("upgradeRate", pct(r.getAs("upgrade_rate")));
    m.put("downgraded", fmtInt(r.<Long>getAs("downgraded")));
    m.put("downgradeRate", pct(r.getAs("downgrade_rate")));
    m.put("unchanged", fmtInt(r.<Long>getAs("unchanged")));
    m.put("hvTiers", r.getAs("high_value_tiers"));
    m.put("hvPrev", fmtInt(r.<Long>getAs("high_value_prev")));
    m.put("hvCurr", fmtInt(r.<Long>getAs("high_value_curr")));
    long change = r.getAs("high_value_change");
    m.put("hvChange", (change > 0 ? "+" : "") + fmtInt(change));
    BigDecimal growth = r.getAs("high_value_growth");
    m.put("hvGrowth", growth == null ? "— (none in " + (p.year() - 1) + ")" : signedPct(growth));
    s.put("mig", m);
    findings.add(String.format("%d→%d 两年均在的 %s 家客户中，%s 家升级（升级率 %s），%s 家降级；高价值客户（%s）由 %s 变为 %s（%s）。"
            + " Of the %s customers in both years, %s moved up a %s (upgrade rate %s) and %s moved down; high-value customers (%s) went from %s to %s (%s).",
        p.year() - 1, p.year(), m.get("retained"), m.get("upgraded"), m.get("upgradeRate"), m.get("downgraded"),
        m.get("hvTiers"), m.get("hvPrev"), m.get("hvCurr"), m.get("hvGrowth"),
        m.get("retained"), m.get("upgraded"), mv.valueModel() ? "tier" : "grade", m.get("upgradeRate"),
        m.get("downgraded"), m.get("hvTiers"), m.get("hvPrev"), m.get("hvCurr"), m.get("hvGrowth")));

    List<String> tiers = new ArrayList<>(mv.tiers());
    Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
    for (Row c : mig.collectAsList()) { // at most tiers × tiers rows
      String from = c.getAs("from_tier");
      String to = c.getAs("to_tier");
      for (String t : List.of(from, to)) {
        if (!tiers.contains(t)) {
          tiers.add(t);
        }
      }
      cells.computeIfAbsent(from, k -> new LinkedHashMap<>()).put(to, c.getAs("customers"));
    }
    List<Map<String, Object>> matrix = new ArrayList<>();
    for (int i = 0; i < tiers.size(); i++) {
      String from = tiers.get(i);
      Map<String, Long> row = cells.getOrDefault(from, Map.of());
      long rowTotal = row.values().stream().mapToLong(Long::longValue).sum();
      List<Map<String, Object>> cs = new ArrayList<>();
      for (int j = 0; j < tiers.size(); j++) {
        long n = row.getOrDefault(tiers.get(j), 0L);
        double alpha = rowTotal == 0 ? 0 : 0.12 + 0.6 * n / rowTotal;
        String rgb = j < i ? "56,142,60" : j > i ? "198,40,40" : "46,117,182";
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("n", n == 0 ? "·" : fmtInt(n));
        cell.put("style", n == 0 ? "" : String.format("background: rgba(%s,%.2f)", rgb, alpha));
        cs.add(cell);
      }
      matrix.add(Map.of("from", from, "cells", cs, "total", fmtInt(rowTotal)));
    }
    s.put("migTiers", tiers.stream().map(t -> Map.of("t", t)).toList());
    s.put("migMatrix", matrix);
  }

  private void pyramid(Partition p, Map<String, Object> s, List<String> findings) {
    Dataset<Row> t = table(AnalyticsStage.CUSTOMER_PYRAMID, p);
    List<Row> rows = t == null ? List.of() : t.orderBy("layer_order").collectAsList(); // one row per layer
    if (rows.isEmpty()) {
      return;
    }
    s.put("hasPyramid", true);
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Layer> layers = new ArrayList<>();
    int prevTop = 0;
    for (Row r : rows) {
      int top = r.getAs("layer_top_percent");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", r.getAs("layer_label"));
      m.put("rule", prevTop == 0 ? "top " + top + "%" : top == 100 ? "remaining " + (100 - prevTop) + "%" : "next " + (top - prevTop) + "%");
      m.put("customers", fmtInt(r.<Long>getAs("customers")));
      m.put("customerShare", pct(r.getAs("customer_share")));
      m.put("revenue", money(r.getAs("revenue")));
      m.put("revenueShare", pct(r.getAs("revenue_share")));
      BigDecimal lo = r.getAs("min_amount");
      BigDecimal hi = r.getAs("max_amount");
      m.put("range", lo == null ? "—" : money(lo) + " – " + money(hi));
      out.add(m);
      layers.add(new Charts.Layer(r.getAs("layer_label"), fmtInt(r.<Long>getAs("customers")) + " 家 customers · "
          + pct(r.getAs("customer_share")) + " of customers · " + pct(r.getAs("revenue_share")) + " of revenue"));
      prevTop = top;
    }
    Row first = rows.get(0);
    s.put("pyramidRows", out);
    s.put("pyramidSvg", Charts.pyramid(layers, 760, 240));
    int paretoTop = first.getAs("pareto_top_percent");
    BigDecimal paretoShare = first.getAs("pareto_revenue_share");
    s.put("paretoTop", paretoTop);
    s.put("paretoShare", pct(paretoShare));
    s.put("paretoCustomers", fmtInt(first.<Long>getAs("pareto_customers")));
    s.put("totalRevenue", money(first.getAs("total_revenue")));
    ModelView mv = ModelView.of(config.dataset(p.city()).model(), rc);
    Dataset<Row> ratings = table(mv.table(), p);
    List<Charts.Point> curve = new ArrayList<>();
    for (Row r : Analytics.paretoCurve(ratings).collectAsList()) { // ≤ 100 rows: one per percent
      BigDecimal share = r.getAs("revenue_share");
      curve.add(new Charts.Point(r.<Integer>getAs("pct"), share == null ? 0 : share.doubleValue() * 100));
    }
    s.put("paretoSvg", Charts.pareto(curve, paretoTop, paretoShare == null ? 0 : paretoShare.doubleValue() * 100, 560, 320));
    Row vip = rows.get(0);
    findings.add(String.format("前 %d%% 的客户（%s 家）贡献 %s 的收入；%s（%s 家）贡献 %s。"
            + " The top %d%% of customers (%s) bring %s of revenue; the %s layer (%s customers) brings %s.",
        paretoTop, fmtInt(first.<Long>getAs("pareto_customers")), pct(paretoShare), zh(vip.getAs("layer_label")),
        fmtInt(vip.<Long>getAs("customers")), pct(vip.getAs("revenue_share")),
        paretoTop, fmtInt(first.<Long>getAs("pareto_customers")), pct(paretoShare), en(vip.getAs("layer_label")),
        fmtInt(vip.<Long>getAs("customers")), pct(vip.getAs("revenue_share"))));
  }

  private void rfm(Partition p, Map<String, Object> s, List<String> findings) {
    Dataset<Row> t = table(AnalyticsStage.RFM_SEGMENTS, p);
    if (t == null) {
      return;
    }
    Map<String, Row> bySeg = new LinkedHashMap<>();
    long total = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (Row r : t.groupBy("segment").agg(count(lit(1)).as("n"), sum("monetary").as("rev"),
        org.apache.spark.sql.functions.avg("recency_days").as("avg_recency")).collectAsList()) { // one row per segment
      bySeg.put(r.getString(0), r);
      total += r.getLong(1);
      revenue = revenue.add(r.isNullAt(2) ? BigDecimal.ZERO : r.getDecimal(2));
    }
    if (total == 0) {
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    for (ReportConfig.Segment seg : rc.segments()) {
      Row r = bySeg.get(seg.name());
      long n = r == null ? 0 : r.getLong(1);
      BigDecimal rev = r == null || r.isNullAt(2) ? BigDecimal.ZERO : r.getDecimal(2);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", seg.label());
      m.put("rule", segmentRule(seg));
      m.put("customers", fmtInt(n));
      m.put("customerShare", pct(ratio(BigDecimal.valueOf(n), BigDecimal.valueOf(total))));
      m.put("revenueShare", pct(ratio(rev, revenue)));
      m.put("avgRecency", r == null || r.isNullAt(3) ? "—" : String.format("%.0f", r.getDouble(3)));
      out.add(m);
      bars.add(new Charts.Bar(seg.label(), n, fmtInt(n)));
    }
    s.put("hasRfm", true);
    s.put("rfmRows", out);
    s.put("rfmBar", Charts.bars(bars, "customers 客户数", 760, 340, null, null, true));
    Row champ = bySeg.get(rc.segments().size() > 1 ? rc.segments().get(1).name() : "");
    if (champ != null) {
      ReportConfig.Segment seg = rc.segments().get(1);
      findings.add(String.format("RFM：%s %s 家，占客户 %s、收入 %s。 RFM: %s are %s customers, %s of customers and %s of revenue.",
          zh(seg.label()), fmtInt(champ.getLong(1)), pct(ratio(BigDecimal.valueOf(champ.getLong(1)), BigDecimal.valueOf(total))),
          pct(ratio(champ.isNullAt(2) ? BigDecimal.ZERO : champ.getDecimal(2), revenue)), en(seg.label()),
          fmtInt(champ.getLong(1)), pct(ratio(BigDecimal.valueOf(champ.getLong(1)), BigDecimal.valueOf(total))),
          pct(ratio(champ.isNullAt(2) ? BigDecimal.ZERO : champ.getDecimal(2), revenue))));
    }
  }

  private void conversion(Partition p, Map<String, Object> s, List<String> findings) {
    Dataset<Row> t = table(AnalyticsStage.CONVERSION_BY_GRADE, p);
    List<Row> rows = t == null ? List.of() : t.orderBy("grade_order").collectAsList(); // one row per grade
    if (rows.isEmpty()) {
      s.put("hasConversion", false);
      return;
    }
    s.put("hasConversion", true);
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    BigDecimal overall = rows.get(0).getAs("overall_rate");
    BigDecimal prevRate = null;
    boolean monotone = true;
    for (Row r : rows) {
      BigDecimal rate = r.getAs("conversion_rate");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("grade", r.getAs("grade"));
      m.put("customers", fmtInt(r.<Long>getAs("customers")));
      m.put("known", fmtInt(r.<Long>getAs("customers_with_outcome")));
      m.put("purchasers", fmtInt(r.<Long>getAs("purchasers")));
      m.put("rate", pct(rate));
      BigDecimal lift = r.getAs("lift");
      m.put("lift", lift == null ? "—" : lift.setScale(2, RoundingMode.HALF_UP).toPlainString() + "×");
      out.add(m);
      bars.add(new Charts.Bar(r.getAs("grade"), rate == null ? 0 : rate.doubleValue() * 100, pct(rate)));
      if (rate != null) {
        if (prevRate != null && rate.compareTo(prevRate) > 0) {
          monotone = false;
        }
        prevRate = rate;
      }
    }
    s.put("conversionRows", out);
    s.put("overallRate", pct(overall));
    s.put("conversionBar", Charts.bars(bars, "conversion rate 转化率 (%)", 520, 300,
        overall == null ? null : overall.doubleValue() * 100, "overall 总体 " + pct(overall)));
    Row a = rows.get(0);
    Row d = rows.get(rows.size() - 1);
    BigDecimal liftA = a.getAs("lift");
    findings.add(String.format("%s 级实际转化率 %s（为总体 %s 的 %s 倍），%s 级 %s；%s。"
            + " Grade %s converts at %s (%s× the overall %s), grade %s at %s: %s.",
        a.getAs("grade"), pct(a.getAs("conversion_rate")), pct(overall),
        liftA == null ? "—" : liftA.setScale(2, RoundingMode.HALF_UP).toPlainString(),
        d.getAs("grade"), pct(d.getAs("conversion_rate")), monotone ? "转化率随评级单调下降，评级有区分度" : "转化率未随评级单调下降，需复核模型",
        a.getAs("grade"), pct(a.getAs("conversion_rate")),
        liftA == null ? "—" : liftA.setScale(2, RoundingMode.HALF_UP).toPlainString(), pct(overall),
        d.getAs("grade"), pct(d.getAs("conversion_rate")),
        monotone ? "conversion falls grade by grade, so the grading separates buyers from non-buyers"
            : "conversion does not fall grade by grade; the model deserves a review"));
  }

  private void workload(Partition p, ConversionModel model, Map<String, Object> s, List<String> findings) {
    Dataset<Row> ratings = table(Tables.CONVERSION_RATINGS, p);
    if (ratings == null) {
      return;
    }
    Map<String, java.time.MonthDay> asOf = Map.of(p.city(), config.dataset(p.city()).asOf());
    Map<String, Grade> grades = new LinkedHashMap<>();
    for (BandedValue<Grade> g : model.grades()) {
      grades.put(g.value().name(), g.value());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    long totalContacts = 0;
    String busiest = null;
    long busiestContacts = -1;
    Map<String, Long> perOwner = new LinkedHashMap<>();
    for (Row r : Analytics.followUpWorkload(ratings, asOf).collectAsList()) { // one row per grade and owner
      Grade g = grades.get(r.getString(2));
      long n = r.getAs("customers");
      long perYear = g == null ? 0 : contactsPerYear(g.cadencePeriod());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("grade", r.getAs("grade"));
      m.put("owner", g == null ? r.getAs("follow_up_owner") : g.ownerLabel());
      m.put("cadence", cadenceLabel(r.getAs("follow_up_cadence")));
      m.put("customers", fmtInt(n));
      m.put("perYear", fmtInt(n * perYear));
      m.put("due", fmtInt(r.<Long>getAs("due_by_as_of")));
      out.add(m);
      totalContacts += n * perYear;
      String owner = String.valueOf(m.get("owner"));
      perOwner.merge(owner, n * perYear, Long::sum);
    }
    for (Map.Entry<String, Long> e : perOwner.entrySet()) {
      if (e.getValue() > busiestContacts) {
        busiest = e.getKey();
        busiestContacts = e.getValue();
      }
    }
    s.put("workloadRows", out);
    s.put("hasWorkload", !out.isEmpty());
    s.put("totalContacts", fmtInt(totalContacts));
    if (busiest != null) {
      findings.add(String.format("按跟进频率，全年约需 %s 次跟进，其中 %s 最多（约 %s 次）。"
              + " At the grades' cadences the year needs about %s follow-ups; %s carry the most (about %s).",
          fmtInt(totalContacts), busiest, fmtInt(busiestContacts), fmtInt(totalContacts), busiest, fmtInt(busiestContacts)));
    }
  }

  private void churn(Partition p, ModelView mv, Map<String, Object> s, List<String> findings) {
    Dataset<Row> t = table(AnalyticsStage.CHURN_ALERTS, p);
    boolean hasPrev = Boolean.TRUE.equals(s.get("hasMigration"));
    s.put("hasChurnData", hasPrev && t != null);
    if (!hasPrev || t == null) {
      return;
    }
    Map<String, Long> bySev = new LinkedHashMap<>();
    for (Row r : t.groupBy("severity").agg(count(lit(1))).collectAsList()) { // one row per level
      bySev.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (Row r : t.select(explode(col("reasons")).as("reason")).groupBy("reason").agg(count(lit(1))).collectAsList()) {
      byReason.put(r.getString(0), r.getLong(1)); // one row per reason
    }
    long total = bySev.values().stream().mapToLong(Long::longValue).sum();
    List<Map<String, Object>> sev = new ArrayList<>();
    for (ReportConfig.Level l : rc.levels()) {
      sev.add(Map.of("label", l.label(), "name", l.name(), "n", fmtInt(bySev.getOrDefault(l.name(), 0L))));
    }
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (String r : ReportConfig.REASONS) {
      if (!mv.valueModel() && (r.equals(ReportConfig.ACTIVITY_DROP) || r.equals(ReportConfig.CONTRIBUTION_DROP))) {
        continue;
      }
      reasons.add(Map.of("label", reasonLabel(r, mv), "n", fmtInt(byReason.getOrDefault(r, 0L))));
    }
    List<Map<String, Object>> top = new ArrayList<>();
    // The config's top N alerts (20 by default): most severe first, then most valuable last year.
    for (Row r : t.orderBy(col("severity_order"), col("prev_composite").desc(), col("prev_amount").desc_nulls_last(),
        col("customer_id")).limit(rc.topN()).collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", r.getAs("severity"));
      m.put("severityLabel", rc.levelLabel(r.getAs("severity")));
      m.put("customerId", r.getAs("customer_id"));
      m.put("company", r.getAs("company_name"));
      m.put("owner", r.getAs("owner"));
      m.put("prevTier", r.getAs("prev_tier"));
      String curr = r.getAs("curr_tier");
      m.put("currTier", curr == null ? "—" : curr);
      m.put("prevComposite", two(r.getAs("prev_composite")));
      m.put("currComposite", two(r.getAs("curr_composite")));
      m.put("activityChange", signed(r.getAs("activity_change")));
      m.put("contributionChange", signed(r.getAs("contribution_change")));
      m.put("prevAmount", money(r.getAs("prev_amount")));
      List<String> rs = r.getList(r.fieldIndex("reasons"));
      m.put("reasons", String.join(" · ", rs.stream().map(ReportBuilder::shortReason).toList()));
      top.add(m);
    }
    s.put("churnTotal", fmtInt(total));
    s.put("churnBySeverity", sev);
    s.put("churnByReason", reasons);
    s.put("churnTop", top);
    s.put("topN", rc.topN());
    s.put("hasAlerts", total > 0);
    if (mv.valueModel()) {
      s.put("churnThresholds", String.format("activity drop > %s, contribution drop > %s (model file)",
          mv.churn().activityDrop().toPlainString(), mv.churn().contributionDrop().toPlainString()));
    }
    String high = rc.levels().get(0).name();
    findings.add(String.format("流失预警 %s 条，其中%s %s 条；%s 家上一年客户未出现在 %d 年数据中。"
            + " %s churn alerts, %s of them %s; %s customers of %d are missing from the %d file.",
        fmtInt(total), rc.levelLabel(high).split(" ")[0], fmtInt(bySev.getOrDefault(high, 0L)),
        fmtInt(byReason.getOrDefault(ReportConfig.LEFT, 0L)), p.year(),
        fmtInt(total), fmtInt(bySev.getOrDefault(high, 0L)), high,
        fmtInt(byReason.getOrDefault(ReportConfig.LEFT, 0L)), p.year() - 1, p.year()));
  }

  // ------------------------------------------------------------------ formatting

  private static final java.util.regex.Pattern UNREACHABLE = java.util.regex.Pattern.compile(
      "tier (\\S+) is unreachable: its band (.+) lies outside the composite's range (\\[[^]]+]) under these weights");

  /** A model warning for the page: its text, and a Chinese line where the warning is a known kind. */
  static Map<String, Object> warning(String text) {
    Map<String, Object> w = new java.util.HashMap<>();
    w.put("text", text);
    java.util.regex.Matcher m = UNREACHABLE.matcher(text);
    if (m.find()) {
      w.put("zh", "等级 " + m.group(1) + " 无法达到：其分数区间 " + m.group(2) + " 在当前权重下超出综合分的可能范围 "
          + m.group(3) + "。");
    }
    return w;
  }

  private static String reasonLabel(String reason, ModelView mv) {
    return switch (reason) {
      case ReportConfig.LEFT -> "未出现在本年数据 left (missing this year)";
      case ReportConfig.TIER_DROP -> mv.valueModel() ? "等级下降 tier dropped" : "评级下降 grade dropped";
      case ReportConfig.ACTIVITY_DROP -> "活跃度下降 activity fell";
      case ReportConfig.CONTRIBUTION_DROP -> "贡献度下降 contribution fell";
      default -> reason;
    };
  }

  private static String shortReason(String reason) {
    return switch (reason) {
      case ReportConfig.LEFT -> "离开 left";
      case ReportConfig.TIER_DROP -> "降级 tier↓";
      case ReportConfig.ACTIVITY_DROP -> "活跃↓ activity";
      case ReportConfig.CONTRIBUTION_DROP -> "贡献↓ contribution";
      default -> reason;
    };
  }

  /** "VIP客户 VIP" → the part after the first space (the English name), or the whole label. */
  static String en(String label) {
    int i = label.indexOf(' ');
    return i < 0 ? label : label.substring(i + 1);
  }

  static String zh(String label) {
    int i = label.indexOf(' ');
    return i < 0 ? label : label.substring(0, i);
  }

  private static String cadenceLabel(String c) {
    return switch (c) {
      case "weekly" -> "每周 weekly";
      case "monthly" -> "每月 monthly";
      case "quarterly" -> "每季度 quarterly";
      case "yearly" -> "每年 yearly";
      default -> c;
    };
  }

  /** Follow-ups a year at one cadence period: 12 ÷ months, or 365 ÷ days, whole contacts. */
  static long contactsPerYear(java.time.Period p) {
    long months = p.toTotalMonths();
    if (months > 0 && p.getDays() == 0) {
      return Math.max(1, 12 / months);
    }
    long days = months * 30 + p.getDays();
    return days <= 0 ? 0 : Math.max(1, 365 / days);
  }

  private static String segmentRule(ReportConfig.Segment s) {
    List<String> parts = new ArrayList<>();
    if (s.hasTransaction() != null) {
      parts.add(s.hasTransaction() ? "has a transaction" : "no transaction");
    }
    for (Object[] a : new Object[][] {{"R", s.r()}, {"F", s.f()}, {"M", s.m()}}) {
      ReportConfig.Range r = (ReportConfig.Range) a[1];
      if (r != null) {
        parts.add(r.low() == r.high() ? a[0] + "=" + r.low() : a[0] + " " + r.low() + "–" + r.high());
      }
    }
    return parts.isEmpty() ? "everyone else" : String.join(", ", parts);
  }

  static BigDecimal ratio(BigDecimal a, BigDecimal b) {
    return b.signum() == 0 ? null : a.divide(b, 6, RoundingMode.HALF_UP);
  }

  static String pct(BigDecimal share) {
    return share == null ? "—" : share.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  static String signedPct(BigDecimal share) {
    return (share.signum() > 0 ? "+" : "") + pct(share);
  }

  static String money(BigDecimal v) {
    return v == null ? "—" : "¥" + String.format("%,.2f", v.setScale(2, RoundingMode.HALF_UP));
  }

  static String fmtInt(long n) {
    return String.format("%,d", n);
  }

  private static String plain(BigDecimal v) {
    return v == null ? "—" : v.stripTrailingZeros().scale() <= 0 ? v.setScale(0).toPlainString()
        : v.setScale(Math.min(2, v.stripTrailingZeros().scale()), RoundingMode.HALF_UP).toPlainString();
  }

  private static String two(BigDecimal v) {
    return v == null ? "—" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String signed(BigDecimal v) {
    return v == null ? "—" : (v.signum() > 0 ? "+" : "") + plain(v);
  }

  private static String css() {
    try (var in = ReportBuilder.class.getClassLoader().getResourceAsStream("report/report.css")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
