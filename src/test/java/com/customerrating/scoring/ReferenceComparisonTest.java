package com.customerrating.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.reference.ReferenceConversionModel;
import com.customerrating.reference.ReferencePipelineModel;
import com.customerrating.reference.ReferenceValueModel;
import com.customerrating.testing.SampleWarehouse;
import com.customerrating.testing.SparkSessionFixture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The job's published ratings, on the sample data, against the independent plain-Java reference.
 * Collecting here is fine: a test, a few thousand rows.
 */
class ReferenceComparisonTest implements SparkSessionFixture {

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  @Test
  void conversion_ratings_match_the_reference_row_for_row() {
    List<Row> rows = spark().read().format("delta")
        .load(SampleWarehouse.table(SampleWarehouse.warehouseRoot(), "conversion_ratings"))
        .select("customer_id", "intention_score", "demand_clarity_score", "satisfaction_score", "consult_date",
            "composite_score", "grade", "follow_up_owner", "follow_up_cadence", "next_follow_up_date",
            "points_to_next_tier", "snapshot_year")
        .collectAsList();
    assertEquals(1402, rows.size());
    int checked = 0;
    for (Row r : rows) {
      ReferenceConversionModel.Result want = ReferenceConversionModel.rate(r.getInt(1), r.getInt(2), r.getInt(3),
          r.getDate(4).toLocalDate());
      String who = r.getString(0) + "/" + r.getInt(11);
      assertTrue(same(want.composite(), r.getDecimal(5)), who + " composite " + want.composite() + " vs " + r.get(5));
      assertEquals(want.grade(), r.getString(6), who);
      assertEquals(want.followUpOwner(), r.getString(7), who);
      assertEquals(want.cadence(), r.getString(8), who);
      assertEquals(want.nextFollowUpDate(), r.getDate(9).toLocalDate(), who);
      assertTrue(same(want.pointsToNextTier(), r.getDecimal(10)), who + " points to next");
      checked++;
    }
    assertEquals(rows.size(), checked);
  }

  @Test
  void value_ratings_match_the_reference_row_for_row() {
    List<Row> rows = spark().read().format("delta")
        .load(SampleWarehouse.table(SampleWarehouse.warehouseRoot(), "value_ratings"))
        .select("customer_id", "city", "snapshot_year", "consultation_count", "transaction_count",
            "cumulative_amount", "repurchase_rate", "tx_m1", "tx_m2", "tx_m3", "tx_m4", "tx_m5", "tx_m6",
            "activity_score", "active_months", "stability_score", "amount_band_points", "contribution_score",
            "amount_greater_count", "repurchase_greater_count", "rank_population", "amount_rank_points",
            "repurchase_rank_points", "value_ranking_score", "composite_score", "tier", "points_to_next_tier")
        .collectAsList();
    assertEquals(1202, rows.size());
    List<ReferenceValueModel.Input> inputs = new ArrayList<>();
    for (Row r : rows) {
      inputs.add(new ReferenceValueModel.Input(r.getString(0), r.getString(1), r.getInt(2), r.getInt(3), r.getInt(4),
          r.getDecimal(5), r.getDecimal(6), r.getInt(7), r.getInt(8), r.getInt(9), r.getInt(10), r.getInt(11),
          r.getInt(12)));
    }
    List<ReferenceValueModel.Result> want = ReferenceValueModel.rate(inputs, false,
        ReferenceValueModel.Scope.CITY_AND_YEAR);
    Map<String, Integer> tiers = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      ReferenceValueModel.Result w = want.get(i);
      String who = r.getString(0) + "/" + r.getInt(2);
      assertEquals(w.customerId(), r.getString(0));
      assertTrue(same(BigDecimal.valueOf(w.activity()), r.getDecimal(13)), who + " activity");
      assertEquals(w.activeMonths(), r.getInt(14), who);
      assertTrue(same(w.stability(), r.getDecimal(15)), who + " stability " + w.stability() + " vs " + r.get(15));
      assertEquals(w.amountBandPoints(), r.getInt(16), who);
      assertTrue(same(w.contribution(), r.getDecimal(17)), who + " contribution");
      assertEquals(w.amountGreaterCount(), r.getLong(18), who);
      assertEquals(w.repurchaseGreaterCount(), r.getLong(19), who);
      assertEquals(w.population(), r.getLong(20), who);
      assertEquals(w.amountRankPoints(), r.getInt(21), who);
      assertEquals(w.repurchaseRankPoints(), r.getInt(22), who);
      assertTrue(same(w.valueRanking(), r.getDecimal(23)), who + " value ranking");
      assertTrue(same(w.composite(), r.getDecimal(24)), who + " composite " + w.composite() + " vs " + r.get(24));
      assertEquals(w.tier(), r.getString(25), who);
      assertTrue(same(w.pointsToNextTier(), r.getDecimal(26)), who + " points to next");
      tiers.merge(w.tier(), 1, Integer::sum);
    }
    // The sample must exercise more than one tier for the comparison to mean something.
    assertTrue(tiers.size() >= 3, "tiers seen: " + tiers);
  }

  @Test
  void pipeline_ratings_match_the_reference_row_for_row() {
    List<Row> rows = spark().read().format("delta")
        .load(SampleWarehouse.table(SampleWarehouse.warehouseRoot(), "pipeline_ratings"))
        .select("customer_id", "snapshot_year", "expected_close_date", "months_to_close", "overdue", "grade",
            "follow_up_owner", "follow_up_cadence", "next_follow_up_date", "points_to_next_tier")
        .collectAsList();
    assertEquals(2 * com.customerrating.sample.SampleDataGenerator.DEFAULT_SUZHOU_ROWS, rows.size());
    Map<String, Integer> grades = new HashMap<>();
    int atMonthEnd = 0;
    for (Row r : rows) {
      java.time.LocalDate asOf = java.time.LocalDate.of(r.getInt(1), 12, 31);
      java.time.LocalDate e = r.isNullAt(2) ? null : r.getDate(2).toLocalDate();
      ReferencePipelineModel.Result w = ReferencePipelineModel.rate(asOf, e);
      String who = r.getString(0) + "/" + r.getInt(1);
      assertEquals(w.monthsToClose(), r.isNullAt(3) ? null : r.getInt(3), who + " months to close");
      assertEquals(w.overdue(), r.getBoolean(4), who);
      assertEquals(w.grade(), r.getString(5), who);
      assertEquals(w.followUpOwner(), r.getString(6), who);
      assertEquals(w.cadence(), r.getString(7), who);
      assertEquals(w.nextFollowUpDate(), r.getDate(8).toLocalDate(), who);
      assertEquals(w.pointsToNextTier(), r.isNullAt(9) ? null : r.getInt(9), who + " points to next");
      grades.merge(w.grade(), 1, Integer::sum);
      if (e != null && e.plusDays(1).getDayOfMonth() == 1) {
        atMonthEnd++;
      }
    }
    assertEquals(4, grades.size(), "the sample reaches every grade: " + grades);
    assertTrue(atMonthEnd > 10, "the sample has close dates at month ends: " + atMonthEnd);
  }
}
