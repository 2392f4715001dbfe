package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.scoring.WindowPercentileRanker;
import com.customerrating.testing.Fixtures;
import com.customerrating.testing.SparkSessionFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Every analytics table against small hand-computed fixtures; pure transforms, no IO. */
class AnalyticsTest implements SparkSessionFixture {

  private static final ReportConfig RC = ReportConfig.load(Path.of("conf/report.yaml"));
  private static final List<String> TIERS = List.of("S", "A", "B", "C", "D");
  private static final ModelView VALUE = ModelView.of(Fixtures.valueModel());
  private static final ModelView CONVERSION = ModelView.of(Fixtures.conversionModel());
  private static final ModelView PIPELINE = ModelView.of(Fixtures.pipelineModel());

  private static final StructType VALUE_SCHEMA = new StructType()
      .add("city", DataTypes.StringType).add("snapshot_year", DataTypes.IntegerType)
      .add("customer_id", DataTypes.StringType).add("company_name", DataTypes.StringType)
      .add("sales_owner", DataTypes.StringType).add("tier", DataTypes.StringType)
      .add("composite_score", DataTypes.createDecimalType(9, 4))
      .add("activity_score", DataTypes.createDecimalType(9, 4))
      .add("contribution_score", DataTypes.createDecimalType(9, 4))
      .add("cumulative_amount", DataTypes.createDecimalType(18, 2))
      .add("last_transaction_date", DataTypes.DateType)
      .add("transaction_count", DataTypes.IntegerType);

  private static Row v(int year, String id, String tier, String composite, String activity, String contribution,
      String amount, String lastDate, int tx) {
    return RowFactory.create("chengdu", year, id, "co " + id, "owner " + id, tier, new BigDecimal(composite),
        new BigDecimal(activity), new BigDecimal(contribution), new BigDecimal(amount),
        lastDate == null ? null : Date.valueOf(lastDate), tx);
  }

  /**
   * 2024 → 2025 in one city: c1 stays C; c2 drops B → C with activity −25 (contribution −10, not more
   * than 10); c3 (D) and c5 (B, high value) leave; c4 moves up C → B; c6 stays D with activity −20
   * (not more than 20) and contribution −11; c7 is new.
   */
  private Dataset<Row> twoYears() {
    List<Row> rows = List.of(
        v(2024, "c1", "C", "45", "50", "30", "20000.00", "2024-11-30", 4),
        v(2024, "c2", "B", "62", "80", "40", "60000.00", "2024-12-01", 8),
        v(2024, "c3", "D", "20", "20", "10", "1000.00", "2024-03-01", 1),
        v(2024, "c4", "C", "50", "40", "30", "30000.00", "2024-10-01", 3),
        v(2024, "c5", "B", "70", "90", "45", "90000.00", "2024-12-20", 9),
        v(2024, "c6", "D", "30", "60", "20", "5000.00", "2024-06-01", 2),
        v(2025, "c1", "C", "45", "50", "30", "20000.00", "2025-11-30", 4),
        v(2025, "c2", "C", "48", "55", "30", "10000.00", "2025-12-01", 2),
        v(2025, "c4", "B", "61", "60", "35", "50000.00", "2025-10-01", 6),
        v(2025, "c6", "D", "25", "40", "9", "0.00", null, 0),
        v(2025, "c7", "D", "15", "10", "10", "5000.00", "2025-02-01", 1));
    return spark().createDataFrame(rows, VALUE_SCHEMA);
  }

