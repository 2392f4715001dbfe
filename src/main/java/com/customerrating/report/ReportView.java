package com.customerrating.report;

import com.customerrating.model.RatingModel;
import com.customerrating.model.Tier;
import com.customerrating.report.ReportFacts.Attempt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One city-year report as a page model: the facts, the model and the report config in, the
 * template's values (text, tables, charts as SVG) out. Pure: no IO, no Spark. Which sections appear
 * depends on the roles the model file gives; a section a model cannot have says why in one line.
 */
final class ReportView {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final RatingModel model;
  private final ModelView mv;
  private final ReportConfig rc;

  ReportView(RatingModel model, ReportConfig rc) {
    this.model = model;
    this.mv = ModelView.of(model);
    this.rc = rc;
  }

  /**
   * @param cityLabel the city as the report names it
   * @param asOf the snapshot's as-of date
   * @param analyticsRunId the run that wrote the analytics tables and this page
   * @param cwd the working directory, cut from file names in warnings
   */
  Map<String, Object> page(ReportFacts f, String cityLabel, int year, String asOf, String analyticsRunId, String cwd) {
    Map<String, Object> s = new LinkedHashMap<>();
    boolean isGrade = mv.tierColumn().equals("grade");
    s.put("title", cityLabel + " " + year);
    s.put("city", cityLabel);
    s.put("year", year);
    s.put("prevYear", year - 1);
    s.put("modelId", model.id());
    s.put("modelVersion", model.version());
    s.put("modelTitle", model.title());
    s.put("asOf", asOf);
    s.put("analyticsRunId", analyticsRunId);
    s.put("tierWord", isGrade ? "评级 grade" : "等级 tier");
    s.put("tierWordEn", isGrade ? "Grade" : "Tier");
    s.put("hasRevenue", mv.revenue() != null);
    s.put("hasDeals", mv.roles().dealValue() != null);
    s.put("hasChurnScores", !mv.roles().churn().isEmpty());
    s.put("warnings", model.warnings().stream().map(w -> warning(w.replace(cwd, ""))).toList());
    List<String> findings = new ArrayList<>();
    List<String> skipped = new ArrayList<>();

    runInfo(f, s);
    tiers(f, s, findings, isGrade);
    funnel(f, s, findings);
    migration(f, s, findings, year, isGrade);
    if (mv.revenue() != null) {
      pyramid(f, s, findings);
    } else {
      skipped.add("客户金字塔与 80/20：模型文件未声明 revenue 角色。 Pyramid and 80/20: skipped, the model file declares no"
          + " revenue role (earned revenue).");
    }
    if (mv.roles().rfm()) {
      rfm(f, s, findings);
    } else {
      skipped.add("RFM：模型文件未声明 revenue、last_activity 和 frequency 角色。 RFM: skipped, the model file does not"
          + " declare the revenue, last_activity and frequency roles.");
    }
    if (mv.roles().outcome() != null) {
      outcomes(f, s, findings);
    } else {
      skipped.add("各评级实际结果：模型文件未声明 outcome 角色。 Outcome by grade: skipped, the model file declares no"
          + " outcome role.");
    }
    if (mv.hasActions()) {
      workload(f, s, findings);
    } else {
      skipped.add("跟进工作量：模型的等级没有跟进动作。 Follow-up workload: skipped, the model's tiers carry no"
          + " follow-up action (owner, cadence, period).");
    }
    if (mv.roles().overdue() != null) {
      overdue(f, s, findings);
    }
    churn(f, s, findings, year);
    s.put("findings", findings.stream().map(x -> Map.of("text", x)).toList());
    s.put("skipped", skipped.stream().map(x -> Map.of("text", x)).toList());
    return s;
  }

  // ------------------------------------------------------------------ sections

