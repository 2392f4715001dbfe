package com.customerrating.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.config.JobConfig;
import com.customerrating.scoring.RankingMethod;
import com.customerrating.testing.SparkSessionFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A new region brings its own scheme and no Java: the shipped conf plus a fourth model file of the
 * test's own (src/test/resources/fourth-model/store-loyalty.yaml: its own city, its own input columns,
 * a composite of six rule types with a percentile bucket, and the revenue, last-activity, frequency
 * and outcome roles). The job runs end to end on two years of its data; the test checks the ratings
 * against a computation of its own, the quarantine, run_log, the analytics tables the roles allow and
 * the HTML report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewSchemeEndToEndTest implements SparkSessionFixture {

  private static final String CITY = "xiamen";
  private static final String TABLE = "loyalty_ratings";
  private static final String HEADER = "customer_id,company_name,member_phone,home_store,store_manager,store_visits,"
      + "annual_spend,last_visit_date,q1_visits,q2_visits,q3_visits,q4_visits,renewed";

  private Path root;
  private String log = "";
  private int exit;

  /** One generated member-year: the values the test computes the expected rating from. */
  private record Member(String id, int year, int visits, BigDecimal spend, int[] quarters) {}

  private final List<Member> good = new ArrayList<>();

  @BeforeAll
  void runTheJob() throws IOException {
    root = Files.createTempDirectory("new-scheme");
    Path conf = root.resolve("conf");
    Files.createDirectories(conf.resolve("models"));
    try (Stream<Path> s = Files.list(Path.of("conf/models"))) {
      for (Path m : s.toList()) {
        Files.copy(m, conf.resolve("models").resolve(m.getFileName()));
      }
    }
    Files.copy(Path.of("src/test/resources/fourth-model/store-loyalty.yaml"), conf.resolve("models/store-loyalty.yaml"));
    Files.copy(Path.of("conf/report.yaml"), conf.resolve("report.yaml"));
    Files.writeString(conf.resolve("datasets.yaml"), Files.readString(Path.of("conf/datasets.yaml"))
        + "  " + CITY + ":\n    model: store-loyalty\n");
    Path input = root.resolve("input");
    write(input, 2024, 1, 40, List.of());
    write(input, 2025, 6, 45, List.of(
        "BAD1,坏数据一,13800000001,siming,王店长,5,-10.00,2025-05-01,1,1,1,1,true", // spend below 0
        "BAD2,坏数据二,13800000002,huli,李店长,3,500.00,2026-01-02,1,1,1,0,", // visit after the as-of date
        "BAD3,坏数据三,13800000003,jimei,陈店长,0,0.00,2025-03-03,0,0,0,0,false")); // a date with no visit
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Path datasets = conf.resolve("datasets.yaml");
    exit = RatingJob.run(spark(), JobConfig.load(datasets), new JobOptions(input.toString(),
        root.resolve("warehouse").toString(), root.resolve("quarantine").toString(), datasets.toString(), Set.of(CITY),
        Set.of(), "new-scheme", RankingMethod.WINDOW, root.resolve("reports").toString()), ps, ps);
    log = buf.toString(StandardCharsets.UTF_8);
  }

  /** Members {@code first}..{@code last} for one year, deterministic, plus the given bad lines. */
  private void write(Path input, int year, int first, int last, List<String> bad) throws IOException {
    Random rnd = new Random(year);
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    String[] stores = {"siming", "huli", "jimei"};
    for (int i = first; i <= last; i++) {
      String id = String.format("M%03d", i);
      int[] q = new int[4];
      int visits = 0;
      for (int k = 0; k < 4; k++) {
        q[k] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(4);
        visits += q[k];
      }
      visits += rnd.nextInt(3);
      BigDecimal spend = visits == 0 ? BigDecimal.ZERO.setScale(2)
          : BigDecimal.valueOf(rnd.nextInt(1_500_000), 2).add(i % 7 == 0 ? BigDecimal.valueOf(5000) : BigDecimal.ZERO);
      if (i % 11 == 0) {
        spend = BigDecimal.valueOf(800000, 2); // several members tie at 8 000.00, the band edge
      }
      String lastVisit = visits == 0 ? "" : LocalDate.of(year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)).toString();
      String renewed = i % 5 == 0 ? "" : String.valueOf(rnd.nextBoolean());
      csv.append(id).append(",会员").append(i).append(",1390000").append(String.format("%04d", i)).append(',')
          .append(stores[i % 3]).append(",店长").append(i % 4).append(',').append(visits).append(',')
          .append(spend.toPlainString()).append(",").append(lastVisit);
      for (int k : q) {
        csv.append(',').append(k);
      }
      csv.append(',').append(renewed).append('\n');
      good.add(new Member(id, year, visits, spend, q));
    }
    bad.forEach(b -> csv.append(b).append('\n'));
    Path dir = Files.createDirectories(input.resolve(CITY).resolve(String.valueOf(year)));
    Files.writeString(dir.resolve("members.csv"), csv.toString());
  }

  private Dataset<Row> table(String base, String name) {
    return spark().read().format("delta").load(root.resolve(base).resolve(name).toString());
  }

  @Test
  void theRunPublishesBothYears() {
    assertEquals(RatingJob.EXIT_OK, exit, log);
    assertTrue(log.contains("store-loyalty"), log);
  }

  @Test
  void theRatingsAreWhatTheModelFileSays() {
    Dataset<Row> t = table("warehouse", TABLE);
    assertEquals(List.of("customer_id", "company_name", "home_store", "store_manager", "store_visits", "annual_spend",
        "last_visit_date", "q1_visits", "q2_visits", "q3_visits", "q4_visits", "renewed", "visit_points",
        "spend_band_points", "spend_population", "spend_greater_count", "spend_rank_position", "spend_rank_points",
        "active_quarters", "quarter_score", "loyalty_score", "tier", "points_to_next_tier", "model_id", "model_version",
        "run_id", "city", "snapshot_year"), List.of(t.columns()), "the file's columns, personal data dropped");
    Map<String, Row> rows = new HashMap<>();
    for (Row r : t.collectAsList()) {
      rows.put(r.<Integer>getAs("snapshot_year") + "/" + r.getAs("customer_id"), r);
    }
    assertEquals(good.size(), rows.size());
    Map<String, Integer> tiers = new HashMap<>();
    for (Member m : good) {
      Row r = rows.get(m.year() + "/" + m.id());
      String who = m.year() + "/" + m.id();
      int visit = Math.min(4 * m.visits(), 40);
      int band = m.spend().compareTo(BigDecimal.valueOf(2000)) < 0 ? 0
          : m.spend().compareTo(BigDecimal.valueOf(8000)) < 0 ? 20 : 40;
      long n = good.stream().filter(o -> o.year() == m.year()).count();
      long greater = good.stream().filter(o -> o.year() == m.year() && o.spend().compareTo(m.spend()) > 0).count();
      int rank = m.spend().signum() == 0 ? 5 : 100 * greater < 25 * n ? 40 : 100 * greater < 50 * n ? 25 : 5;
      int active = 0;
      for (int q : m.quarters()) {
        active += q >= 1 ? 1 : 0;
      }
      BigDecimal quarter = BigDecimal.valueOf(40L * active).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
      BigDecimal score = new BigDecimal("0.3").multiply(BigDecimal.valueOf(visit))
          .add(new BigDecimal("0.2").multiply(BigDecimal.valueOf(band)))
          .add(new BigDecimal("0.3").multiply(BigDecimal.valueOf(rank)))
          .add(new BigDecimal("0.2").multiply(quarter));
      String tier = score.compareTo(BigDecimal.valueOf(30)) >= 0 ? "gold"
          : score.compareTo(BigDecimal.valueOf(20)) >= 0 ? "silver" : score.compareTo(BigDecimal.TEN) >= 0 ? "bronze" : "basic";
      assertEquals(visit, r.<Integer>getAs("visit_points"), who);
      assertEquals(band, r.<Integer>getAs("spend_band_points"), who);
      assertEquals(n, r.<Long>getAs("spend_population"), who);
      assertEquals(greater, r.<Long>getAs("spend_greater_count"), who);
      assertEquals(rank, r.<Integer>getAs("spend_rank_points"), who);
      assertEquals(active, r.<Integer>getAs("active_quarters"), who);
      assertEquals(0, quarter.compareTo(r.getAs("quarter_score")), who);
      assertEquals(0, score.compareTo(r.getAs("loyalty_score")), who + " " + score + " vs " + r.getAs("loyalty_score"));
      assertEquals(tier, r.getAs("tier"), who);
      BigDecimal next = r.getAs("points_to_next_tier");
      if (tier.equals("gold")) {
        assertNull(next, who);
      } else {
        BigDecimal edge = BigDecimal.valueOf(tier.equals("silver") ? 30 : tier.equals("bronze") ? 20 : 10);
        assertEquals(0, edge.subtract(score).compareTo(next), who);
      }
      assertEquals("store-loyalty", r.getAs("model_id"));
      tiers.merge(tier, 1, Integer::sum);
    }
    assertTrue(tiers.size() >= 3, "the data reaches several tiers: " + tiers);
  }

  @Test
  void badRowsAreQuarantinedWithTheirReasonsAndRunLogAddsUp() {
    Map<String, List<String>> reasons = new HashMap<>();
    for (Row r : table("quarantine", "rejected_records").where("city = 'xiamen'").collectAsList()) {
      reasons.put(r.getAs("customer_id"), r.getList(r.fieldIndex("reasons")));
      assertFalse(((String) r.getAs("raw_record")).isEmpty());
    }
    assertEquals(Set.of("BAD1", "BAD2", "BAD3"), reasons.keySet());
    assertTrue(reasons.get("BAD1").contains("annual_spend: below 0"), reasons.toString());
    assertTrue(reasons.get("BAD2").contains("last_visit_date: after the as-of date"), reasons.toString());
    assertTrue(reasons.get("BAD3").contains("last_visit_date: must be empty when store_visits is 0"), reasons.toString());
    Map<Integer, Row> runLog = new HashMap<>();
    for (Row r : table("warehouse", "run_log").where("city = 'xiamen'").collectAsList()) {
      runLog.put(r.getAs("snapshot_year"), r);
    }
    assertEquals(Set.of(2024, 2025), runLog.keySet());
    Row y = runLog.get(2025);
    assertEquals("succeeded", y.getAs("outcome"));
    assertEquals("store-loyalty", y.getAs("model_id"));
    assertEquals(43L, y.<Long>getAs("rows_read"));
    assertEquals(40L, y.<Long>getAs("rows_accepted"));
    assertEquals(3L, y.<Long>getAs("rows_rejected"));
    assertEquals(40L, runLog.get(2024).<Long>getAs("rows_read"));
  }

  @Test
  void theAnalyticsTheRolesAllowAreWritten() {
    Map<String, Set<String>> expected = Map.of(
        "tier_summary", Set.of("xiamen/2024", "xiamen/2025"),
        "tier_migration", Set.of("xiamen/2025"),
        "migration_summary", Set.of("xiamen/2025"),
        "churn_alerts", Set.of("xiamen/2025"),
        "rfm_segments", Set.of("xiamen/2024", "xiamen/2025"),
        "customer_pyramid", Set.of("xiamen/2024", "xiamen/2025"),
        "conversion_by_grade", Set.of("xiamen/2024", "xiamen/2025"));
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      Set<String> got = new LinkedHashSet<>();
      for (Row r : table("warehouse", e.getKey()).select("city", "snapshot_year").distinct().collectAsList()) {
        got.add(r.getString(0) + "/" + r.getInt(1));
      }
      assertEquals(e.getValue(), got, e.getKey());
    }
    Row summary = table("warehouse", "migration_summary").first();
    assertEquals(35L, summary.<Long>getAs("retained"));
    assertEquals(5L, summary.<Long>getAs("new_customers"));
    assertEquals(5L, summary.<Long>getAs("lost_customers"));
    long revenue = table("warehouse", "tier_summary").where("snapshot_year = 2025").selectExpr("sum(revenue)").first()
        .getDecimal(0).longValue();
    long want = good.stream().filter(m -> m.year() == 2025).map(Member::spend).reduce(BigDecimal.ZERO, BigDecimal::add)
        .longValue();
    assertEquals(want, revenue, "tier_summary's revenue is the revenue role's column");
    assertEquals(40L, table("warehouse", "rfm_segments").where("snapshot_year = 2025").count());
    assertTrue(List.of(table("warehouse", "rfm_segments").columns()).contains("last_transaction_date"),
        "rfm_segments keeps its column names whatever the model's own");
  }

  @Test
  void theReportShowsTheSectionsItsRolesAllow() throws IOException {
    Path f = root.resolve("reports").resolve("xiamen_2025.html");
    assertTrue(Files.isRegularFile(f), log);
    String html = Files.readString(f);
    assertFalse(html.contains("{{"), "no unrendered template tags");
    for (String s : new String[] {"store-loyalty", "Pareto", "RFM segments", "Conversion by grade: 续约 renewed",
        "迁移矩阵", "Churn early warning", "Follow-up workload: skipped"}) {
      assertTrue(html.contains(s), "the report holds '" + s + "'");
    }
    assertTrue(html.split("<svg", -1).length - 1 >= 6, "charts: tier bar and pie, pyramid, Pareto, RFM, outcomes");
    assertTrue(com.customerrating.report.SvgCheck.assertChartsWellFormed(html) >= 6, "every chart is well-formed SVG");
    assertTrue(Files.readString(root.resolve("reports/index.html")).contains("xiamen_2025.html"));
  }
}