  private static Map<String, Row> by(List<Row> rows, String... keys) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows) {
      StringBuilder k = new StringBuilder();
      for (String c : keys) {
        k.append(k.length() == 0 ? "" : "|").append(String.valueOf(r.<Object>getAs(c)));
      }
      out.put(k.toString(), r);
    }
    return out;
  }

  private static void dec(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), "expected " + expected + " got " + actual);
  }

  @Test
  void tierSummaryCountsSharesAndEmptyTiers() {
    Map<String, Row> t = by(Analytics.tierSummary(twoYears().where("snapshot_year = 2025"), VALUE).collectAsList(), "tier");
    assertEquals(5, t.size(), "every tier of the model, empty ones too");
    assertEquals(0L, t.get("S").<Long>getAs("customers"));
    dec("0", t.get("A").getAs("customer_share"));
    assertEquals(1L, t.get("B").<Long>getAs("customers"));
    dec("0.2", t.get("B").getAs("customer_share"));
    dec("0.4", t.get("C").getAs("customer_share"));
    dec("0.4", t.get("D").getAs("customer_share"));
    dec("50000", t.get("B").getAs("revenue"));
    dec("0.588235", t.get("B").getAs("revenue_share")); // 50000 / 85000
    dec("0.352941", t.get("C").getAs("revenue_share")); // 30000 / 85000
    dec("0.058824", t.get("D").getAs("revenue_share")); // 5000 / 85000, half-up
    assertEquals(3, t.get("C").<Integer>getAs("tier_order")); // S A B C D
  }

  @Test
  void tierSummaryHasNoRevenueForTheConversionModel() {
    StructType s = new StructType().add("city", DataTypes.StringType).add("snapshot_year", DataTypes.IntegerType)
        .add("customer_id", DataTypes.StringType).add("grade", DataTypes.StringType);
    Dataset<Row> df = spark().createDataFrame(List.of(RowFactory.create("hangzhou", 2025, "h1", "A"),
        RowFactory.create("hangzhou", 2025, "h2", "C"), RowFactory.create("hangzhou", 2025, "h3", "C")), s);
    Map<String, Row> t = by(Analytics.tierSummary(df, CONVERSION).collectAsList(), "tier");
    assertNull(t.get("C").getAs("revenue"));
    assertNull(t.get("C").getAs("revenue_share"));
    dec("0.666667", t.get("C").getAs("customer_share")); // 2/3 half-up
    dec("0.333333", t.get("A").getAs("customer_share"));
  }

  @Test
  void migrationMatrixPairsTheSameCustomerAcrossYears() {
    List<Row> rows = Analytics.tierMigration(twoYears(), VALUE).collectAsList();
    assertTrue(rows.stream().allMatch(r -> r.<Integer>getAs("snapshot_year") == 2025), "rows belong to the later year");
    Map<String, Row> m = by(rows, "from_tier", "to_tier");
    assertEquals(4, m.size());
    assertEquals(1L, m.get("C|C").<Long>getAs("customers"));
    assertEquals("down", m.get("B|C").getAs("direction"));
    assertEquals("up", m.get("C|B").getAs("direction"));
    assertEquals("same", m.get("D|D").getAs("direction"));
    assertEquals(2024, m.get("D|D").<Integer>getAs("from_year"));
  }

  @Test
  void migrationSummaryUpgradeRateAndHighValueGrowth() {
    List<Row> rows = Analytics.migrationSummary(twoYears(), VALUE).collectAsList();
    assertEquals(1, rows.size(), "only 2025 has a year before it");
    Row r = rows.get(0);
    assertEquals(6L, r.<Long>getAs("customers_prev"));
    assertEquals(5L, r.<Long>getAs("customers_curr"));
    assertEquals(4L, r.<Long>getAs("retained"));
    assertEquals(1L, r.<Long>getAs("new_customers"));
    assertEquals(2L, r.<Long>getAs("lost_customers"));
    assertEquals(1L, r.<Long>getAs("upgraded"));
    assertEquals(1L, r.<Long>getAs("downgraded"));
    assertEquals(2L, r.<Long>getAs("unchanged"));
    dec("0.25", r.getAs("upgrade_rate"));
    dec("0.666667", r.getAs("retention_rate"));
    assertEquals(2L, r.<Long>getAs("high_value_prev")); // c2, c5 were B
    assertEquals(1L, r.<Long>getAs("high_value_curr")); // c4 is B
    assertEquals(-1L, r.<Long>getAs("high_value_change"));
    dec("-0.5", r.getAs("high_value_growth"));
  }

  @Test
  void churnAlertsReasonsAndSeverity() {
    Map<String, Row> a = by(Analytics.churnAlerts(twoYears(), VALUE, RC).collectAsList(), "customer_id");
    assertEquals(List.of("c2", "c3", "c5", "c6"), a.keySet().stream().sorted().toList());
    assertEquals(List.of("tier_drop", "activity_drop"), a.get("c2").getList(a.get("c2").fieldIndex("reasons")));
    assertEquals("high", a.get("c2").getAs("severity")); // was high value (B) and dropped a tier
    dec("-25", a.get("c2").getAs("activity_change"));
    dec("-10", a.get("c2").getAs("contribution_change")); // exactly the threshold: no alert for it
    assertEquals(List.of("left"), a.get("c3").getList(a.get("c3").fieldIndex("reasons")));
    assertEquals("medium", a.get("c3").getAs("severity"));
    assertNull(a.get("c3").getAs("curr_tier"));
    assertEquals("co c3", a.get("c3").getAs("company_name"), "customer data from the year before");
    assertEquals("high", a.get("c5").getAs("severity")); // high value and left
    dec("90000", a.get("c5").getAs("prev_amount"));
    assertEquals(List.of("contribution_drop"), a.get("c6").getList(a.get("c6").fieldIndex("reasons")));
    assertEquals("low", a.get("c6").getAs("severity"));
    assertEquals(2, a.get("c6").<Integer>getAs("severity_order"));
    assertTrue(a.values().stream().allMatch(r -> r.<Integer>getAs("snapshot_year") == 2025));
  }

  @Test
  void noChurnAlertsWithoutTheLaterYear() {
    assertEquals(0, Analytics.churnAlerts(twoYears().where("snapshot_year = 2024"), VALUE, RC).count(),
        "customers of the last year on file have not 'left'");
  }

  @Test
  void rfmScoresAreTieSafePercentileBucketsAndSegmentsFollowTheConfig() {
    List<Row> rows = new ArrayList<>();
    rows.add(v(2025, "r1", "B", "60", "0", "0", "1000.00", "2025-12-31", 10));
    rows.add(v(2025, "r2", "C", "50", "0", "0", "500.00", "2025-12-01", 10)); // ties r1 on frequency
    rows.add(v(2025, "r3", "C", "50", "0", "0", "0.00", "2025-06-30", 2)); // zero amount: bottom M
    rows.add(v(2025, "r4", "D", "10", "0", "0", "0.00", null, 0)); // no transaction
    rows.add(v(2025, "r5", "D", "20", "0", "0", "200.00", "2024-12-31", 1));
    Dataset<Row> df = spark().createDataFrame(rows, VALUE_SCHEMA);
    Map<String, Row> r = by(Analytics.rfmSegments(df, VALUE, RC, Map.of("chengdu", MonthDay.of(12, 31)),
        new WindowPercentileRanker()).collectAsList(), "customer_id");
    assertEquals(0, r.get("r1").<Integer>getAs("recency_days"));
    assertEquals(30, r.get("r2").<Integer>getAs("recency_days"));
    assertEquals(184, r.get("r3").<Integer>getAs("recency_days"));
    assertEquals(365, r.get("r5").<Integer>getAs("recency_days"));
    assertNull(r.get("r4").getAs("recency_days"));
    assertEquals("555", r.get("r1").getAs("rfm_code"));
    assertEquals("454", r.get("r2").getAs("rfm_code")); // frequency tie shares the better position
    assertEquals("331", r.get("r3").getAs("rfm_code")); // without the zero rule M would be 2
    assertEquals("111", r.get("r4").getAs("rfm_code"));
    assertEquals("223", r.get("r5").getAs("rfm_code")); // 3 greater in R and F, 2 greater in M
    assertEquals("champions", r.get("r1").getAs("segment"));
    assertEquals("champions", r.get("r2").getAs("segment"));
    assertEquals("needs_attention", r.get("r3").getAs("segment"));
    assertEquals("no_purchase", r.get("r4").getAs("segment"));
    assertEquals("hibernating", r.get("r5").getAs("segment"));
    assertEquals(Date.valueOf("2025-12-31"), r.get("r1").getAs("as_of_date"));
  }

  @Test
  void rfmRecencyUsesTheConfiguredAsOfDateNeverToday() {
    Dataset<Row> df = spark().createDataFrame(List.of(v(2025, "r1", "B", "60", "0", "0", "1000.00", "2025-03-31", 1)),
        VALUE_SCHEMA);
    Row r = Analytics.rfmSegments(df, VALUE, RC, Map.of("chengdu", MonthDay.of(6, 30)), new WindowPercentileRanker())
        .collectAsList().get(0);
    assertEquals(91, r.<Integer>getAs("recency_days"));
    assertEquals(Date.valueOf("2025-06-30"), r.getAs("as_of_date"));
  }

  /** 100 customers: two tied at the top, then 98 000 … 2 000 by thousands, and one zero. */
  private Dataset<Row> hundred() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      long amount = i <= 2 ? 100_000 : i == 100 ? 0 : (101 - i) * 1000L;
      rows.add(v(2025, String.format("p%03d", i), "D", "0", "0", "0", amount + ".00", "2025-06-01", 1));
    }
    return spark().createDataFrame(rows, VALUE_SCHEMA);
  }

  @Test
  void pyramidLayersUseTheExactRankRuleWithTies() {
    Map<String, Row> p = by(Analytics.customerPyramid(hundred(), VALUE, RC, new WindowPercentileRanker()).collectAsList(),
        "layer");
    assertEquals(2L, p.get("vip").<Long>getAs("customers")); // tied at the top: both have p = 0
    assertEquals(3L, p.get("big").<Long>getAs("customers")); // p = 0.02 … 0.04
    assertEquals(15L, p.get("mid").<Long>getAs("customers"));
    assertEquals(80L, p.get("small").<Long>getAs("customers"));
    dec("200000", p.get("vip").getAs("revenue"));
    dec("0.039604", p.get("vip").getAs("revenue_share")); // 200 000 / 5 050 000
    dec("0.057624", p.get("big").getAs("revenue_share"));
    dec("0.261386", p.get("mid").getAs("revenue_share"));
    dec("0.641386", p.get("small").getAs("revenue_share"));
    dec("0.02", p.get("vip").getAs("customer_share"));
    dec("81000", p.get("mid").getAs("min_amount"));
    dec("0", p.get("small").getAs("min_amount"));
    // 80/20: the top 20% by the same rule are the first 20 customers, 1 811 000 of 5 050 000
    assertEquals(20L, p.get("vip").<Long>getAs("pareto_customers"));
    dec("0.358614", p.get("small").getAs("pareto_revenue_share"));
  }

  @Test
  void pyramidEdgeCasesSingleCustomerAndZeroAmount() {
    List<Row> rows = List.of(
        RowFactory.create("one", 2025, "x", "co", "o", "D", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
            new BigDecimal("500.00"), null, 1),
        RowFactory.create("zero", 2025, "y", "co", "o", "D", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
            new BigDecimal("0.00"), null, 0));
    Map<String, Row> p = by(Analytics.customerPyramid(spark().createDataFrame(rows, VALUE_SCHEMA), VALUE, RC,
        new WindowPercentileRanker()).collectAsList(), "city", "layer");
    assertEquals(1L, p.get("one|vip").<Long>getAs("customers"), "N = 1: position 0, the top layer");
    assertEquals(0L, p.get("zero|vip").<Long>getAs("customers"), "a zero amount is never VIP");
    assertEquals(1L, p.get("zero|small").<Long>getAs("customers"));
    assertNull(p.get("zero|small").getAs("revenue_share"), "no revenue at all: no share");
  }

  @Test
  void conversionByGradeRatesAndLift() {
    StructType s = new StructType().add("city", DataTypes.StringType).add("snapshot_year", DataTypes.IntegerType)
        .add("customer_id", DataTypes.StringType).add("grade", DataTypes.StringType)
        .add("purchased", DataTypes.BooleanType);
    List<Row> rows = new ArrayList<>();
    Object[][] data = {
        {"A", true}, {"A", true}, {"A", true}, {"A", false},
        {"B", true}, {"B", false}, {"B", false}, {"B", null},
        {"C", false}, {"C", false}};
    int i = 0;
    for (Object[] d : data) {
      rows.add(RowFactory.create("hangzhou", 2025, "h" + i++, d[0], d[1]));
    }
    rows.add(RowFactory.create("hangzhou", 2024, "old", "A", null)); // a year without outcomes: no rows
    Map<String, Row> g = by(Analytics.conversionByGrade(spark().createDataFrame(rows, s), CONVERSION).collectAsList(),
        "snapshot_year", "grade");
    assertEquals(4, g.size());
    Row a = g.get("2025|A");
    assertEquals(3L, a.<Long>getAs("purchasers"));
    dec("0.75", a.getAs("conversion_rate"));
    dec("0.444444", a.getAs("overall_rate")); // 4 / 9
    dec("1.6875", a.getAs("lift")); // (3/4) / (4/9)
    Row b = g.get("2025|B");
    assertEquals(4L, b.<Long>getAs("customers"));
    assertEquals(3L, b.<Long>getAs("customers_with_outcome"));
    dec("0.333333", b.getAs("conversion_rate"));
    dec("0.75", b.getAs("lift"));
    dec("0", g.get("2025|C").getAs("lift"));
    assertEquals(0L, g.get("2025|D").<Long>getAs("customers"));
    assertNull(g.get("2025|D").getAs("conversion_rate"));
    assertNull(g.get("2025|D").getAs("lift"));
  }

  @Test
  void theViewsComeFromTheModelFiles() {
    assertEquals(List.of("S", "A", "B", "C", "D"), VALUE.tiers());
    assertEquals(List.of("S", "A", "B"), VALUE.highValueTiers());
    assertEquals("sales_owner", VALUE.roles().owner());
    dec("20", VALUE.watch("activity").drop());
    dec("10", VALUE.watch("contribution").drop());
    assertEquals(List.of("A"), CONVERSION.highValueTiers());
    assertEquals("follow_up_owner", CONVERSION.roles().owner());
    assertEquals(List.of("A", "B", "C", "D"), PIPELINE.tiers());
  }

  @Test
  void pipelineOutcomesCountWonAsPositiveAndWonPlusLostAsKnown() {
    StructType s = new StructType().add("city", DataTypes.StringType).add("snapshot_year", DataTypes.IntegerType)
        .add("customer_id", DataTypes.StringType).add("grade", DataTypes.StringType)
        .add("outcome", DataTypes.StringType);
    Object[][] data = {{"A", "won"}, {"A", "won"}, {"A", "lost"}, {"A", "open"}, {"B", "lost"}, {"B", null},
        {"D", "won"}, {"D", "lost"}, {"D", "lost"}, {"D", "lost"}};
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (Object[] d : data) {
      rows.add(RowFactory.create("suzhou", 2025, "p" + i++, d[0], d[1]));
    }
    Map<String, Row> g = by(Analytics.conversionByGrade(spark().createDataFrame(rows, s), PIPELINE).collectAsList(),
        "grade");
    Row a = g.get("A");
    assertEquals(4L, a.<Long>getAs("customers"));
    assertEquals(3L, a.<Long>getAs("customers_with_outcome"), "won + lost; open is not known yet");
    assertEquals(2L, a.<Long>getAs("purchasers"), "the won prospects");
    dec("0.666667", a.getAs("conversion_rate"));
    dec("0.375", a.getAs("overall_rate")); // 3 won of 8 known
    assertEquals(1L, g.get("B").<Long>getAs("customers_with_outcome"));
    dec("0", g.get("B").getAs("conversion_rate"));
    dec("0.25", g.get("D").getAs("conversion_rate"));
    assertEquals(0L, g.get("C").<Long>getAs("customers"));
  }
}