  private void runInfo(ReportFacts f, Map<String, Object> s) {
    s.put("ratingsRunId", f.ratingsRunId() == null ? "—" : f.ratingsRunId());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Attempt r : f.attempts()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("runId", r.runId());
      a.put("ended", r.ended().toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", " UTC"));
      a.put("read", fmtInt(r.read()));
      a.put("accepted", fmtInt(r.accepted()));
      a.put("rejected", fmtInt(r.rejected()));
      a.put("outcome", r.outcome());
      a.put("ok", "succeeded".equals(r.outcome()));
      boolean publishing = r.runId().equals(f.ratingsRunId());
      a.put("publishing", publishing);
      a.put("message", r.message());
      a.put("files", String.join(", ", r.files().stream().map(x -> x.replaceAll("^.*/", "")).toList()));
      a.put("skippedFiles", String.join("; ", r.skipped()));
      attempts.add(a);
      if (publishing && !s.containsKey("rowsRejected")) {
        s.put("rowsRead", a.get("read"));
        s.put("rowsAccepted", a.get("accepted"));
        s.put("rowsRejected", a.get("rejected"));
      }
    }
    s.put("attempts", attempts);
    s.put("latestRefused", !attempts.isEmpty() && !(Boolean) attempts.get(0).get("ok"));
    s.put("rejectReasons", f.rejectReasons().stream()
        .map(c -> Map.<String, Object>of("reason", c.name(), "count", fmtInt(c.n()))).toList());
  }

