package com.customerrating.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.customerrating.reference.ReferencePipelineModel;
import com.customerrating.testing.Fixtures;
import com.customerrating.testing.SparkSessionFixture;
import java.sql.Date;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Model 3's file through the scoring engine: the spec's worked examples (months to close at month
 * ends, overdue, the grade, the points to the next grade, the follow-up), and the independent Java
 * reference compared row by row on generated dates.
 */
class PipelineModelTest implements SparkSessionFixture {

  private static final StructType SCHEMA = new StructType()
      .add("city", DataTypes.StringType).add("snapshot_year", DataTypes.IntegerType)
      .add("customer_id", DataTypes.StringType).add("expected_close_date", DataTypes.DateType);

  private Dataset<Row> prospects(String city, int year, Map<String, String> idToDate) {
    List<Row> rows = new ArrayList<>();
    idToDate.forEach((id, d) -> rows.add(RowFactory.create(city, year, id, d == null ? null : Date.valueOf(d))));
    return spark().createDataFrame(rows, SCHEMA);
  }

  private Map<String, Row> score(Dataset<Row> df, Map<String, MonthDay> asOf) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : ModelScorer.score(df, Fixtures.pipelineModel(), new WindowPercentileRanker(), asOf)
        .select("customer_id", "months_to_close", "overdue", "grade", "follow_up_owner", "follow_up_cadence",
            "next_follow_up_date", "points_to_next_tier")
        .collectAsList()) {
      out.put(r.getString(0), r);
    }
    return out;
  }

  private static void assertRow(Row r, Integer months, boolean overdue, String grade, Integer points) {
    assertEquals(months, r.isNullAt(1) ? null : r.getInt(1), "months_to_close of " + r);
    assertEquals(overdue, r.getBoolean(2), "overdue of " + r);
    assertEquals(grade, r.getString(3), "grade of " + r);
    assertEquals(points, r.isNullAt(7) ? null : r.getInt(7), "points_to_next_tier of " + r);
  }

  @Test
  void spec_worked_examples_as_of_december_31() {
    Map<String, String> in = new java.util.LinkedHashMap<>();
    in.put("mar31", "2026-03-31");
    in.put("apr01", "2026-04-01");
    in.put("dec31", "2026-12-31");
    in.put("jan01", "2027-01-01");
    in.put("past", "2025-06-30");
    in.put("none", null);
    Map<String, Row> r = score(prospects("suzhou", 2025, in), Map.of());
    assertRow(r.get("mar31"), 3, false, "A", null);
    assertRow(r.get("apr01"), 4, false, "B", 1);
    assertRow(r.get("dec31"), 12, false, "C", 6);
    assertRow(r.get("jan01"), 13, false, "D", 1);
    assertRow(r.get("past"), 0, true, "A", null);
    assertRow(r.get("none"), null, false, "D", null);
  }

  @Test
  void february_month_ends_follow_add_months() {
    Map<String, String> in = new java.util.LinkedHashMap<>();
    in.put("feb28", "2026-02-28"); // add_months(2025-12-31, 2) = 2026-02-28
    in.put("mar01", "2026-03-01");
    in.put("asof", "2025-12-31");
    Map<String, Row> r = score(prospects("suzhou", 2025, in), Map.of());
    assertRow(r.get("feb28"), 2, false, "A", null);
    assertRow(r.get("mar01"), 3, false, "A", null);
    assertRow(r.get("asof"), 0, false, "A", null); // e = T is not overdue: the date has not passed
  }

  @Test
  void a_configured_as_of_of_june_30() {
    Map<String, String> in = new java.util.LinkedHashMap<>();
    in.put("jul30", "2025-07-30");
    in.put("jul31", "2025-07-31");
    Map<String, Row> r = score(prospects("kunshan", 2025, in), Map.of("kunshan", MonthDay.of(6, 30)));
    assertRow(r.get("jul30"), 1, false, "A", null);
    assertRow(r.get("jul31"), 2, false, "A", null);
  }

  @Test
  void follow_up_is_the_as_of_date_plus_one_cadence_period() {
    Map<String, String> in = new java.util.LinkedHashMap<>();
    in.put("a", "2026-01-15");
    in.put("b", "2026-05-15");
    in.put("c", "2026-10-15");
    in.put("d", null);
    Map<String, Row> r = score(prospects("suzhou", 2025, in), Map.of());
    assertEquals("account_manager", r.get("a").getString(4));
    assertEquals("weekly", r.get("a").getString(5));
    assertEquals(Date.valueOf("2026-01-07"), r.get("a").getDate(6));
    assertEquals("senior_sales", r.get("b").getString(4));
    assertEquals(Date.valueOf("2026-01-31"), r.get("b").getDate(6));
    assertEquals("quarterly", r.get("c").getString(5));
    assertEquals(Date.valueOf("2026-03-31"), r.get("c").getDate(6));
    assertEquals("yearly", r.get("d").getString(5));
    assertEquals(Date.valueOf("2026-12-31"), r.get("d").getDate(6));
  }

  /** Random dates, dense around month ends, as of several month ends and the default: engine = reference. */
  @Test
  void matches_the_reference_row_for_row_on_generated_dates() {
    Random rnd = new Random(3);
    Map<String, MonthDay> asOf = Map.of("c0131", MonthDay.of(1, 31), "c0630", MonthDay.of(6, 30),
        "c0229", MonthDay.of(2, 29), "c1231", MonthDay.of(12, 31));
    List<String> cities = List.copyOf(asOf.keySet());
    List<Row> rows = new ArrayList<>();
    Map<String, ReferencePipelineModel.Result> want = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      String city = cities.get(rnd.nextInt(cities.size()));
      int year = 2023 + rnd.nextInt(3);
      LocalDate t = asOf.get(city).atYear(year);
      LocalDate e;
      int kind = rnd.nextInt(10);
      if (kind == 0) {
        e = null;
      } else if (kind < 5) { // a month end, or a day either side of one
        LocalDate end = t.plusMonths(rnd.nextInt(30) - 8).withDayOfMonth(1).plusMonths(1).minusDays(1);
        e = end.plusDays(rnd.nextInt(3) - 1);
      } else {
        e = t.plusDays(rnd.nextInt(900) - 240);
      }
      String id = "p" + i;
      rows.add(RowFactory.create(city, year, id, e == null ? null : Date.valueOf(e)));
      want.put(id, ReferencePipelineModel.rate(t, e));
    }
    Map<String, Row> got = score(spark().createDataFrame(rows, SCHEMA), asOf);
    assertEquals(want.size(), got.size());
    Map<String, Integer> grades = new HashMap<>();
    for (Map.Entry<String, ReferencePipelineModel.Result> w : want.entrySet()) {
      Row r = got.get(w.getKey());
      ReferencePipelineModel.Result x = w.getValue();
      String who = w.getKey();
      assertEquals(x.monthsToClose(), r.isNullAt(1) ? null : r.getInt(1), who);
      assertEquals(x.overdue(), r.getBoolean(2), who);
      assertEquals(x.grade(), r.getString(3), who);
      assertEquals(x.followUpOwner(), r.getString(4), who);
      assertEquals(x.cadence(), r.getString(5), who);
      assertEquals(x.nextFollowUpDate(), r.getDate(6).toLocalDate(), who);
      assertEquals(x.pointsToNextTier(), r.isNullAt(7) ? null : r.getInt(7), who);
      grades.merge(x.grade(), 1, Integer::sum);
    }
    assertEquals(4, grades.size(), "the generated dates reach every grade: " + grades);
  }
}
