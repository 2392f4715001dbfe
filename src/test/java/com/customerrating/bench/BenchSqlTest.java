package com.customerrating.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.customerrating.bench.BenchSql.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark's DuckDB SQL against the spec's worked examples (fast: DuckDB in memory, no Spark). */
class BenchSqlTest {

  private static String customer(String id, String amount, String rate) {
    // consultation 1, transactions 2, tx_m1 = 1: activity 20, stability 8.33
    return String.join(",", List.of("'" + id + "'", "'Co'", "'d'", "'AI'", "'small'", "'n'", "'p'", "'2024-01-01'",
        "'online'", "'1'", "'2'", "'" + amount + "'", "'2025-06-01'", "'" + rate + "'", "'1'", "'0'", "'0'", "'0'",
        "'0'", "'0'", "'s'", "'o'"));
  }

  @Test
  void valueModelFollowsTheWorkedExample() throws Exception {
    String[] amounts = {"90000", "90000.00", "70000", "50000", "40000", "30000", "20000", "10000", "5000", "0"};
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < amounts.length; i++) {
      rows.add("(" + customer("C" + i, amounts[i], i < 3 ? "0.5" : "0") + ")");
    }
    rows.add("(" + customer("BAD", "1,000", "0") + ")"); // thousands separator: rejected
    rows.add("(" + customer("C1", "90000.00", "0.5") + ")"); // exact copy of C1: one copy kept
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE raw AS SELECT 'chengdu' AS city, 2025 AS snapshot_year, DATE '2025-12-31' AS as_of_date,"
          + " 'f.csv' AS source_file, * FROM (VALUES " + String.join(", ", rows) + ") t("
          + String.join(", ", BenchSql.CUSTOMER_COLUMNS) + ")");
      st.execute("CREATE TABLE v AS " + BenchSql.validatedCustomers(Dialect.DUCKDB, "raw"));
      assertEquals(10, scalar(st, "SELECT count(*) FROM v WHERE accepted"));
      Map<String, String> got = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT customer_id, amount_rank_points, repurchase_rank_points,"
          + " stability_score, contribution_score, composite_score, tier FROM (" + BenchSql.valueRatings(Dialect.DUCKDB, "v")
          + ") ORDER BY customer_id")) {
        while (rs.next()) {
          got.put(rs.getString(1), rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getBigDecimal(4).stripTrailingZeros()
              .toPlainString() + "/" + rs.getBigDecimal(6).stripTrailingZeros().toPlainString() + "/" + rs.getString(7));
        }
      }
      // amount points 100,100,60,40,20,0...; repurchase: three of ten at 0.5 (p = 0), the zeros 0.
      // C0: activity 20, stability 8.33, band 50 -> contribution 0.4*8.33 + 0.6*50 = 33.332,
      // value ranking 0.7*100 + 0.3*50 = 85, composite 0.3*20 + 0.5*33.332 + 0.2*85 = 39.666 -> D
      assertEquals("100/50/8.33/39.666/D", got.get("C0"));
      assertEquals("100/50/8.33/39.666/D", got.get("C1"));
      assertEquals("60/50/8.33/" + new BigDecimal("6").add(new BigDecimal("16.666")).add(new BigDecimal("11.4"))
          .toPlainString() + "/D", got.get("C2"));
      assertEquals(List.of(100, 100, 60, 40, 20, 0, 0, 0, 0, 0),
          got.values().stream().map(v -> Integer.parseInt(v.split("/")[0])).collect(Collectors.toList()));
    }
  }

  @Test
  void conversionModelFollowsTheWorkedExamples() throws Exception {
    String[][] scores = {{"5", "5", "5"}, {"4", "4", "4"}, {"3", "4", "5"}, {"1", "4", "1"}, {"2", "2", "2"}, {"6", "1", "1"}};
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      rows.add("('H" + i + "', 'Co', 'd', 'i', 'small', 'n', 'p', 'phone', 'erp', '2025-01-31', '" + scores[i][0]
          + "', '" + scores[i][1] + "', '" + scores[i][2] + "', 'false')");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE raw AS SELECT 'hangzhou' AS city, 2025 AS snapshot_year, DATE '2025-12-31' AS as_of_date,"
          + " 'f.csv' AS source_file, * FROM (VALUES " + String.join(", ", rows) + ") t("
          + String.join(", ", BenchSql.CONSULTATION_COLUMNS) + ")");
      st.execute("CREATE TABLE v AS " + BenchSql.validatedConsultations(Dialect.DUCKDB, "raw"));
      List<String> got = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT composite_score, grade, next_follow_up_date FROM ("
          + BenchSql.conversionRatings(Dialect.DUCKDB, "v") + ") ORDER BY customer_id")) {
        while (rs.next()) {
          got.add(rs.getBigDecimal(1).stripTrailingZeros().toPlainString() + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
      assertEquals(List.of("5 A 2025-02-07", "4 A 2025-02-07", "3.9 B 2025-02-28", "1.9 D 2026-01-31",
          "2 C 2025-04-30"), got); // the score 6 is rejected
    }
  }

  @Test
  void parsesVmHwmAndThePhaseLine() {
    assertEquals(123456, BenchSql.vmHwmKb("Name:\tjava\nVmPeak:\t 9 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n"));
    assertEquals(-1, BenchSql.vmHwmKb("Name:\tjava\n"));
    assertEquals("time: 9.0s (read_validate 1.0s)",
        BenchSql.phaseLine(List.of("run x", "time: 9.0s (read_validate 1.0s)", "")));
  }

  private static long scalar(Statement st, String q) throws Exception {
    try (ResultSet rs = st.executeQuery(q)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
