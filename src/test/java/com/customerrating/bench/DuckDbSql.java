package com.customerrating.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of the DuckDB contender ({@link DuckDbRunner}): the job's validation rules
 * ({@code FieldParser}, {@code RowValidator}, {@code DatasetSchema}, {@code DuplicateIds}) as a
 * DuckDB user would write them, typed by {@code TRY_CAST}.
 *
 * <p>Every row goes through the <em>fast layer</em> ({@link #fastLayer}): each field's text is cast
 * with {@code TRY_CAST}, guarded by a pattern only where DuckDB's cast accepts text the spec refuses
 * (for INTEGER: {@code '1e5'}, {@code '1_000'}, {@code '0b11'}, {@code '1.5'}, {@code ' 12'}, ten
 * digits and more; for DECIMAL: {@code '1e5'}, {@code '.5'}, {@code '1.'}, extra places, which it
 * rounds; for DATE: {@code '2025-1-5'}, {@code '2025/01/05'}, {@code '2025-01-05 10:00'},
 * {@code '2025-01-5x'}, {@code '-025-01-05'}; for BOOLEAN: {@code 't'} and {@code 'f'}). The
 * guards accept only text that needs no normalising (no surrounding blanks, no null marker, ASCII
 * digits), so a row whose every field passes its guard and that breaks no rule, {@code ok}, has
 * exactly the typed values the job gives it, and is accepted.
 *
 * <p>The other rows (and the copies of a duplicated id) go through the <em>full layer</em>
 * ({@link #judgeLayer}): the job's normalisation (trimming of {@code FieldParser.BLANKS}, the null
 * markers, full-width digits and signs in number and date columns), the typed value, and every
 * reason the row earns, with the job's texts, in the job's order (row checks, then fields in
 * schema order, then the rules across columns, then the duplicate-id rule). On its own it gives
 * the job's verdict for any row; the fast layer only spares the normalising of clean rows.
 *
 * <p>The duplicate-id rule: an aggregation over every row, by the hash of the normalised id
 * ({@link #check}, {@code HAVING count(*) > 1}), finds the candidates; their rows are grouped by
 * the id itself ({@link #duplicateIds}), and only the copies of the ids with more than one row are
 * compared, on the normalised text of every column (personal ones included) as a struct.
 * Identical copies keep one (the first by source file, then by the row's text) and reject the
 * others; copies that differ are all rejected.
 */
public final class DuckDbSql {

  private DuckDbSql() {}

  /** The type a column's text is parsed to (as {@code Field.Kind}). */
  public enum Kind {
    STRING, INT, DATE, BOOLEAN, AMOUNT, RATE;

    boolean numberOrDate() {
      return this == INT || this == DATE || this == AMOUNT || this == RATE;
    }
  }

  /** One input column and its rule, as {@code ingest.Field}. */
  public record Col(String name, Kind kind, boolean required, boolean personal, Integer min, Integer max,
      List<String> allowed) {

    static Col text(String n) {
      return new Col(n, Kind.STRING, false, false, null, null, List.of());
    }

    static Col requiredText(String n) {
      return new Col(n, Kind.STRING, true, false, null, null, List.of());
    }

    static Col personal(String n) {
      return new Col(n, Kind.STRING, false, true, null, null, List.of());
    }

    static Col oneOf(String n, String... values) {
      return new Col(n, Kind.STRING, false, false, null, null, List.of(values));
    }

    static Col intRange(String n, int min, int max) {
      return new Col(n, Kind.INT, true, false, min, max, List.of());
    }

    static Col count(String n) {
      return new Col(n, Kind.INT, true, false, 0, null, List.of());
    }

    static Col date(String n, boolean required) {
      return new Col(n, Kind.DATE, required, false, null, null, List.of());
    }

    static Col flag(String n) {
      return new Col(n, Kind.BOOLEAN, false, false, null, null, List.of());
    }

    static Col amount(String n) {
      return new Col(n, Kind.AMOUNT, true, false, 0, null, List.of());
    }

    static Col rate(String n) {
      return new Col(n, Kind.RATE, true, false, 0, 1, List.of());
    }
  }

  /**
   * A rule across columns: {@code fails} is SQL over {@code {column}} (the typed value, null where
   * blank or unparseable), {@code {blank:column}} (the text was blank or a null marker),
   * {@code as_of_date} and {@code snapshot_year}; a rule over a null value does not fire.
   */
  public record Rule(String reason, String fails) {}

  /** A dataset's columns in file order and its rules across columns, as {@code DatasetSchema}. */
  public record Schema(String name, List<Col> cols, List<Rule> rules, List<String> optionalColumns) {

    /** The typed columns that are output (all but the personal ones). */
    public List<Col> output() {
      return cols.stream().filter(c -> !c.personal()).toList();
    }

    public List<String> names() {
      return cols.stream().map(Col::name).toList();
    }

    /** Columns every file's header must have. */
    public List<String> headerColumns() {
      return names().stream().filter(n -> !optionalColumns.contains(n)).toList();
    }
  }

  static final List<String> SIZES = List.of("micro", "small", "medium", "large");

  /** Hangzhou consultations (model consultation-conversion), as {@code DatasetSchema.CONSULTATIONS}. */
  public static final Schema CONSULTATIONS = new Schema("consultations", List.of(
      Col.requiredText("customer_id"),
      Col.requiredText("company_name"),
      Col.text("district"),
      Col.text("industry"),
      Col.oneOf("company_size", SIZES.toArray(String[]::new)),
      Col.personal("contact_name"),
      Col.personal("contact_phone"),
      Col.oneOf("consult_channel", "phone", "online", "visit", "exhibition", "referral"),
      Col.text("product_interest"),
      Col.date("consult_date", true),
      Col.intRange("intention_score", 1, 5),
      Col.intRange("demand_clarity_score", 1, 5),
      Col.intRange("satisfaction_score", 1, 5),
      Col.flag("purchased")),
      List.of(new Rule("consult_date: outside the snapshot year", "year({consult_date}) <> snapshot_year")),
      List.of("purchased"));

  /** Chengdu customers (model customer-value), as {@code DatasetSchema.CUSTOMERS}. */
  public static final Schema CUSTOMERS = new Schema("customers", List.of(
      Col.requiredText("customer_id"),
      Col.requiredText("company_name"),
      Col.text("district"),
      Col.text("industry_segment"),
      Col.oneOf("company_size", SIZES.toArray(String[]::new)),
      Col.personal("contact_name"),
      Col.personal("contact_phone"),
      Col.date("first_contact_date", false),
      Col.text("consult_channel"),
      Col.count("consultation_count"),
      Col.count("transaction_count"),
      Col.amount("cumulative_amount"),
      Col.date("last_transaction_date", false),
      Col.rate("repurchase_rate"),
      Col.count("tx_m1"),
      Col.count("tx_m2"),
      Col.count("tx_m3"),
      Col.count("tx_m4"),
      Col.count("tx_m5"),
      Col.count("tx_m6"),
      Col.text("service_content"),
      Col.text("sales_owner")),
      List.of(
          new Rule("tx_m1..tx_m6: monthly counts add up to more than transaction_count",
              "CAST({tx_m1} AS BIGINT) + {tx_m2} + {tx_m3} + {tx_m4} + {tx_m5} + {tx_m6} > {transaction_count}"),
          new Rule("last_transaction_date: must be empty when transaction_count is 0",
              "{transaction_count} = 0 AND {last_transaction_date} IS NOT NULL"),
          new Rule("last_transaction_date: required when transaction_count is above 0",
              "{transaction_count} > 0 AND {blank:last_transaction_date}"),
          new Rule("last_transaction_date: after the as-of date", "{last_transaction_date} > as_of_date"),
          new Rule("first_contact_date: after the as-of date", "{first_contact_date} > as_of_date"),
          new Rule("last_transaction_date: before first_contact_date",
              "{first_contact_date} > {last_transaction_date}")),
      List.of("purchased"));

  // The job's texts (FieldParser, RowValidator, DuplicateIds); BenchSqlTest holds them to the job's.
  public static final String VARIANTS = "customer_id: appears more than once with different content";
  public static final String LATER_COPY = "customer_id: exact duplicate of another row (one copy kept)";
  public static final String MALFORMED = "row: malformed CSV (wrong number of fields or broken quoting)";
  public static final String BAD_TEXT = "row: text is not valid in the configured encoding (is the file GBK?)";
  public static final String NUL = "row: contains a NUL byte";

  /** {@code FieldParser.BLANKS} as code points: trimmed from both ends of every value. */
  static final int[] BLANKS = {32, 9, 10, 11, 12, 13, 0xA0, 0x3000};
  static final String NULL_MARKERS = "'null', 'n/a', 'na', '-', 'none'";
  static final String FULL_WIDTH = "０１２３４５６７８９．－＋";
  static final String ASCII = "0123456789.-+";
  static final String BOOLEANS = "'true', 'yes', 'y', '1', 'false', 'no', 'n', '0'";
  static final List<String> BOOLEAN_TEXTS = List.of("true", "yes", "y", "1", "false", "no", "n", "0");

  static final String INT_RE = "[+-]?[0-9]{1,9}";
  static final String DIGITS_RE = "[+-]?[0-9]+";
  static final String DATE_RE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
  static final String PLAIN_RE = "[+-]?[0-9]+([.][0-9]+)?";
  static final String THOUSANDS_RE = "[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?";

  static int scale(Kind k) {
    return k == Kind.AMOUNT ? 2 : 4;
  }

  static int integerDigits(Kind k) {
    return k == Kind.AMOUNT ? 16 : 1;
  }

  static String sqlType(Kind k) {
    return switch (k) {
      case STRING -> "VARCHAR";
      case INT -> "INTEGER";
      case DATE -> "DATE";
      case BOOLEAN -> "BOOLEAN";
      case AMOUNT -> "DECIMAL(18,2)";
      case RATE -> "DECIMAL(5,4)";
    };
  }

  /** The job's name of a decimal type in its reasons ({@code Field.Kind.sqlType}). */
  static String jobType(Kind k) {
    return k == Kind.AMOUNT ? "decimal(18,2)" : "decimal(5,4)";
  }

  static String q(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String full(String s, String regex) {
    return "regexp_full_match(" + s + ", " + q(regex) + ")";
  }

  static String x(String column) {
    return "x_" + column;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * The text rows of some files of one delivery that share a header: {@code city, snapshot_year,
   * as_of_date, source_file}, {@code x_<column>} for each schema column (null where the file lacks
   * an optional one) and {@code x__extra}, the file's other columns (a list, or null).
   *
   * @param errors {@code ignore_errors = true}, or {@code store_rejects = true, ...}: lines that do
   *     not parse (wrong number of fields, broken quoting, invalid UTF-8) are set aside, not fatal
   */
  public static String read(Schema s, String city, int year, LocalDate asOf, List<String> files, List<String> header,
      String errors) {
    StringBuilder b = new StringBuilder("SELECT ").append(q(city)).append(" AS city, ").append(year)
        .append(" AS snapshot_year, DATE '").append(asOf).append("' AS as_of_date, filename AS source_file");
    for (Col c : s.cols()) {
      b.append(", ").append(header.contains(c.name()) ? ident(c.name()) : "CAST(NULL AS VARCHAR)")
          .append(" AS ").append(x(c.name()));
    }
    List<String> extras = header.stream().filter(h -> !s.names().contains(h)).toList();
    b.append(", ").append(extras.isEmpty() ? "CAST(NULL AS VARCHAR[])"
        : "[" + extras.stream().map(DuckDbSql::ident).collect(Collectors.joining(", ")) + "]").append(" AS x__extra");
    b.append("\nFROM read_csv([").append(files.stream().map(DuckDbSql::q).collect(Collectors.joining(", ")))
        .append("], header = true, auto_detect = false, columns = {")
        .append(header.stream().map(h -> q(h) + ": 'VARCHAR'").collect(Collectors.joining(", ")))
        .append("}, delim = ',', quote = '\"', escape = '\"', filename = true");
    if (errors != null && !errors.isBlank()) {
      b.append(", ").append(errors);
    }
    return b.append(")").toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The fast layer

  /**
   * The value needs no normalising and has no bad text: it neither starts nor ends with a
   * {@code FieldParser.BLANKS} character, is not empty, is no null marker (any case), holds no NUL
   * and no U+FFFD. One RE2 match (cheaper than a dozen string functions per value).
   */
  static String clean(String v) {
    return "NOT regexp_matches(" + v + ", " + q(NEEDS_WORK_RE) + ")";
  }

  static final String BLANK_CLASS = "[\\t-\\r \\x{A0}\\x{3000}]";
  static final String NEEDS_WORK_RE = "^" + BLANK_CLASS + "|" + BLANK_CLASS + "$|[\\x00\\x{FFFD}]|^$|^(?i:null|n/a|na|-|none)$";

  /** Neither a NUL nor U+FFFD (what a decoder puts for bytes that are not text) in the value. */
  static String goodText(String v) {
    return "NOT (contains(" + v + ", chr(0)) OR contains(" + v + ", chr(65533)))";
  }

  /** {@code v = 'a' OR v = 'b' ...}: an IN list of constants, which DuckDB would plan as a join. */
  static String oneOf(String v, List<String> values) {
    return "(" + values.stream().map(x -> v + " = " + q(x)).collect(Collectors.joining(" OR ")) + ")";
  }

  /** The typed value of a text that needs no normalising, or null where it does not pass the guard. */
  static String fastValue(Col c, String v) {
    return switch (c.kind()) {
      case STRING -> v;
      case INT -> "CASE WHEN " + full(v, INT_RE) + " THEN TRY_CAST(" + v + " AS INTEGER) END";
      case DATE -> "CASE WHEN " + full(v, DATE_RE) + " THEN TRY_CAST(" + v + " AS DATE) END";
      case BOOLEAN -> "CASE WHEN " + oneOf(v, BOOLEAN_TEXTS) + " THEN TRY_CAST(" + v + " AS BOOLEAN) END";
      case AMOUNT, RATE -> "CASE WHEN " + full(v, "[+-]?[0-9]+([.][0-9]{1," + scale(c.kind()) + "})?")
          + " THEN TRY_CAST(" + v + " AS " + sqlType(c.kind()) + ") END";
    };
  }

  /** The field passes on the fast path: its text is clean and typed, and within range. */
  static String fastOk(Col c, String v, String typed) {
    if (c.kind() == Kind.STRING) {
      if (c.personal()) {
        return "(" + v + " IS NULL OR " + goodText(v) + ")";
      }
      if (!c.allowed().isEmpty()) {
        return "(" + v + " IS NULL OR " + oneOf(v, c.allowed()) + ")";
      }
      return c.required() ? "(" + v + " IS NOT NULL AND " + clean(v) + ")" : "(" + v + " IS NULL OR " + clean(v) + ")";
    }
    StringBuilder b = new StringBuilder(typed + " IS NOT NULL");
    if (c.min() != null) {
      b.append(" AND ").append(typed).append(" >= ").append(c.min());
    }
    if (c.max() != null) {
      b.append(" AND ").append(typed).append(" <= ").append(c.max());
    }
    return c.required() ? "(" + b + ")" : "(" + v + " IS NULL OR (" + b + "))";
  }

  /** A rule's SQL over columns named {@code prefix + column}, with the given blank test. */
  static String rule(Schema s, Rule r, String prefix, java.util.function.Function<String, String> blank) {
    String sql = r.fails();
    for (Col c : s.cols()) {
      sql = sql.replace("{blank:" + c.name() + "}", blank.apply(c.name())).replace("{" + c.name() + "}",
          prefix + c.name());
    }
    return "coalesce(" + sql + ", false)";
  }

  /**
   * Every column of {@code rel} (see {@link #read}), the fast typed values {@code f_<column>} of the
   * output columns, and {@code ok}: every field passes its guard and range, no rule across columns
   * fires, no bad text. Where {@code ok}, {@code f_*} are the job's typed values.
   *
   * @param extras whether some file has columns beyond the schema's (their text is checked too)
   */
  public static String fastLayer(Schema s, String rel, boolean extras) {
    StringBuilder typed = new StringBuilder("SELECT *");
    for (Col c : s.cols()) {
      if (c.kind() != Kind.STRING) {
        typed.append(",\n  ").append(fastValue(c, x(c.name()))).append(" AS f_").append(c.name());
      }
    }
    typed.append("\nFROM ").append(rel);
    List<String> ok = new ArrayList<>();
    for (Col c : s.cols()) {
      ok.add(fastOk(c, x(c.name()), c.kind() == Kind.STRING ? x(c.name()) : "f_" + c.name()));
    }
    if (extras) {
      ok.add("(x__extra IS NULL OR " + goodText("array_to_string(x__extra, chr(1))") + ")");
    }
    for (Rule r : s.rules()) {
      ok.add("NOT " + rule(s, r, "f_", n -> x(n) + " IS NULL"));
    }
    StringBuilder b = new StringBuilder("SELECT *");
    for (Col c : s.output()) {
      if (c.kind() == Kind.STRING) {
        b.append(", ").append(x(c.name())).append(" AS f_").append(c.name());
      }
    }
    return b.append(",\n  coalesce(").append(String.join("\n  AND ", ok)).append(", false) AS ok\nFROM (").append(typed)
        .append(")").toString();
  }

  /** A text row (see {@link #read}) as one struct, to carry it through an aggregation. */
  static String rowStruct(Schema s) {
    return "struct_pack(city, snapshot_year, as_of_date, source_file, "
        + s.cols().stream().map(c -> x(c.name())).collect(Collectors.joining(", ")) + ", x__extra)";
  }

  /**
   * One pass over every row of a delivery ({@code fastRel}, see {@link #fastLayer}), grouped by
   * the hash of the normalised customer_id: {@code id_hash}, {@code copies} (its rows) and
   * {@code suspects} (its rows that are not {@code ok}, as text), for the hashes that have more
   * than one row or a row that is not {@code ok}. Grouping by the 64-bit hash instead of the text
   * keeps the hash table narrow; a hash with more than one row is only a candidate: its rows are
   * read again and grouped by the id itself ({@link #duplicateIds}), so a collision costs a
   * little work and never a wrong verdict.
   */
  public static String check(Schema s, String fastRel) {
    return "SELECT id_hash, count(*) AS copies, list(" + rowStruct(s) + ") FILTER (WHERE NOT ok) AS suspects\n"
        + "FROM (SELECT *, hash(" + normalizedId() + ") AS id_hash FROM " + fastRel + ")\n"
        + "GROUP BY id_hash HAVING count(*) > 1 OR count(*) FILTER (WHERE NOT ok) > 0";
  }

  /** The suspect rows of the hashes with one row (see {@link #check}), as text rows. */
  public static String suspects(String checkTable) {
    return "SELECT unnest(r) FROM (SELECT unnest(suspects) AS r FROM " + checkTable + " WHERE copies = 1)";
  }

  /** The text rows of {@code rowsRel} whose id hash has more than one row (see {@link #check}). */
  public static String candidates(String rowsRel, String checkTable) {
    return "SELECT * FROM " + rowsRel + " WHERE hash(" + normalizedId() + ") IN (SELECT id_hash FROM " + checkTable
        + " WHERE copies > 1)";
  }

  /** The normalised id of the fast layer's rows (the raw text where it is clean). */
  public static String normalizedId() {
    String v = x("customer_id");
    return "CASE WHEN " + clean(v) + " THEN " + v + " ELSE " + normalized(Kind.STRING, v) + " END";
  }

  // ---------------------------------------------------------------------------------------------
  // The full layer

  /** {@code FieldParser.normalize}: trimmed, null for blank and the null markers, ASCII digits. */
  static String normalized(Kind k, String v) {
    String blanks = java.util.Arrays.stream(BLANKS).mapToObj(i -> "chr(" + i + ")").collect(Collectors.joining(" || "));
    String t = "trim(" + v + ", " + blanks + ")";
    String n = "CASE WHEN lower(" + t + ") IN ('', " + NULL_MARKERS + ") THEN NULL ELSE " + t + " END";
    return k.numberOrDate() ? "translate(" + n + ", " + q(FULL_WIDTH) + ", " + q(ASCII) + ")" : n;
  }

  /** {@code FieldParser.parse}: the typed value of a normalised text. */
  static String value(Col c, String t) {
    return switch (c.kind()) {
      case STRING -> c.allowed().isEmpty() ? t : "lower(" + t + ")";
      case BOOLEAN -> "CASE WHEN lower(" + t + ") IN (" + BOOLEANS + ") THEN TRY_CAST(lower(" + t + ") AS BOOLEAN) END";
      default -> fastValue(c, t);
    };
  }

  /** The reasons of one field, in {@code FieldParser.parse}'s order: SQL expressions, null where none. */
  static List<String> reasons(Col c, String t, String v) {
    String n = c.name();
    List<String> out = new ArrayList<>();
    if (c.required()) {
      out.add("CASE WHEN " + t + " IS NULL THEN " + q(n + ": required value is missing") + " END");
    }
    String unparsed = t + " IS NOT NULL AND " + v + " IS NULL";
    switch (c.kind()) {
      case STRING -> {
        if (!c.allowed().isEmpty()) {
          out.add("CASE WHEN " + t + " IS NOT NULL AND lower(" + t + ") NOT IN (" + c.allowed().stream()
              .map(DuckDbSql::q).collect(Collectors.joining(", ")) + ") THEN "
              + q(n + ": must be one of " + String.join(", ", c.allowed())) + " END");
        }
      }
      case INT -> out.add("CASE WHEN " + unparsed + " THEN CASE WHEN " + full(t, THOUSANDS_RE) + " THEN "
          + q(n + ": thousands separators are not accepted (write 1000, not 1,000)") + " WHEN " + full(t, DIGITS_RE)
          + " THEN " + q(n + ": too large for a whole number (int)") + " ELSE " + q(n + ": not a whole number")
          + " END END");
      case DATE -> out.add("CASE WHEN " + unparsed + " THEN CASE WHEN " + full(t, DATE_RE) + " THEN "
          + q(n + ": no such calendar date") + " ELSE " + q(n + ": not an ISO date (yyyy-MM-dd)") + " END END");
      case BOOLEAN -> out.add("CASE WHEN " + unparsed + " THEN " + q(n + ": not true or false") + " END");
      case AMOUNT, RATE -> {
        int scale = scale(c.kind());
        String places = "CASE WHEN contains(" + t + ", '.') THEN length(" + t + ") - strpos(" + t + ", '.') ELSE 0 END";
        String digits = "length(ltrim(split_part(ltrim(" + t + ", '+-'), '.', 1), '0'))";
        out.add("CASE WHEN " + unparsed + " THEN CASE WHEN " + full(t, PLAIN_RE) + " THEN CASE WHEN " + places
            + " > " + scale + " THEN " + q(n + ": more than " + scale + " decimal places") + " END WHEN "
            + full(t, THOUSANDS_RE) + " THEN "
            + q(n + ": thousands separators are not accepted (write 12345.67, not 12,345.67)") + " ELSE "
            + q(n + ": not a plain decimal number (digits with an optional '.'; no exponent, NaN or Infinity)")
            + " END END");
        out.add("CASE WHEN " + unparsed + " AND " + full(t, PLAIN_RE) + " AND " + digits + " > "
            + integerDigits(c.kind()) + " THEN " + q(n + ": too large for " + jobType(c.kind())) + " END");
      }
      default -> throw new IllegalStateException();
    }
    if (c.min() != null) {
      out.add("CASE WHEN " + v + " < " + c.min() + " THEN " + q(n + ": below " + c.min()) + " END");
    }
    if (c.max() != null) {
      out.add("CASE WHEN " + v + " > " + c.max() + " THEN " + q(n + ": above " + c.max()) + " END");
    }
    return out;
  }

  /** A field as the job's CSV writer would give it back: quoted where it must be, empty for null. */
  static String csvField(String v) {
    return "CASE WHEN " + v + " IS NULL THEN '' WHEN regexp_matches(" + v + ", '[\",\\r\\n]') THEN '\"' || replace("
        + v + ", '\"', '\"\"') || '\"' ELSE " + v + " END";
  }

  /**
   * The job's verdict on each row of {@code rel} (see {@link #read}): every column of {@code rel},
   * {@code t_<column>} (normalised text), {@code v_<column>} (typed value of the output columns),
   * {@code reasons} (every rule the row breaks, empty when it is accepted; the duplicate-id rule
   * too when {@code duplicates} names a table of the delivery's duplicated ids), {@code content}
   * (the normalised text of every column) and {@code raw_record} (the row's text).
   */
  public static String judgeLayer(Schema s, String rel, String duplicates) {
    StringBuilder t = new StringBuilder("SELECT *");
    for (Col c : s.cols()) {
      t.append(",\n  ").append(normalized(c.kind(), x(c.name()))).append(" AS t_").append(c.name());
    }
    t.append("\nFROM ").append(rel);
    StringBuilder v = new StringBuilder("SELECT *");
    for (Col c : s.cols()) {
      v.append(",\n  ").append(value(c, "t_" + c.name())).append(" AS v_").append(c.name());
    }
    v.append("\nFROM (").append(t).append(")");
    List<String> reasons = new ArrayList<>();
    String allText = "concat_ws(chr(1), " + s.cols().stream().map(c -> x(c.name())).collect(Collectors.joining(", "))
        + ", array_to_string(x__extra, chr(1)))";
    reasons.add("CASE WHEN contains(" + allText + ", chr(65533)) THEN " + q(BAD_TEXT) + " END");
    reasons.add("CASE WHEN contains(" + allText + ", chr(0)) THEN " + q(NUL) + " END");
    for (Col c : s.cols()) {
      reasons.addAll(reasons(c, "t_" + c.name(), "v_" + c.name()));
    }
    for (Rule r : s.rules()) {
      reasons.add("CASE WHEN " + rule(s, r, "v_", n -> "t_" + n + " IS NULL") + " THEN " + q(r.reason()) + " END");
    }
    String raw = "concat_ws(',', " + s.cols().stream().map(c -> csvField(x(c.name()))).collect(Collectors.joining(", "))
        + ", array_to_string(list_transform(x__extra, e -> " + csvField("e") + "), ','))";
    StringBuilder r = new StringBuilder("SELECT *,\n  list_filter([")
        .append(String.join(",\n    ", reasons)).append("], r -> r IS NOT NULL) AS row_reasons,\n  row(")
        .append(s.cols().stream().map(c -> "t_" + c.name()).collect(Collectors.joining(", ")))
        .append(") AS content,\n  ").append(raw).append(" AS raw_record\nFROM (").append(v).append(")");
    if (duplicates == null) {
      return "SELECT *, row_reasons AS reasons FROM (" + r + ")";
    }
    // The rule across rows, over the copies of the duplicated ids only (these rows are few).
    String d = "SELECT *, coalesce(v_customer_id IN (SELECT customer_id FROM " + duplicates + "), false) AS is_copy\n"
        + "FROM (" + r + ")";
    String w = "SELECT *,\n"
        + "  min(content) OVER (PARTITION BY is_copy, v_customer_id) <> max(content) OVER (PARTITION BY is_copy,"
        + " v_customer_id) AS variants,\n"
        + "  row_number() OVER (PARTITION BY is_copy, v_customer_id, content ORDER BY source_file, raw_record)"
        + " AS copy_no\nFROM (" + d + ")";
    return "SELECT *, list_concat(row_reasons, CASE WHEN is_copy AND variants THEN [" + q(VARIANTS)
        + "] WHEN is_copy AND copy_no > 1 THEN [" + q(LATER_COPY) + "] ELSE CAST([] AS VARCHAR[]) END) AS reasons\n"
        + "FROM (" + w + ")";
  }

  /** The duplicated ids of some text rows: one row per normalised customer_id that has more than one row. */
  public static String duplicateIds(String rowsRel) {
    return "SELECT customer_id FROM (SELECT " + normalizedId() + " AS customer_id FROM " + rowsRel + ")\n"
        + "WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING count(*) > 1";
  }

  /** {@code city, snapshot_year} and the output columns of a layer's typed values ({@code f_} or {@code v_}). */
  public static String outputColumns(Schema s, String prefix) {
    return "city, snapshot_year, " + s.output().stream().map(c -> prefix + c.name() + " AS " + c.name())
        .collect(Collectors.joining(", "));
  }

  /** The rows set aside by the CSV reader ({@code store_rejects}), as rejected rows with the job's reasons. */
  public static String unreadable(String city, int year, String errorsTable, String scansTable) {
    return "SELECT " + q(city) + " AS city, " + year + " AS snapshot_year, s.file_path AS source_file,"
        + " any_value(e.csv_line) AS raw_record,\n"
        + "  list_filter([CASE WHEN bool_or(e.error_type <> 'INVALID ENCODING') THEN " + q(MALFORMED) + " END,"
        + " CASE WHEN bool_or(e.error_type = 'INVALID ENCODING') THEN " + q(BAD_TEXT) + " END], r -> r IS NOT NULL)"
        + " AS reasons\n"
        + "FROM " + errorsTable + " e JOIN " + scansTable + " s ON e.scan_id = s.scan_id AND e.file_id = s.file_id\n"
        + "GROUP BY s.file_path, e.line";
  }
}
