package com.customerrating.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.bench.DuckDbSql.Col;
import com.customerrating.bench.DuckDbSql.Schema;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.ingest.DuplicateIds;
import com.customerrating.model.input.Field;
import com.customerrating.ingest.RowValidator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB contender's validation against the job's own: every row of a corpus of awkward
 * values goes through the job's {@link RowValidator} (in plain Java, no Spark session) and
 * through {@link DuckDbSql}'s full layer and fast layer in DuckDB; the reasons and the typed
 * values must be the same, and a row the fast layer finds {@code ok} must be one the job accepts
 * with the same values.
 */
class DuckDbSqlTest {

  static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

  static final List<String> TEXTS = List.of("x", "a b", " x", "x ", "\tx", "x\n", "x\u00A0", "\u3000x", "x\u3000", "",
      " ", "\u00A0", "null", "NULL", "N/A", "na", "Na", "-", "none", " None ", "nulls", "n", "-x", "a\u0000b", "a\uFFFDb",
      "ｘ", "成都", "Small", "SMALL", " small ", "small", "micro", "tiny", "Phone", "online", "\u0001x");
  static final List<String> INTS = List.of("0", "5", "1", "-1", "+3", "007", "123456789", "1234567890", "0000000001",
      "1,000", "12,345", "1e3", "1.5", "1.0", "１２", "－３", "＋2", " 4 ", "", "null", "x", "+", "-", "2147483648",
      "99999999999", "1_000", "0x10", "0b11", "٣", "6", "2\u3000");
  static final List<String> DATES = List.of("2025-01-05", "2025-1-5", "2025/01/05", "2025-02-29", "2024-02-29",
      "2026-01-01", "2025-12-31", "2024-12-31", "0000-01-01", "２０２５－０１－０５", " 2025-03-01", "2025-01-05 10:00",
      "2025-01-5x", "-025-01-05", "20250105", "2025-13-01", "2025-00-10", "", "none", "N/A");
  static final List<String> AMOUNTS = List.of("0", "0.00", "12.5", "12.345", "1,000", "12,345.67", "1,000.5", "1e5",
      ".5", "5.", "-1", "-0", "+7", "00000000000000001.50", "9999999999999999.99", "10000000000000000",
      "000000000000000000000.1", "１２．５", "NaN", "Infinity", " 3 ", "12.3.4", "1.234,5", "50000", "50000.01", "9999.99",
      "", "-");
  static final List<String> RATES = List.of("0", "1", "0.5", "1.0001", "1.00001", "0.99995", "9.9999", "10", "00.5",
      "-0.1", ".5", "0.12345", "１", "1e-1", "0.0000", "1.0000", "");
  static final List<String> BOOLEANS = List.of("true", "FALSE", "Yes", "n", "N", "1", "0", "t", "f", "on", "", "maybe",
      " true", "NULL");

  static List<String> candidates(Col c) {
    return switch (c.kind()) {
      case STRING -> TEXTS;
      case INT -> INTS;
      case DATE -> DATES;
      case AMOUNT -> AMOUNTS;
      case RATE -> RATES;
      case BOOLEAN -> BOOLEANS;
    };
  }

  static final Map<String, String> CUSTOMER = new LinkedHashMap<>();
  static final Map<String, String> CONSULTATION = new LinkedHashMap<>();

