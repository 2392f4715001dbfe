package com.customerrating.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of the benchmark's naive Spark script ({@link NaiveSparkRunner}), and the scoring SQL
 * it shares with the DuckDB contender. The naive validation reads the landing-zone CSVs as text and
 * checks the essential rules with regular expressions (required values, types, ranges, allowed
 * values, the cross-column rules, one row per customer_id by a window over a content hash); both
 * models are computed in exact DECIMAL arithmetic with the rank buckets compared in integers
 * ({@code 100 * greater < top% * N}, zero value earns 0), over {@code rank()} and {@code count(*)}
 * windows partitioned by city and snapshot_year.
 *
 * <p>The numbers mirror {@code conf/models/*.yaml} as shipped ({@code normalize: false}); the job
 * reads them from the model files, the baselines have them written out here. {@link BenchSqlTest}
 * holds the SQL to the spec's worked examples (in DuckDB's dialect, which the validation can also
 * be written in).
 *
 * <p>The DuckDB contender validates with {@link DuckDbSql} (every rule of the job) and scores with
 * {@link #valueRatings} and {@link #conversionRatings}. Not reproduced by the naive validation (the
 * benchmark data never needs them): the full-width digit mapping, trimming of no-break and
 * ideographic spaces, the malformed-CSV and encoding checks, and the per-reason texts of the
 * quarantine (it keeps a row's fields, not its list of reasons).
 */
public final class BenchSql {

  private BenchSql() {}

  /** One delivery of the landing zone: a city and year with its files. */
  public record Delivery(String city, int year, List<String> files) {}

  public static final List<String> CUSTOMER_COLUMNS = List.of(
      "customer_id", "company_name", "district", "industry_segment", "company_size", "contact_name",
      "contact_phone", "first_contact_date", "consult_channel", "consultation_count", "transaction_count",
      "cumulative_amount", "last_transaction_date", "repurchase_rate", "tx_m1", "tx_m2", "tx_m3", "tx_m4",
      "tx_m5", "tx_m6", "service_content", "sales_owner");

  public static final List<String> CONSULTATION_COLUMNS = List.of(
      "customer_id", "company_name", "district", "industry", "company_size", "contact_name",
      "contact_phone", "consult_channel", "product_interest", "consult_date", "intention_score",
      "demand_clarity_score", "satisfaction_score", "purchased");

  /** SQL dialect differences between DuckDB and Spark SQL. */
  public enum Dialect {
    DUCKDB, SPARK;

    String full(String s, String regex) {
      return this == DUCKDB ? "regexp_full_match(" + s + ", '" + regex + "')" : s + " RLIKE '^" + regex + "$'";
    }

    String intDiv(String a, String b) {
      return this == DUCKDB ? "((" + a + ") // (" + b + "))" : "((" + a + ") div (" + b + "))";
    }

    String dec(String literal) {
      return "CAST('" + literal + "' AS DECIMAL(18,4))";
    }

    String toDate(String s) {
      return this == DUCKDB ? "TRY_CAST(" + s + " AS DATE)" : "to_date(" + s + ", 'yyyy-MM-dd')";
    }

    String hash(String concat) {
      return this == DUCKDB ? "sha256(" + concat + ")" : "sha2(" + concat + ", 256)";
    }

    String plusPeriod(String date, String period) {
      return this == DUCKDB
          ? "CAST(" + date + " + INTERVAL " + period + " AS DATE)"
          : switch (period) {
            case "7 DAY" -> "date_add(" + date + ", 7)";
            case "1 MONTH" -> "add_months(" + date + ", 1)";
            case "3 MONTH" -> "add_months(" + date + ", 3)";
            case "1 YEAR" -> "add_months(" + date + ", 12)";
            default -> throw new IllegalArgumentException(period);
          };
    }
  }

  static final String NULL_MARKERS = "('', 'null', 'n/a', 'na', '-', 'none')";

  /** Trimmed text, null for empty and the null markers. */
  static String nz(String c) {
    return "CASE WHEN lower(trim(" + c + ")) IN " + NULL_MARKERS + " THEN NULL ELSE trim(" + c + ") END";
  }

  static String asInt(Dialect d, String s) {
    return "CASE WHEN " + d.full(s, "[+-]?[0-9]{1,9}") + " THEN CAST(" + s + " AS INT) END";
  }

  static String asDate(Dialect d, String s) {
    return "CASE WHEN " + d.full(s, "[0-9]{4}-[0-9]{2}-[0-9]{2}") + " THEN " + d.toDate(s) + " END";
  }

  static String asAmount(Dialect d, String s) {
    return "CASE WHEN " + d.full(s, "[+-]?0*[0-9]{1,16}([.][0-9]{1,2})?")
        + " THEN CAST(" + s + " AS DECIMAL(18,2)) END";
  }

  static String asRate(Dialect d, String s) {
    return "CASE WHEN " + d.full(s, "[+-]?0*[0-9]([.][0-9]{1,4})?")
        + " THEN CAST(" + s + " AS DECIMAL(5,4)) END";
  }

  static String asBool(String s) {
    return "CASE WHEN lower(" + s + ") IN ('true', 'yes', 'y', '1') THEN true"
        + " WHEN lower(" + s + ") IN ('false', 'no', 'n', '0') THEN false END";
  }

  /** Content hash of the normalised fields, for the duplicate-id rule. */
  static String content(Dialect d, List<String> columns) {
    return d.hash("concat_ws(chr(2), " + columns.stream().map(c -> "coalesce(s_" + c + ", chr(1))")
        .collect(Collectors.joining(", ")) + ")");
  }

  /**
   * The validated customers (model 2): typed fields, {@code valid} (every field and cross rule
   * holds) and {@code accepted} (valid, and the one kept copy of its customer_id).
   *
   * @param raw a relation with {@code city, snapshot_year, as_of_date, source_file} and the text columns
   */
  public static String validatedCustomers(Dialect d, String raw) {
    List<String> ints = List.of("consultation_count", "transaction_count", "tx_m1", "tx_m2", "tx_m3", "tx_m4",
        "tx_m5", "tx_m6");
    StringBuilder s = new StringBuilder("SELECT city, snapshot_year, as_of_date, source_file");
    for (String c : CUSTOMER_COLUMNS) {
      s.append(",\n  ").append(nz(c)).append(" AS s_").append(c);
    }
    s.append("\nFROM ").append(raw);
    StringBuilder t = new StringBuilder("SELECT s.*, ")
        .append(content(d, CUSTOMER_COLUMNS)).append(" AS content");
    for (String c : List.of("customer_id", "company_name", "district", "industry_segment", "contact_name",
        "contact_phone", "consult_channel", "service_content", "sales_owner")) {
      t.append(", s_").append(c).append(" AS ").append(c);
    }
    t.append(", lower(s_company_size) AS company_size");
    for (String c : ints) {
      t.append(",\n  ").append(asInt(d, "s_" + c)).append(" AS ").append(c);
    }
    t.append(",\n  ").append(asAmount(d, "s_cumulative_amount")).append(" AS cumulative_amount");
    t.append(",\n  ").append(asRate(d, "s_repurchase_rate")).append(" AS repurchase_rate");
    t.append(",\n  ").append(asDate(d, "s_first_contact_date")).append(" AS first_contact_date");
    t.append(",\n  ").append(asDate(d, "s_last_transaction_date")).append(" AS last_transaction_date");
    t.append("\nFROM s");
    String valid = String.join("\n    AND ", List.of(
        "customer_id IS NOT NULL", "company_name IS NOT NULL",
        "(s_company_size IS NULL OR company_size IN ('micro', 'small', 'medium', 'large'))",
        ints.stream().map(c -> c + " >= 0").collect(Collectors.joining(" AND ")),
        "cumulative_amount >= 0", "repurchase_rate >= 0 AND repurchase_rate <= 1",
        "(s_first_contact_date IS NULL OR first_contact_date IS NOT NULL)",
        "(s_last_transaction_date IS NULL OR last_transaction_date IS NOT NULL)",
        "tx_m1 + tx_m2 + tx_m3 + tx_m4 + tx_m5 + tx_m6 <= transaction_count",
        "NOT (transaction_count = 0 AND last_transaction_date IS NOT NULL)",
        "NOT (transaction_count > 0 AND s_last_transaction_date IS NULL)",
        "coalesce(last_transaction_date <= as_of_date, true)",
        "coalesce(first_contact_date <= as_of_date, true)",
        "coalesce(last_transaction_date >= first_contact_date, true)"));
    return withDuplicates(s, t, valid);
  }

  /** The validated consultations (model 1), as {@link #validatedCustomers}. */
  public static String validatedConsultations(Dialect d, String raw) {
    List<String> scores = List.of("intention_score", "demand_clarity_score", "satisfaction_score");
    StringBuilder s = new StringBuilder("SELECT city, snapshot_year, as_of_date, source_file");
    for (String c : CONSULTATION_COLUMNS) {
      s.append(",\n  ").append(nz(c)).append(" AS s_").append(c);
    }
    s.append("\nFROM ").append(raw);
    StringBuilder t = new StringBuilder("SELECT s.*, ")
        .append(content(d, CONSULTATION_COLUMNS)).append(" AS content");
    for (String c : List.of("customer_id", "company_name", "district", "industry", "contact_name",
        "contact_phone", "product_interest")) {
      t.append(", s_").append(c).append(" AS ").append(c);
    }
    t.append(", lower(s_company_size) AS company_size, lower(s_consult_channel) AS consult_channel");
    for (String c : scores) {
      t.append(",\n  ").append(asInt(d, "s_" + c)).append(" AS ").append(c);
    }
    t.append(",\n  ").append(asDate(d, "s_consult_date")).append(" AS consult_date");
    t.append(",\n  ").append(asBool("s_purchased")).append(" AS purchased");
    t.append("\nFROM s");
    String valid = String.join("\n    AND ", List.of(
        "customer_id IS NOT NULL", "company_name IS NOT NULL",
        "(s_company_size IS NULL OR company_size IN ('micro', 'small', 'medium', 'large'))",
        "(s_consult_channel IS NULL OR consult_channel IN ('phone', 'online', 'visit', 'exhibition', 'referral'))",
        scores.stream().map(c -> c + " BETWEEN 1 AND 5").collect(Collectors.joining(" AND ")),
        "consult_date IS NOT NULL", "year(consult_date) = snapshot_year",
        "(s_purchased IS NULL OR purchased IS NOT NULL)"));
    return withDuplicates(s, t, valid);
  }

  /**
   * customer_id is unique within a city and year: copies with identical content keep one (the
   * first by source file), copies that differ are all rejected.
   */
  private static String withDuplicates(CharSequence s, CharSequence t, String valid) {
    return "WITH s AS (\n" + s + "\n), t AS (\n" + t + "\n), v AS (\n"
        + "SELECT *, coalesce(" + valid + ", false) AS valid,\n"
        + "  min(content) OVER (PARTITION BY city, snapshot_year, customer_id) AS content_min,\n"
        + "  max(content) OVER (PARTITION BY city, snapshot_year, customer_id) AS content_max,\n"
        + "  row_number() OVER (PARTITION BY city, snapshot_year, customer_id, content ORDER BY source_file) AS copy_no\n"
        + "FROM t\n)\n"
        + "SELECT *, valid AND (customer_id IS NULL OR (content_min = content_max AND copy_no = 1)) AS accepted FROM v";
  }

  /** Rank points of a bucketed value: first bucket with 100 * greater < top% * N; 0 for a zero value. */
  static String rankPoints(String value, String greater, int[] points) {
    StringBuilder b = new StringBuilder("CASE WHEN " + value + " = 0 THEN 0");
    int[] top = {10, 20, 30, 40, 50};
    for (int i = 0; i < top.length; i++) {
      b.append(" WHEN 100 * ").append(greater).append(" < ").append(top[i]).append(" * rank_population THEN ")
          .append(points[i]);
    }
    return b.append(" ELSE 0 END").toString();
  }

  /** p = greater / N half-up to 6 places, computed in integers. */
  static String position(Dialect d, String greater) {
    return "CAST(CAST(" + d.intDiv("2000000 * " + greater + " + rank_population", "2 * rank_population")
        + " AS DECIMAL(18,0)) * CAST('0.000001' AS DECIMAL(7,6)) AS DECIMAL(7,6))";
  }

  /** Model 2 over the accepted customers of {@code validated}: the value_ratings rows. */
  public static String valueRatings(Dialect d, String validated) {
    String score = "CAST(%s AS DECIMAL(9,4))";
    return "WITH a AS (SELECT * FROM " + validated + " WHERE accepted),\n"
        + "r AS (SELECT *,\n"
        + "  least(consultation_count * 10, 50) + least(transaction_count * 5, 50) AS activity,\n"
        + "  (CASE WHEN tx_m1 >= 1 THEN 1 ELSE 0 END + CASE WHEN tx_m2 >= 1 THEN 1 ELSE 0 END"
        + " + CASE WHEN tx_m3 >= 1 THEN 1 ELSE 0 END + CASE WHEN tx_m4 >= 1 THEN 1 ELSE 0 END"
        + " + CASE WHEN tx_m5 >= 1 THEN 1 ELSE 0 END + CASE WHEN tx_m6 >= 1 THEN 1 ELSE 0 END) AS active_months,\n"
        + "  CASE WHEN cumulative_amount < 10000 THEN 10 WHEN cumulative_amount <= 50000 THEN 30 ELSE 50 END"
        + " AS amount_band_points,\n"
        + "  CAST(rank() OVER (PARTITION BY city, snapshot_year ORDER BY cumulative_amount DESC) - 1 AS BIGINT)"
        + " AS amount_greater_count,\n"
        + "  CAST(rank() OVER (PARTITION BY city, snapshot_year ORDER BY repurchase_rate DESC) - 1 AS BIGINT)"
        + " AS repurchase_greater_count,\n"
        + "  CAST(count(*) OVER (PARTITION BY city, snapshot_year) AS BIGINT) AS rank_population\n"
        + "FROM a),\n"
        // stability = round_half_up(50 * months / 6, 2), in hundredths: (2 * 5000 * m + 6) div 12
        + "b AS (SELECT *,\n"
        + "  " + String.format(score, "activity") + " AS activity_score,\n"
        + "  " + String.format(score, "CAST(" + d.intDiv("10000 * active_months + 6", "12")
            + " AS DECIMAL(18,0)) * CAST('0.01' AS DECIMAL(3,2))") + " AS stability_score,\n"
        + "  " + rankPoints("cumulative_amount", "amount_greater_count", new int[] {100, 80, 60, 40, 20})
            + " AS amount_rank_points,\n"
        + "  " + rankPoints("repurchase_rate", "repurchase_greater_count", new int[] {50, 40, 30, 20, 10})
            + " AS repurchase_rank_points,\n"
        + "  " + position(d, "amount_greater_count") + " AS amount_rank_position,\n"
        + "  " + position(d, "repurchase_greater_count") + " AS repurchase_rank_position\n"
        + "FROM r),\n"
        + "c AS (SELECT *,\n"
        + "  " + String.format(score, d.dec("0.4") + " * stability_score + " + d.dec("0.6")
            + " * amount_band_points") + " AS contribution_score,\n"
        + "  " + String.format(score, d.dec("0.7") + " * amount_rank_points + " + d.dec("0.3")
            + " * repurchase_rank_points") + " AS value_ranking_score\n"
        + "FROM b),\n"
        + "k AS (SELECT *, " + String.format(score, d.dec("0.3") + " * activity_score + " + d.dec("0.5")
            + " * contribution_score + " + d.dec("0.2") + " * value_ranking_score") + " AS composite_score FROM c)\n"
        + "SELECT city, snapshot_year, customer_id, company_name, district, industry_segment, company_size,\n"
        + "  first_contact_date, consult_channel, consultation_count, transaction_count, cumulative_amount,\n"
        + "  last_transaction_date, repurchase_rate, tx_m1, tx_m2, tx_m3, tx_m4, tx_m5, tx_m6, service_content,\n"
        + "  sales_owner, activity_score, stability_score, amount_band_points, contribution_score,\n"
        + "  amount_greater_count, repurchase_greater_count, rank_population, amount_rank_position,\n"
        + "  repurchase_rank_position, amount_rank_points, repurchase_rank_points, value_ranking_score,\n"
        + "  composite_score,\n"
        + "  CASE WHEN composite_score >= 90 THEN 'S' WHEN composite_score >= 75 THEN 'A'"
        + " WHEN composite_score >= 60 THEN 'B' WHEN composite_score >= 40 THEN 'C' ELSE 'D' END AS tier,\n"
        + "  " + String.format(score, "CASE WHEN composite_score >= 90 THEN NULL WHEN composite_score >= 75"
            + " THEN 90 - composite_score WHEN composite_score >= 60 THEN 75 - composite_score"
            + " WHEN composite_score >= 40 THEN 60 - composite_score ELSE 40 - composite_score END")
            + " AS points_to_next_tier,\n"
        + "  'customer-value' AS model_id, 1 AS model_version\nFROM k";
  }

  /** Model 1 over the accepted consultations of {@code validated}: the conversion_ratings rows. */
  public static String conversionRatings(Dialect d, String validated) {
    String grade = "CASE WHEN composite_score >= 4 THEN '%s' WHEN composite_score >= 3 THEN '%s'"
        + " WHEN composite_score >= 2 THEN '%s' ELSE '%s' END";
    return "WITH k AS (SELECT *, CAST(" + d.dec("0.4") + " * intention_score + " + d.dec("0.3")
        + " * demand_clarity_score + " + d.dec("0.3") + " * satisfaction_score AS DECIMAL(9,4)) AS composite_score\n"
        + "FROM " + validated + " WHERE accepted)\n"
        + "SELECT city, snapshot_year, customer_id, company_name, district, industry, company_size,\n"
        + "  consult_channel, product_interest, consult_date, intention_score, demand_clarity_score,\n"
        + "  satisfaction_score, purchased, composite_score,\n"
        + "  " + String.format(grade, "A", "B", "C", "D") + " AS grade,\n"
        + "  " + String.format(grade, "account_manager", "senior_sales", "sales", "sales") + " AS follow_up_owner,\n"
        + "  " + String.format(grade, "weekly", "monthly", "quarterly", "yearly") + " AS follow_up_cadence,\n"
        + "  CASE WHEN composite_score >= 4 THEN " + d.plusPeriod("consult_date", "7 DAY")
        + " WHEN composite_score >= 3 THEN " + d.plusPeriod("consult_date", "1 MONTH")
        + " WHEN composite_score >= 2 THEN " + d.plusPeriod("consult_date", "3 MONTH")
        + " ELSE " + d.plusPeriod("consult_date", "1 YEAR") + " END AS next_follow_up_date,\n"
        + "  CAST(CASE WHEN composite_score >= 4 THEN NULL WHEN composite_score >= 3 THEN 4 - composite_score"
        + " WHEN composite_score >= 2 THEN 3 - composite_score ELSE 2 - composite_score END AS DECIMAL(9,4))"
        + " AS points_to_next_tier,\n"
        + "  'consultation-conversion' AS model_id, 1 AS model_version\nFROM k";
  }

  /** The rejected rows of {@code validated}: what the quarantine holds (without the reason texts). */
  public static String rejected(String validated, List<String> columns) {
    return "SELECT city, snapshot_year, source_file, "
        + columns.stream().map(c -> "s_" + c).collect(Collectors.joining(", "))
        + " FROM " + validated + " WHERE NOT accepted";
  }

  /** The (city, year, customer, tier) rows of a contender's output, for the comparison. */
  public static String tierKeys(String parquetGlob, String tierColumn) {
    return "SELECT CAST(city AS VARCHAR) AS city, CAST(snapshot_year AS INTEGER) AS snapshot_year, customer_id, "
        + tierColumn + " AS tier FROM read_parquet('" + parquetGlob.replace("'", "''")
        + "', hive_partitioning = true)";
  }

  /** Rows of {@code a} missing from {@code b} (with multiplicity). */
  public static String missing(String a, String b) {
    return "SELECT * FROM (" + a + ") EXCEPT ALL SELECT * FROM (" + b + ")";
  }

  /** {@code VmHWM} of a {@code /proc/<pid>/status} text, in kB; -1 when absent. */
  public static long vmHwmKb(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        String v = line.substring(6).trim();
        int sp = v.indexOf(' ');
        return Long.parseLong(sp < 0 ? v : v.substring(0, sp));
      }
    }
    return -1;
  }

  /** The job's {@code time: 123.4s (read_validate 1.0s, ...)} line, or null. */
  public static String phaseLine(List<String> stdout) {
    List<String> hits = new ArrayList<>();
    for (String l : stdout) {
      if (l.startsWith("time: ")) {
        hits.add(l);
      }
    }
    return hits.isEmpty() ? null : hits.get(hits.size() - 1);
  }
}
