package com.customerrating.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.bench.BenchSql.Dialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

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

  /** A Chengdu CSV line: consultation 1, transactions 2, tx_m1 = 1 (activity 20, stability 8.33). */
  private static String customerLine(String id, String company, String amount, String rate, int year) {
    return String.join(",", List.of(id, company, "d", "AI", "small", "n", "p", year - 1 + "-01-01", "online", "1", "2",
        amount, year + "-06-01", rate, "1", "0", "0", "0", "0", "0", "s", "o"));
  }

  /**
   * The DuckDB contender end to end on a small landing zone: the value model's worked example, the
   * duplicate-id rule across files (an exact copy, differing copies, a copy that differs only in
   * blanks), a header in another order with an extra column, a value that needs trimming, a line
   * that is not CSV, a file without the optional column, and the conversion model's examples.
   */
  @Test
  void duckDbRunnerOnALandingZone(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in");
    String header = String.join(",", BenchSql.CUSTOMER_COLUMNS);
    String[] amounts = {"90000", "90000.00", "70000", "50000", "40000", "30000", "20000", "10000", "5000", "0"};
    List<String> y2025 = new ArrayList<>(List.of(header));
    for (int i = 0; i < amounts.length; i++) {
      y2025.add(customerLine("C" + i, "Co", amounts[i], i < 3 ? "0.5" : "0", 2025));
    }
    write(in.resolve("chengdu/2025/customers.csv"), y2025);
    write(in.resolve("chengdu/2024/a.csv"), List.of(header,
        customerLine("D1", "Co", "100", "0.1", 2024),
        customerLine("D2", "Co", "5", "0.1", 2024),
        customerLine("D3", "Co", "7", "0.1", 2024),
        customerLine(" C10 ", "Co", "8", "0.1", 2024),
        customerLine("BAD", "Co", "1,000", "0.1", 2024).replace("1,000", "\"1,000\""),
        "M1,Co,too,few"));
    // b.csv: company_name before customer_id, and a column the schema does not know
    List<String> reordered = new ArrayList<>(BenchSql.CUSTOMER_COLUMNS);
    reordered.set(0, "company_name");
    reordered.set(1, "customer_id");
    reordered.add("note");
    java.util.function.Function<String, String> swap = line -> {
      String[] f = line.split(",", -1);
      String t = f[0];
      f[0] = f[1];
      f[1] = t;
      return String.join(",", f) + ",extra";
    };
    write(in.resolve("chengdu/2024/b.csv"), List.of(String.join(",", reordered),
        swap.apply(customerLine("D1", "Co", "100", "0.1", 2024)),
        swap.apply(customerLine("D2", "Co", "6", "0.1", 2024)),
        swap.apply(customerLine("D3", " Co\u3000", "7", "0.1", 2024))));
    String[][] scores = {{"5", "5", "5"}, {"4", "4", "4"}, {"3", "4", "5"}, {"1", "4", "1"}, {"2", "2", "2"}, {"6", "1", "1"}};
    List<String> hz = new ArrayList<>(List.of(String.join(",", BenchSql.CONSULTATION_COLUMNS.subList(0, 13))));
    for (int i = 0; i < scores.length; i++) {
      hz.add("H" + i + ",Co,d,i,small,n,p,phone,erp,2025-01-31," + String.join(",", scores[i]));
    }
    write(in.resolve("hangzhou/2025/consultations.csv"), hz);

    Path out = tmp.resolve("out");
    DuckDbRunner.Result r = DuckDbRunner.run(in, out, tmp.resolve("db/bench.duckdb"), "1GB", 2);
    assertEquals(10 + 9 + 6, r.read(), String.join("\n", r.lines()));
    assertEquals(10 + 3 + 5, r.accepted());
    assertEquals(6 + 1, r.rejected());
    assertTrue(!Files.exists(tmp.resolve("db/bench.duckdb")), "the database file is removed");

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      String value = "read_parquet('" + out + "/value_ratings/*/*/*.parquet', hive_partitioning = true)";
      List<String> y25 = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT customer_id, amount_rank_points, tier FROM " + value
          + " WHERE snapshot_year = 2025 ORDER BY customer_id")) {
        while (rs.next()) {
          y25.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
        }
      }
      assertEquals(List.of("C0 100 D", "C1 100 D", "C2 60 D", "C3 40 D", "C4 20 D", "C5 0 D", "C6 0 D", "C7 0 D",
          "C8 0 D", "C9 0 D"), y25);
      List<String> y24 = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT customer_id, company_name, cumulative_amount, rank_population FROM "
          + value + " WHERE snapshot_year = 2024 ORDER BY customer_id")) {
        while (rs.next()) {
          y24.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).toPlainString() + " " + rs.getLong(4));
        }
      }
      assertEquals(List.of("C10 Co 8.00 3", "D1 Co 100.00 3", "D3 Co 7.00 3"), y24);
      List<String> rejected = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT regexp_extract(source_file, '[^/]+$'), raw_record,"
          + " array_to_string(reasons, ' | ') FROM read_parquet('" + out + "/rejected_customers/*/*/*.parquet',"
          + " hive_partitioning = true) ORDER BY 2, 1")) {
        while (rs.next()) {
          rejected.add(rs.getString(1) + " " + rs.getString(2).split(",")[0] + ": " + rs.getString(3));
        }
      }
      assertEquals(List.of(
          "a.csv BAD: cumulative_amount: thousands separators are not accepted (write 12345.67, not 12,345.67)",
          "b.csv D1: " + DuckDbSql.LATER_COPY,
          "a.csv D2: " + DuckDbSql.VARIANTS,
          "b.csv D2: " + DuckDbSql.VARIANTS,
          "b.csv D3: " + DuckDbSql.LATER_COPY,
          "a.csv M1: " + DuckDbSql.MALFORMED), rejected);
      try (ResultSet rs = st.executeQuery("SELECT string_agg(customer_id || ' ' || grade, ', ' ORDER BY customer_id),"
          + " count(*) FILTER (WHERE purchased IS NULL) FROM read_parquet('" + out
          + "/conversion_ratings/*/*/*.parquet', hive_partitioning = true)")) {
        rs.next();
        assertEquals("H0 A, H1 A, H2 B, H3 D, H4 C", rs.getString(1));
        assertEquals(5, rs.getLong(2));
      }
      try (ResultSet rs = st.executeQuery("SELECT array_to_string(reasons, ' | ') FROM read_parquet('" + out
          + "/rejected_consultations/*/*/*.parquet', hive_partitioning = true)")) {
        rs.next();
        assertEquals("intention_score: above 5", rs.getString(1));
      }
    }
  }

  private static void write(Path file, List<String> lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
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