  private void tiers(ReportFacts f, Map<String, Object> s, List<String> findings, boolean isGrade) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    ReportFacts.TierRow biggest = null;
    long total = 0;
    for (ReportFacts.TierRow r : f.tiers()) {
      total = r.total();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tier", r.tier());
      m.put("customers", fmtInt(r.customers()));
      m.put("customerShare", pct(r.customerShare()));
      m.put("revenue", money(r.revenue()));
      m.put("revenueShare", pct(r.revenueShare()));
      m.put("dealValue", money(r.dealValue()));
      m.put("dealValueShare", pct(r.dealValueShare()));
      out.add(m);
      bars.add(new Charts.Bar(r.tier(), r.customers(), fmtInt(r.customers()) + " (" + pct(r.customerShare()) + ")"));
      if (r.customers() == 0) {
        empty.add(r.tier());
      }
      if (biggest == null || r.customers() > biggest.customers()) {
        biggest = r;
      }
    }
    s.put("tierRows", out);
    s.put("hasTiers", !out.isEmpty());
    s.put("totalCustomers", fmtInt(total));
    if (out.isEmpty()) {
      return;
    }
    s.put("tierBar", Charts.bars(bars, "customers 客户数", 520, 300, null, null));
    s.put("tierPie", Charts.pie(bars, 420, 300));
    boolean revenue = mv.revenue() != null;
    String word = isGrade ? "grade" : "tier";
    findings.add(String.format("%s %s 客户最多：%s 家，占 %s%s。 The largest %s is %s with %s customers (%s of %s)%s.",
        isGrade ? "评级" : "等级", biggest.tier(), fmtInt(biggest.customers()), pct(biggest.customerShare()),
        revenue ? "，收入占 " + pct(biggest.revenueShare()) : "", word, biggest.tier(), fmtInt(biggest.customers()),
        pct(biggest.customerShare()), fmtInt(total), revenue ? ", bringing " + pct(biggest.revenueShare()) + " of revenue" : ""));
    if (!empty.isEmpty()) {
      boolean unreachable = model.warnings().stream().anyMatch(w -> w.contains("unreachable"));
      findings.add(String.format("%s 无客户%s。 No customer is in %s %s%s.", String.join("/", empty),
          unreachable ? "：模型权重使综合分无法达到（见下方模型警告）" : "", word, String.join(", ", empty),
          unreachable ? ": the model's weights cap the composite below them (see the model warnings)" : ""));
    }
  }

  /** The pipeline funnel, worst tier first (D → C → B → A), with the deal value of each, then won and lost. */
  private void funnel(ReportFacts f, Map<String, Object> s, List<String> findings) {
    if (mv.roles().dealValue() == null || f.tiers().isEmpty()) {
      return;
    }
    List<ReportFacts.TierRow> rows = new ArrayList<>(f.tiers());
    java.util.Collections.reverse(rows);
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    for (ReportFacts.TierRow r : rows) {
      Tier t = model.grading().tier(r.tier());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tier", r.tier());
      m.put("meaning", t == null ? "" : t.meaning());
      m.put("customers", fmtInt(r.customers()));
      m.put("dealValue", money(r.dealValue()));
      m.put("dealValueShare", pct(r.dealValueShare()));
      out.add(m);
      bars.add(new Charts.Bar(r.tier(), r.dealValue() == null ? 0 : r.dealValue().doubleValue() / 10_000,
          money(r.dealValue())));
    }
    long won = f.outcomes().stream().mapToLong(ReportFacts.OutcomeRow::positive).sum();
    long known = f.outcomes().stream().mapToLong(ReportFacts.OutcomeRow::known).sum();
    s.put("hasFunnel", true);
    s.put("funnelRows", out);
    s.put("funnelWon", fmtInt(won));
    s.put("funnelLost", fmtInt(known - won));
    s.put("funnelHasOutcomes", known > 0);
    s.put("funnelBar", Charts.bars(bars, "deal value 预计金额 (万元 10k CNY)", 560, 300, null, null));
    ReportFacts.TierRow best = f.tiers().get(0);
    findings.add(String.format("漏斗：%s 级 %s 个商机，预计金额 %s（占 %s）。 Funnel: grade %s holds %s prospects worth %s"
            + " (%s of the pipeline's estimated value).", best.tier(), fmtInt(best.customers()), money(best.dealValue()),
        pct(best.dealValueShare()), best.tier(), fmtInt(best.customers()), money(best.dealValue()),
        pct(best.dealValueShare())));
  }

  private void migration(ReportFacts f, Map<String, Object> s, List<String> findings, int year, boolean isGrade) {
    ReportFacts.Migration r = f.migration();
    if (r == null) {
      s.put("hasMigration", false);
      return;
    }
    s.put("hasMigration", true);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prev", fmtInt(r.prev()));
    m.put("curr", fmtInt(r.curr()));
    m.put("retained", fmtInt(r.retained()));
    m.put("retention", pct(r.retention()));
    m.put("newCustomers", fmtInt(r.newCustomers()));
    m.put("lost", fmtInt(r.lost()));
    m.put("upgraded", fmtInt(r.upgraded()));
    m.put("upgradeRate", pct(r.upgradeRate()));
    m.put("downgraded", fmtInt(r.downgraded()));
    m.put("downgradeRate", pct(r.downgradeRate()));
    m.put("unchanged", fmtInt(r.unchanged()));
    m.put("hvTiers", r.highValueTiers());
    m.put("hvPrev", fmtInt(r.hvPrev()));
    m.put("hvCurr", fmtInt(r.hvCurr()));
    m.put("hvChange", (r.hvChange() > 0 ? "+" : "") + fmtInt(r.hvChange()));
    m.put("hvGrowth", r.hvGrowth() == null ? "— (none in " + (year - 1) + ")" : signedPct(r.hvGrowth()));
    s.put("mig", m);
    findings.add(String.format("%d→%d 两年均在的 %s 家客户中，%s 家升级（升级率 %s），%s 家降级；高价值客户（%s）由 %s 变为 %s（%s）。"
            + " Of the %s customers in both years, %s moved up a %s (upgrade rate %s) and %s moved down; high-value customers (%s) went from %s to %s (%s).",
        year - 1, year, m.get("retained"), m.get("upgraded"), m.get("upgradeRate"), m.get("downgraded"),
        m.get("hvTiers"), m.get("hvPrev"), m.get("hvCurr"), m.get("hvGrowth"),
        m.get("retained"), m.get("upgraded"), isGrade ? "grade" : "tier", m.get("upgradeRate"),
        m.get("downgraded"), m.get("hvTiers"), m.get("hvPrev"), m.get("hvCurr"), m.get("hvGrowth")));

    List<String> tiers = new ArrayList<>(mv.tiers());
    Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
    for (ReportFacts.Cell c : f.migrationCells()) {
      for (String t : List.of(c.from(), c.to())) {
        if (!tiers.contains(t)) {
          tiers.add(t);
        }
      }
      cells.computeIfAbsent(c.from(), k -> new LinkedHashMap<>()).put(c.to(), c.customers());
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

  private void pyramid(ReportFacts f, Map<String, Object> s, List<String> findings) {
    List<ReportFacts.LayerRow> rows = f.pyramid();
    s.put("showPyramid", true);
    if (rows.isEmpty()) {
      return;
    }
    s.put("hasPyramid", true);
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Layer> layers = new ArrayList<>();
    int prevTop = 0;
    for (ReportFacts.LayerRow r : rows) {
      int top = r.topPercent();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", r.label());
      m.put("rule", prevTop == 0 ? "top " + top + "%" : top == 100 ? "remaining " + (100 - prevTop) + "%" : "next " + (top - prevTop) + "%");
      m.put("customers", fmtInt(r.customers()));
      m.put("customerShare", pct(r.customerShare()));
      m.put("revenue", money(r.revenue()));
      m.put("revenueShare", pct(r.revenueShare()));
      m.put("range", r.minAmount() == null ? "—" : money(r.minAmount()) + " – " + money(r.maxAmount()));
      out.add(m);
      layers.add(new Charts.Layer(r.label(), fmtInt(r.customers()) + " 家 customers · " + pct(r.customerShare())
          + " of customers · " + pct(r.revenueShare()) + " of revenue"));
      prevTop = top;
    }
    ReportFacts.LayerRow first = rows.get(0);
    s.put("pyramidRows", out);
    s.put("pyramidSvg", Charts.pyramid(layers, 760, 240));
    int paretoTop = first.paretoTop();
    BigDecimal paretoShare = first.paretoShare();
    s.put("paretoTop", paretoTop);
    s.put("paretoShare", pct(paretoShare));
    s.put("paretoCustomers", fmtInt(first.paretoCustomers()));
    s.put("totalRevenue", money(first.totalRevenue()));
    List<Charts.Point> curve = f.paretoCurve().stream().map(p -> new Charts.Point(p[0], p[1])).toList();
    s.put("paretoSvg", Charts.pareto(curve, paretoTop, paretoShare == null ? 0 : paretoShare.doubleValue() * 100, 560, 320));
    findings.add(String.format("前 %d%% 的客户（%s 家）贡献 %s 的收入；%s（%s 家）贡献 %s。"
            + " The top %d%% of customers (%s) bring %s of revenue; the %s layer (%s customers) brings %s.",
        paretoTop, fmtInt(first.paretoCustomers()), pct(paretoShare), zh(first.label()), fmtInt(first.customers()),
        pct(first.revenueShare()), paretoTop, fmtInt(first.paretoCustomers()), pct(paretoShare), en(first.label()),
        fmtInt(first.customers()), pct(first.revenueShare())));
  }

  private void rfm(ReportFacts f, Map<String, Object> s, List<String> findings) {
    s.put("showRfm", true);
    Map<String, ReportFacts.SegmentRow> bySeg = new LinkedHashMap<>();
    long total = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (ReportFacts.SegmentRow r : f.segments()) {
      bySeg.put(r.segment(), r);
      total += r.customers();
      revenue = revenue.add(r.revenue());
    }
    if (total == 0) {
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    for (ReportConfig.Segment seg : rc.segments()) {
      ReportFacts.SegmentRow r = bySeg.get(seg.name());
      long n = r == null ? 0 : r.customers();
      BigDecimal rev = r == null ? BigDecimal.ZERO : r.revenue();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", seg.label());
      m.put("rule", segmentRule(seg));
      m.put("customers", fmtInt(n));
      m.put("customerShare", pct(ratio(BigDecimal.valueOf(n), BigDecimal.valueOf(total))));
      m.put("revenueShare", pct(ratio(rev, revenue)));
      m.put("avgRecency", r == null || r.avgRecency() == null ? "—" : String.format("%.0f", r.avgRecency()));
      out.add(m);
      bars.add(new Charts.Bar(seg.label(), n, fmtInt(n)));
    }
    s.put("hasRfm", true);
    s.put("rfmRows", out);
    s.put("rfmBar", Charts.bars(bars, "customers 客户数", 760, 340, null, null, true));
    ReportConfig.Segment seg = rc.segments().size() > 1 ? rc.segments().get(1) : null;
    ReportFacts.SegmentRow champ = seg == null ? null : bySeg.get(seg.name());
    if (champ != null) {
      String share = pct(ratio(BigDecimal.valueOf(champ.customers()), BigDecimal.valueOf(total)));
      String rev = pct(ratio(champ.revenue(), revenue));
      findings.add(String.format("RFM：%s %s 家，占客户 %s、收入 %s。 RFM: %s are %s customers, %s of customers and %s of revenue.",
          zh(seg.label()), fmtInt(champ.customers()), share, rev, en(seg.label()), fmtInt(champ.customers()), share, rev));
    }
  }

  private void outcomes(ReportFacts f, Map<String, Object> s, List<String> findings) {
    s.put("showOutcomes", true);
    String label = mv.roles().outcome().label();
    s.put("outcomeLabel", label);
    s.put("outcomeColumn", mv.roles().outcome().column());
    List<ReportFacts.OutcomeRow> rows = f.outcomes();
    if (rows.isEmpty()) {
      s.put("hasConversion", false);
      return;
    }
    s.put("hasConversion", true);
    List<Map<String, Object>> out = new ArrayList<>();
    List<Charts.Bar> bars = new ArrayList<>();
    BigDecimal overall = rows.get(0).overall();
    BigDecimal prevRate = null;
    boolean monotone = true;
    for (ReportFacts.OutcomeRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("grade", r.grade());
      m.put("customers", fmtInt(r.customers()));
      m.put("known", fmtInt(r.known()));
      m.put("purchasers", fmtInt(r.positive()));
      m.put("rate", pct(r.rate()));
      m.put("lift", r.lift() == null ? "—" : r.lift().setScale(2, RoundingMode.HALF_UP).toPlainString() + "×");
      out.add(m);
      bars.add(new Charts.Bar(r.grade(), r.rate() == null ? 0 : r.rate().doubleValue() * 100, pct(r.rate())));
      if (r.rate() != null) {
        if (prevRate != null && r.rate().compareTo(prevRate) > 0) {
          monotone = false;
        }
        prevRate = r.rate();
      }
    }
    s.put("conversionRows", out);
    s.put("overallRate", pct(overall));
    s.put("conversionBar", Charts.bars(bars, "rate 比率 (%)", 520, 300,
        overall == null ? null : overall.doubleValue() * 100, "overall 总体 " + pct(overall)));
    ReportFacts.OutcomeRow a = rows.get(0);
    ReportFacts.OutcomeRow d = rows.get(rows.size() - 1);
    String lift = a.lift() == null ? "—" : a.lift().setScale(2, RoundingMode.HALF_UP).toPlainString();
    findings.add(String.format("%s 级实际%s率 %s（为总体 %s 的 %s 倍），%s 级 %s；%s。"
            + " Grade %s reaches %s at %s (%s× the overall %s), grade %s at %s: %s.",
        a.grade(), zh(label), pct(a.rate()), pct(overall), lift, d.grade(), pct(d.rate()),
        monotone ? "比率随评级单调下降，评级有区分度" : "比率未随评级单调下降，需复核模型",
        a.grade(), en(label), pct(a.rate()), lift, pct(overall), d.grade(), pct(d.rate()),
        monotone ? "the rate falls grade by grade, so the grading separates the outcomes"
            : "the rate does not fall grade by grade; the model deserves a review"));
  }

  private void workload(ReportFacts f, Map<String, Object> s, List<String> findings) {
    List<Map<String, Object>> out = new ArrayList<>();
    long totalContacts = 0;
    Map<String, Long> perOwner = new LinkedHashMap<>();
    for (ReportFacts.WorkloadRow r : f.workload()) {
      Tier g = model.grading().tier(r.grade());
      long perYear = g == null ? 0 : contactsPerYear(g.period());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("grade", r.grade());
      m.put("owner", g == null ? r.owner() : g.ownerLabel());
      m.put("cadence", cadenceLabel(r.cadence()));
      m.put("customers", fmtInt(r.customers()));
      m.put("perYear", fmtInt(r.customers() * perYear));
      m.put("due", fmtInt(r.due()));
      out.add(m);
      totalContacts += r.customers() * perYear;
      perOwner.merge(String.valueOf(m.get("owner")), r.customers() * perYear, Long::sum);
    }
    String busiest = null;
    long busiestContacts = -1;
    for (Map.Entry<String, Long> e : perOwner.entrySet()) {
      if (e.getValue() > busiestContacts) {
        busiest = e.getKey();
        busiestContacts = e.getValue();
      }
    }
    s.put("showWorkload", true);
    s.put("workloadRows", out);
    s.put("hasWorkload", !out.isEmpty());
    s.put("totalContacts", fmtInt(totalContacts));
    if (busiest != null) {
      findings.add(String.format("按跟进频率，全年约需 %s 次跟进，其中 %s 最多（约 %s 次）。"
              + " At the grades' cadences the year needs about %s follow-ups; %s carry the most (about %s).",
          fmtInt(totalContacts), busiest, fmtInt(busiestContacts), fmtInt(totalContacts), busiest, fmtInt(busiestContacts)));
    }
  }

  private void overdue(ReportFacts f, Map<String, Object> s, List<String> findings) {
    ReportFacts.Overdue o = f.overdue();
    s.put("showOverdue", true);
    if (o == null) {
      return;
    }
    s.put("overdueCount", fmtInt(o.count()));
    s.put("overdueValue", money(o.dealValue()));
    s.put("hasOverdue", o.count() > 0);
    s.put("overdueTop", o.top().stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("customerId", r.customerId());
      m.put("company", r.company());
      m.put("tier", r.tier());
      m.put("owner", r.owner() == null ? "—" : r.owner());
      m.put("date", r.date() == null ? "—" : r.date());
      m.put("value", money(r.dealValue()));
      return m;
    }).toList());
    s.put("topN", rc.topN());
    findings.add(String.format("%s 个商机已过预计成交日期（预计金额 %s），需更新或关闭。 %s prospects are past their expected"
        + " close date (%s estimated): update or close them.", fmtInt(o.count()), money(o.dealValue()),
        fmtInt(o.count()), money(o.dealValue())));
  }

  private void churn(ReportFacts f, Map<String, Object> s, List<String> findings, int year) {
    ReportFacts.Churn t = f.churn();
    boolean hasPrev = Boolean.TRUE.equals(s.get("hasMigration"));
    s.put("hasChurnData", hasPrev && t != null);
    if (!hasPrev || t == null) {
      return;
    }
    Map<String, Long> bySev = new LinkedHashMap<>();
    t.bySeverity().forEach(c -> bySev.put(c.name(), c.n()));
    Map<String, Long> byReason = new LinkedHashMap<>();
    t.byReason().forEach(c -> byReason.put(c.name(), c.n()));
    long total = bySev.values().stream().mapToLong(Long::longValue).sum();
    List<Map<String, Object>> sev = new ArrayList<>();
    for (ReportConfig.Level l : rc.levels()) {
      sev.add(Map.of("label", l.label(), "name", l.name(), "n", fmtInt(bySev.getOrDefault(l.name(), 0L))));
    }
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (String r : ReportConfig.REASONS) {
      if (r.equals(ReportConfig.ACTIVITY_DROP) && mv.watch("activity") == null
          || r.equals(ReportConfig.CONTRIBUTION_DROP) && mv.watch("contribution") == null) {
        continue;
      }
      reasons.add(Map.of("label", reasonLabel(r), "n", fmtInt(byReason.getOrDefault(r, 0L))));
    }
    List<Map<String, Object>> top = new ArrayList<>();
    for (ReportFacts.Alert r : t.top()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", r.severity());
      m.put("severityLabel", rc.levelLabel(r.severity()));
      m.put("customerId", r.customerId());
      m.put("company", r.company());
      m.put("owner", r.owner() == null ? "—" : r.owner());
      m.put("prevTier", r.prevTier());
      m.put("currTier", r.currTier() == null ? "—" : r.currTier());
      m.put("prevComposite", two(r.prevComposite()));
      m.put("currComposite", two(r.currComposite()));
      m.put("activityChange", signed(r.activityChange()));
      m.put("contributionChange", signed(r.contributionChange()));
      m.put("prevAmount", money(r.prevAmount()));
      m.put("reasons", String.join(" · ", r.reasons().stream().map(ReportView::shortReason).toList()));
      top.add(m);
    }
    s.put("churnTotal", fmtInt(total));
    s.put("churnBySeverity", sev);
    s.put("churnByReason", reasons);
    s.put("churnTop", top);
    s.put("topN", rc.topN());
    s.put("hasAlerts", total > 0);
    if (!mv.roles().churn().isEmpty()) {
      s.put("churnThresholds", String.join(", ", mv.roles().churn().stream()
          .map(w -> w.slot() + " (" + w.column() + ") drop > " + w.drop().toPlainString()).toList()) + " (model file)");
    }
    String high = rc.levels().get(0).name();
    findings.add(String.format("流失预警 %s 条，其中%s %s 条；%s 家上一年客户未出现在 %d 年数据中。"
            + " %s churn alerts, %s of them %s; %s customers of %d are missing from the %d file.",
        fmtInt(total), rc.levelLabel(high).split(" ")[0], fmtInt(bySev.getOrDefault(high, 0L)),
        fmtInt(byReason.getOrDefault(ReportConfig.LEFT, 0L)), year,
        fmtInt(total), fmtInt(bySev.getOrDefault(high, 0L)), high,
        fmtInt(byReason.getOrDefault(ReportConfig.LEFT, 0L)), year - 1, year));
  }

  // ------------------------------------------------------------------ formatting

  private static final Pattern UNREACHABLE = Pattern.compile(
      "tier (\\S+) is unreachable: its band (.+) lies outside the composite's range (\\[[^]]+]) under these weights");

  /** A model warning for the page: its text, and a Chinese line where the warning is a known kind. */
  static Map<String, Object> warning(String text) {
    Map<String, Object> w = new java.util.HashMap<>();
    w.put("text", text);
    Matcher m = UNREACHABLE.matcher(text);
    if (m.find()) {
      w.put("zh", "等级 " + m.group(1) + " 无法达到：其分数区间 " + m.group(2) + " 在当前权重下超出综合分的可能范围 "
          + m.group(3) + "。");
    }
    return w;
  }

  private String reasonLabel(String reason) {
    boolean isGrade = mv.tierColumn().equals("grade");
    return switch (reason) {
      case ReportConfig.LEFT -> "未出现在本年数据 left (missing this year)";
      case ReportConfig.TIER_DROP -> isGrade ? "评级下降 grade dropped" : "等级下降 tier dropped";
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
}