  static {
    String[] cu = {"customer_id=C1", "company_name=Co", "district=d", "industry_segment=AI", "company_size=small",
        "contact_name=n", "contact_phone=p", "first_contact_date=2024-01-01", "consult_channel=online",
        "consultation_count=1", "transaction_count=6", "cumulative_amount=100.5", "last_transaction_date=2025-06-01",
        "repurchase_rate=0.5", "tx_m1=1", "tx_m2=1", "tx_m3=0", "tx_m4=0", "tx_m5=0", "tx_m6=1", "service_content=s",
        "sales_owner=o"};
    for (String kv : cu) {
      CUSTOMER.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    String[] co = {"customer_id=H1", "company_name=Co", "district=d", "industry=i", "company_size=small",
        "contact_name=n", "contact_phone=p", "consult_channel=phone", "product_interest=erp", "consult_date=2025-01-31",
        "intention_score=3", "demand_clarity_score=4", "satisfaction_score=5", "purchased=false"};
    for (String kv : co) {
      CONSULTATION.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
  }

  /** The valid row with every single-field substitution, the cross-rule cases, and random rows. */
  static List<String[]> corpus(Schema s, Map<String, String> base, List<Map<String, String>> extra, int random) {
    List<String> names = s.names();
    List<String[]> rows = new ArrayList<>();
    rows.add(names.stream().map(base::get).toArray(String[]::new));
    for (Col c : s.cols()) {
      for (String v : candidates(c)) {
        String[] r = names.stream().map(base::get).toArray(String[]::new);
        r[names.indexOf(c.name())] = v.isEmpty() ? null : v;
        rows.add(r);
      }
    }
    for (Map<String, String> e : extra) {
      String[] r = names.stream().map(n -> e.containsKey(n) ? e.get(n) : base.get(n)).toArray(String[]::new);
      rows.add(r);
    }
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < random; i++) {
      String[] r = new String[names.size()];
      for (int j = 0; j < r.length; j++) {
        Col c = s.cols().get(j);
        List<String> cand = candidates(c);
        // mostly the valid value, so that rows break one or two rules and cross rules get exercised
        String v = rnd.nextInt(3) == 0 ? cand.get(rnd.nextInt(cand.size())) : base.get(c.name());
        r[j] = v == null || v.isEmpty() ? null : v;
      }
      rows.add(r);
    }
    return rows;
  }

  static Map<String, String> with(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** What the job says of each row: its reasons, then its typed non-personal values. */
  static List<String> job(DatasetSchema schema, List<String[]> rows, int year) {
    int n = schema.fields().size();
    RowValidator v = new RowValidator(schema, IntStream.range(0, n).toArray(), n, AS_OF.withYear(year), year, false);
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      Object[] in = Arrays.copyOf(r, n + 1, Object[].class);
      Row res = v.call(RowFactory.create(in));
      List<String> parts = new ArrayList<>();
      parts.add(String.join(" | ", (String[]) res.get(res.length() - 2)));
      for (int i = 0; i < res.length() - 2; i++) {
        parts.add(canonical(res.get(i)));
      }
      out.add(String.join(" // ", parts));
    }
    return out;
  }

  static String canonical(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (o instanceof LocalDate d) {
      return "day " + d.toEpochDay(); // DuckDB writes year 0 as 0001-01-01 (BC)
    }
    return o.toString();
  }

  /** What DuckDB says: the full layer's verdict per row, and whether the fast layer agrees. */
  static List<String> duck(Schema s, List<String[]> rows, int year, List<String> problems, long[] fastOk)
      throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE raw (row_no INTEGER, city VARCHAR, snapshot_year INTEGER, as_of_date DATE,"
          + " source_file VARCHAR, " + s.cols().stream().map(col -> "x_" + col.name() + " VARCHAR")
          .collect(Collectors.joining(", ")) + ", x__extra VARCHAR[])");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw VALUES (?, 'c', " + year + ", DATE '" + year
          + "-12-31', 'f.csv', " + s.cols().stream().map(col -> "?").collect(Collectors.joining(", ")) + ", NULL)")) {
        for (int i = 0; i < rows.size(); i++) {
          ps.setInt(1, i);
          for (int j = 0; j < rows.get(i).length; j++) {
            ps.setString(j + 2, rows.get(i)[j]);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String typed = values(s, "v_");
      String fastTyped = values(s, "f_");
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT j.row_no, coalesce(array_to_string(j.reasons, ' | '), ''), f.ok, " + typed
          + ", " + fastTyped + " FROM (" + DuckDbSql.judgeLayer(s, "raw", null) + ") j JOIN ("
          + DuckDbSql.fastLayer(s, "raw", false) + ") f USING (row_no) ORDER BY j.row_no")) {
        while (rs.next()) {
          String reasons = rs.getString(2);
          String values = rs.getString(4);
          out.add(reasons + " // " + values);
          if (rs.getBoolean(3)) {
            fastOk[0]++;
          }
          if (rs.getInt(1) == 0 && !rs.getBoolean(3)) {
            problems.add("the valid row is not ok on the fast layer");
          }
          if (rs.getBoolean(3) && !(reasons.isEmpty() && values.equals(rs.getString(5)))) {
            problems.add("fast layer ok, full layer " + reasons + " " + values + " / fast " + rs.getString(5)
                + " for " + Arrays.toString(rows.get(rs.getInt(1))));
          }
        }
      }
      return out;
    }
  }

  /** The typed output values of a layer ({@code v_} or {@code f_}) as text, joined like {@link #job}. */
  static String values(Schema s, String prefix) {
    return "concat_ws(' // ', " + s.output().stream().map(col -> "coalesce(" + (col.kind() == DuckDbSql.Kind.DATE
        ? "'day ' || CAST(" + prefix + col.name() + " - DATE '1970-01-01' AS VARCHAR)"
        : "CAST(" + prefix + col.name() + " AS VARCHAR)") + ", 'null')").collect(Collectors.joining(", ")) + ")";
  }

  static void compare(Schema s, DatasetSchema schema, List<String[]> rows, int year) throws Exception {
    List<String> expected = job(schema, rows, year);
    List<String> problems = new ArrayList<>();
    long[] fastOk = new long[1];
    List<String> got = duck(s, rows, year, problems, fastOk);
    assertEquals(expected.size(), got.size());
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(got.get(i))) {
        problems.add("row " + Arrays.toString(rows.get(i)) + "\n   job:    " + expected.get(i) + "\n   duckdb: " + got.get(i));
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " differences, e.g.\n"
        + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
    long accepted = expected.stream().filter(e -> e.startsWith(" // ")).count();
    assertTrue(accepted > 10 && accepted < rows.size() - 100, accepted + " of " + rows.size() + " accepted");
    // the fast layer passes the plainly valid rows (those that needed trimming or a marker go the long way)
    assertTrue(fastOk[0] > accepted / 3 && fastOk[0] <= accepted, fastOk[0] + " ok on the fast layer, " + accepted
        + " accepted");
  }

  @Test
  void customersAsTheJobJudgesThem() throws Exception {
    List<Map<String, String>> cross = List.of(
        with("tx_m1", "3", "tx_m2", "3", "tx_m3", "1"),
        with("transaction_count", "0", "tx_m1", "0", "tx_m2", "0", "tx_m6", "0"),
        with("transaction_count", "0", "tx_m1", "0", "tx_m2", "0", "tx_m6", "0", "last_transaction_date", null),
        with("last_transaction_date", null),
        with("last_transaction_date", " N/A "),
        with("last_transaction_date", "June"),
        with("last_transaction_date", "2026-01-01"),
        with("first_contact_date", "2026-01-01"),
        with("first_contact_date", "2025-07-01"),
        with("first_contact_date", "2025-07-01", "last_transaction_date", "2025-02-30"),
        with("transaction_count", "x", "tx_m1", "9"),
        with("tx_m1", "x", "transaction_count", "0"));
    compare(DuckDbSql.CUSTOMERS, VALUE_INPUTS,
        corpus(DuckDbSql.CUSTOMERS, CUSTOMER, cross, 3000), 2025);
  }

  @Test
  void consultationsAsTheJobJudgesThem() throws Exception {
    List<Map<String, String>> cross = List.of(with("consult_date", "2024-12-31"), with("consult_date", "2026-01-01"),
        with("consult_date", "２０２５－０３－０１"), with("purchased", null));
    compare(DuckDbSql.CONSULTATIONS, CONVERSION_INPUTS,
        corpus(DuckDbSql.CONSULTATIONS, CONSULTATION, cross, 3000), 2025);
  }

  @Test
  void schemasAndTextsAreTheJobs() {
    for (Schema s : List.of(DuckDbSql.CUSTOMERS, DuckDbSql.CONSULTATIONS)) {
      DatasetSchema job = s == DuckDbSql.CUSTOMERS ? VALUE_INPUTS : CONVERSION_INPUTS;
      assertEquals(job.fields().size(), s.cols().size());
      for (int i = 0; i < s.cols().size(); i++) {
        Field f = job.fields().get(i);
        Col c = s.cols().get(i);
        assertEquals(f.name() + " " + kind(f) + " " + f.required() + " " + f.personal() + " " + plain(f.min()) + " "
            + plain(f.max()) + " " + f.allowed(), c.name() + " " + c.kind() + " " + c.required() + " " + c.personal()
            + " " + c.min() + " " + c.max() + " " + c.allowed());
      }
      assertEquals(job.checks().stream().map(com.customerrating.model.input.RowCheck::reason).toList(),
          s.rules().stream().map(DuckDbSql.Rule::reason).toList());
      assertEquals(job.headerColumns(), s.headerColumns());
    }
    assertEquals(DuplicateIds.VARIANTS, DuckDbSql.VARIANTS);
    assertEquals(DuplicateIds.LATER_COPY, DuckDbSql.LATER_COPY);
  }

  /** The job's inputs, from the shipped model files. */
  private static final DatasetSchema VALUE_INPUTS = com.customerrating.testing.Fixtures.valueModel().inputs();
  private static final DatasetSchema CONVERSION_INPUTS = com.customerrating.testing.Fixtures.conversionModel().inputs();

  /** A model file's column type as the peer names its kinds. */
  private static DuckDbSql.Kind kind(Field f) {
    return switch (f.type().sqlType()) {
      case "decimal(18,2)" -> DuckDbSql.Kind.AMOUNT;
      case "decimal(5,4)" -> DuckDbSql.Kind.RATE;
      default -> DuckDbSql.Kind.valueOf(f.type().kind().name());
    };
  }

  private static String plain(BigDecimal b) {
    return b == null ? "null" : b.toPlainString();
  }
}
