package com.customerrating.scoring;

import static com.customerrating.testing.Fixtures.consultation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.customerrating.testing.Fixtures;
import com.customerrating.testing.SparkSessionFixture;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Model 1's file through the scoring engine: the spec's worked examples, grade edges and follow-up dates. */
class ConversionModelTest implements SparkSessionFixture {

  private Map<String, Row> score(Fixtures.Consultation... rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : ModelScorer.score(Fixtures.consultations(spark(), rows), Fixtures.conversionModel(),
        new WindowPercentileRanker(), Map.of())
        .select("customer_id", "composite_score", "grade", "follow_up_owner", "follow_up_cadence",
            "next_follow_up_date", "points_to_next_tier")
        .collectAsList()) {
      out.put(r.getString(0), r);
    }
    return out;
  }

  private static void assertScore(Row r, String composite, String grade) {
    assertEquals(0, new BigDecimal(composite).compareTo(r.getDecimal(1)), "composite of " + r);
    assertEquals(grade, r.getString(2), "grade of " + r);
  }

  @Test
  void spec_worked_examples() {
    Map<String, Row> r = score(consultation("555", 5, 5, 5), consultation("444", 4, 4, 4),
        consultation("345", 3, 4, 5), consultation("141", 1, 4, 1), consultation("222", 2, 2, 2));
    assertScore(r.get("555"), "5.0", "A");
    assertScore(r.get("444"), "4.0", "A");
    assertScore(r.get("345"), "3.9", "B");
    assertScore(r.get("141"), "1.9", "D");
    assertScore(r.get("222"), "2.0", "C");
  }

  @Test
  void composite_3_9_is_grade_B_not_A_in_exact_decimals() {
    // In IEEE double 0.4*3 + 0.3*4 + 0.3*5 is 3.9000000000000004; exact decimals keep it at 3.9.
    Row r = score(consultation("x", 3, 4, 5)).get("x");
    assertEquals(new BigDecimal("3.9000"), r.getDecimal(1));
    assertEquals("B", r.getString(2));
    assertEquals(0, new BigDecimal("0.1").compareTo(r.getDecimal(6)));
  }

  @Test
  void band_edges_belong_to_the_band_above() {
    Map<String, Row> r = score(consultation("4.0", 4, 4, 4), consultation("3.0", 3, 3, 3),
        consultation("2.0", 2, 2, 2), consultation("1.0", 1, 1, 1), consultation("2.9", 2, 3, 4));
    assertEquals("A", r.get("4.0").getString(2));
    assertEquals("B", r.get("3.0").getString(2));
    assertEquals("C", r.get("2.0").getString(2));
    assertEquals("D", r.get("1.0").getString(2));
    assertScore(r.get("2.9"), "2.9", "C");
  }

  @Test
  void follow_up_owner_cadence_and_next_date_come_with_the_grade() {
    Map<String, Row> r = score(new Fixtures.Consultation("A", 5, 5, 5, "2025-12-29"),
        new Fixtures.Consultation("B", 3, 3, 4, "2025-01-31"),
        new Fixtures.Consultation("C", 2, 2, 2, "2025-11-30"),
        new Fixtures.Consultation("D", 1, 1, 1, "2024-02-29"));
    assertEquals("account_manager", r.get("A").getString(3));
    assertEquals("weekly", r.get("A").getString(4));
    assertEquals(Date.valueOf("2026-01-05"), r.get("A").getDate(5));
    assertEquals("senior_sales", r.get("B").getString(3));
    assertEquals("monthly", r.get("B").getString(4));
    assertEquals(Date.valueOf("2025-02-28"), r.get("B").getDate(5));
    assertEquals("quarterly", r.get("C").getString(4));
    assertEquals(Date.valueOf("2026-02-28"), r.get("C").getDate(5));
    assertEquals("sales", r.get("D").getString(3));
    assertEquals("yearly", r.get("D").getString(4));
    assertEquals(Date.valueOf("2025-02-28"), r.get("D").getDate(5));
  }

  @Test
  void points_to_next_grade_is_null_at_the_top() {
    Map<String, Row> r = score(consultation("555", 5, 5, 5), consultation("141", 1, 4, 1),
        consultation("222", 2, 2, 2));
    assertNull(r.get("555").get(6));
    assertEquals(0, new BigDecimal("0.1").compareTo(r.get("141").getDecimal(6)));
    assertEquals(0, new BigDecimal("1.0").compareTo(r.get("222").getDecimal(6)));
  }
}
