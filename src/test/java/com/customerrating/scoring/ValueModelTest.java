package com.customerrating.scoring;

import static com.customerrating.testing.Fixtures.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.customerrating.model.RatingModel;
import com.customerrating.testing.Fixtures;
import com.customerrating.testing.Fixtures.Customer;
import com.customerrating.testing.SparkSessionFixture;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Model 2's file through the scoring engine: sub-scores, band edges, percentile buckets, ties, zeros, normalize. */
class ValueModelTest implements SparkSessionFixture {

  private static final String[] COLS = {"customer_id", "activity_score", "stability_score", "amount_band_points",
      "contribution_score", "amount_greater_count", "rank_population", "amount_rank_points",
      "repurchase_greater_count", "repurchase_rank_points", "value_ranking_score", "composite_score", "tier",
      "points_to_next_tier", "amount_rank_position", "city"};

  private Map<String, Row> score(RatingModel model, Customer... rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : ModelScorer.score(Fixtures.customers(spark(), rows), model, new WindowPercentileRanker(), Map.of())
        .selectExpr(COLS).collectAsList()) {
      out.put(r.getString(0), r);
    }
    return out;
  }

  private Map<String, Row> score(Customer... rows) {
    return score(Fixtures.valueModel(), rows);
  }

  private static RatingModel normalized() {
    return Fixtures.variant(Fixtures.VALUE_MODEL, "normalize: false", "normalize: true");
  }

  private static void assertDecimal(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), "expected " + expected + ", got " + actual);
  }

  @Test
  void spec_example_ten_amounts() {
    Map<String, Row> r = score(Fixtures.specTenAmounts());
    int[] expectedPoints = {100, 100, 60, 40, 20, 0, 0, 0, 0, 0};
    long[] expectedGreater = {0, 0, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int i = 0; i < 10; i++) {
      Row row = r.get("C" + i);
      assertEquals(expectedGreater[i], row.getLong(5), "greater count of C" + i);
      assertEquals(10L, row.getLong(6));
      assertEquals(expectedPoints[i], row.getInt(7), "amount rank points of C" + i);
    }
    assertDecimal("0.2", r.get("C2").get(14));
  }

  @Test
  void zero_value_gets_zero_points_even_at_the_top() {
    Map<String, Row> r = score(customer("only", "0", "0"));
    assertEquals(0L, r.get("only").getLong(5));
    assertEquals(0, r.get("only").getInt(7));
    assertEquals(0, r.get("only").getInt(9));
  }

  @Test
  void single_customer_is_in_the_top_bucket() {
    Map<String, Row> r = score(customer("one", "12.50", "0.5"));
    assertEquals(100, r.get("one").getInt(7));
    assertEquals(50, r.get("one").getInt(9));
  }

  @Test
  void ten_distinct_values_put_exactly_one_customer_in_each_top_bucket() {
    Customer[] c = new Customer[10];
    for (int i = 0; i < 10; i++) {
      c[i] = customer("C" + i, String.valueOf(1000 * (10 - i)), "0." + (9 - i));
    }
    Map<String, Row> r = score(c);
    int[] amount = {100, 80, 60, 40, 20, 0, 0, 0, 0, 0};
    int[] repurchase = {50, 40, 30, 20, 10, 0, 0, 0, 0, 0};
    for (int i = 0; i < 10; i++) {
      assertEquals(amount[i], r.get("C" + i).getInt(7));
      assertEquals(repurchase[i], r.get("C" + i).getInt(9), "repurchase points of C" + i);
    }
  }

  @Test
  void all_zero_repurchase_rates_earn_nothing() {
    Map<String, Row> r = score(customer("a", "100", "0"), customer("b", "200", "0"), customer("c", "300", "0"));
    r.values().forEach(row -> assertEquals(0, row.getInt(9)));
  }

  @Test
  void ties_across_a_bucket_edge_share_the_better_bucket() {
    // N = 10: three customers tie at the top; p = 0 for all three (the 10-20% edge is crossed by the tie).
    Customer[] c = new Customer[10];
    for (int i = 0; i < 10; i++) {
      c[i] = customer("C" + i, i < 3 ? "5000" : String.valueOf(100 * (10 - i)), "0");
    }
    Map<String, Row> r = score(c);
    for (int i = 0; i < 3; i++) {
      assertEquals(0L, r.get("C" + i).getLong(5));
      assertEquals(100, r.get("C" + i).getInt(7));
    }
    assertEquals(3L, r.get("C3").getLong(5));
    assertEquals(40, r.get("C3").getInt(7));
  }

  @Test
  void amount_band_edges() {
    Map<String, Row> r = score(customer("9999.99", "9999.99", "0"), customer("10000", "10000", "0"),
        customer("50000", "50000", "0"), customer("50000.01", "50000.01", "0"));
    assertEquals(10, r.get("9999.99").getInt(3));
    assertEquals(30, r.get("10000").getInt(3));
    assertEquals(30, r.get("50000").getInt(3));
    assertEquals(50, r.get("50000.01").getInt(3));
  }

  @Test
  void stability_five_of_six_months_is_41_67_half_up() {
    Map<String, Row> r = score(customer("five", 0, 5, "0", "0", 1, 1, 1, 1, 1, 0),
        customer("one", 0, 1, "0", "0", 0, 0, 0, 0, 0, 1));
    assertDecimal("41.67", r.get("five").get(2));
    assertDecimal("8.33", r.get("one").get(2));
    // contribution = 0.4 * 41.67 + 0.6 * 10 = 22.668, exact
    assertDecimal("22.668", r.get("five").get(4));
  }

  @Test
  void activity_caps_at_fifty_plus_fifty() {
    Map<String, Row> r = score(customer("busy", 9, 30, "100", "0", 1, 1, 1, 1, 1, 1),
        customer("quiet", 1, 2, "100", "0", 1, 0, 0, 0, 0, 0));
    assertDecimal("100", r.get("busy").get(1));
    assertDecimal("20", r.get("quiet").get(1));
  }

  @Test
  void perfect_customer_scores_72_and_is_tier_B_with_the_seed_weights() {
    Map<String, Row> r = score(customer("best", 5, 10, "60000", "0.9", 1, 1, 1, 1, 1, 1));
    assertDecimal("72", r.get("best").get(11));
    assertEquals("B", r.get("best").getString(12));
    assertDecimal("3", r.get("best").get(13));
  }

  @Test
  void normalize_rescales_each_part_to_100_so_S_is_reachable() {
    RatingModel normalized = normalized();
    Map<String, Row> r = score(normalized, customer("best", 5, 10, "60000", "0.9", 1, 1, 1, 1, 1, 1),
        customer("mid", 2, 4, "20000", "0", 1, 0, 1, 0, 1, 0));
    assertDecimal("100", r.get("best").get(11));
    assertEquals("S", r.get("best").getString(12));
    assertNull(r.get("best").get(13));
    // mid: activity 40 → 40.00; contribution 0.4*25 + 0.6*30 = 28 → 56.00;
    // amount rank: greater 1 of 2 → p = 0.5 → 0; value ranking 0 → 0.00.
    // composite = 0.3*40 + 0.5*56 + 0.2*0 = 40.00 → C
    assertDecimal("40", r.get("mid").get(11));
    assertEquals("C", r.get("mid").getString(12));
  }

  @Test
  void normalize_off_warns_that_S_and_A_are_unreachable_and_on_does_not() {
    assertEquals(2, Fixtures.valueModel().warnings().size());
    assertEquals(0, normalized().warnings().size());
  }

  @Test
  void ranking_scope_is_city_and_year_by_default_and_can_be_the_whole_year() {
    Customer a = Fixtures.in("chengdu", 2025, customer("a", "100", "0"));
    Customer b = Fixtures.in("mianyang", 2025, customer("b", "200", "0"));
    Customer c = Fixtures.in("chengdu", 2024, customer("c", "300", "0"));
    Map<String, Row> perCity = score(a, b, c);
    assertEquals(0L, perCity.get("a").getLong(5));
    assertEquals(1L, perCity.get("a").getLong(6));
    Map<String, Row> perYear = score(Fixtures.variant(Fixtures.VALUE_MODEL, "scope: city_and_year          #",
        "scope: snapshot_year          #", "scope: city_and_year\n", "scope: snapshot_year\n"), a, b, c);
    assertEquals(1L, perYear.get("a").getLong(5));
    assertEquals(2L, perYear.get("a").getLong(6));
    assertEquals(1L, perYear.get("c").getLong(6));
  }
}
