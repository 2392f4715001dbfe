package com.customerrating.bench;

import com.customerrating.bench.BenchSql.Delivery;
import com.customerrating.bench.BenchSql.Dialect;
import com.customerrating.bench.DuckDbSql.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DuckDB contender of {@code jobs/benchmark.sh}: the job's work in one in-process DuckDB
 * (JDBC), from the landing-zone CSVs to Parquet partitioned by city and snapshot_year, with the
 * SQL of {@link DuckDbSql}. Started by {@link Benchmark} in a JVM of its own so that its peak
 * memory is measured alone.
 *
 * <pre>DuckDbRunner --input-root DIR --out DIR [--db FILE] [--memory 12GB] [--threads N]</pre>
 *
 * <p>The database is a file ({@code --db}, default {@code <out>/../duckdb/bench.duckdb}) with its
 * temporary directory beside it, so that aggregations, windows and sorts larger than
 * {@code memory_limit} spill to disk; threads default to the machine's cores. Per delivery (city
 * and year), two scans of its CSV files, each an ordinary parallel DuckDB pipeline:
 *
 * <ol>
 *   <li><b>check</b>: the fast layer's {@code ok} on every row, grouped by the hash of the
 *       normalised customer_id ({@code GROUP BY ... HAVING count(*) > 1}, keeping the rows that
 *       are not {@code ok}: {@link DuckDbSql#check}); lines the CSV reader cannot parse are set
 *       aside with {@code store_rejects};
 *   <li><b>judge</b> (small): the suspect rows through the full layer, with every reason; where an
 *       id hash has more than one row, those rows are read again, grouped by the id itself
 *       ({@code GROUP BY customer_id HAVING count(*) > 1}) and their content compared (the
 *       duplicate-id rule);
 *   <li><b>score and write</b>: the {@code ok} rows (without the duplicated ids) and the judged
 *       rows without a reason, rated with {@code rank()} and {@code count(*)} windows partitioned
 *       by city and snapshot_year ({@link BenchSql#valueRatings}, {@link BenchSql#conversionRatings})
 *       and written with {@code COPY ... (FORMAT PARQUET, PARTITION_BY (city, snapshot_year))};
 *       then the rejected rows with all their reasons ({@code rejected_<dataset>}: source file,
 *       raw record, reasons).
 * </ol>
 *
 * <p>Not reproduced from the job: the encoding probe of each file's first 64 KiB (DuckDB reads
 * UTF-8; a line that is not is set aside as rejected), GBK files, and the job's reasons for the
 * fields of a line that does not parse as CSV (DuckDB sets the line aside whole: it gets the
 * row reason only). The raw text of a rejected row lists the schema's columns in schema order.
 */
public final class DuckDbRunner {

  private DuckDbRunner() {}

  /** City folder → model, as conf/datasets.yaml ships it. */
  static boolean isValueCity(String city) {
    return "chengdu".equals(city);
  }

  /** What one run did, per delivery: rows read, accepted, rejected, and the phase times. */
  record Result(List<String> lines, long read, long accepted, long rejected) {}

  public static void main(String[] args) throws Exception {
    String input = null;
    String out = null;
    String db = null;
    String memory = "12GB";
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input-root" -> input = args[++i];
        case "--out" -> out = args[++i];
        case "--db" -> db = args[++i];
        case "--memory" -> memory = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (input == null || out == null) {
      throw new IllegalArgumentException(
          "usage: DuckDbRunner --input-root DIR --out DIR [--db FILE] [--memory 12GB] [--threads N]");
    }
    Path outDir = Path.of(out).toAbsolutePath();
    Path dbFile = db != null ? Path.of(db).toAbsolutePath()
        : outDir.resolveSibling("duckdb").resolve("bench.duckdb");
    Result r = run(Path.of(input), outDir, dbFile, memory, threads);
    r.lines().forEach(System.out::println);
  }

  /** Runs every delivery of the landing zone; the database file is removed at the end. */
  /** Settings under which a connection's work larger than {@code memory} spills to {@code temp} instead of failing. */
  static void spillable(Statement st, String memory, Path temp) throws SQLException {
    st.execute("SET memory_limit = " + DuckDbSql.q(memory));
    st.execute("SET temp_directory = " + DuckDbSql.q(temp.toString()));
    st.execute("SET preserve_insertion_order = false");
  }

  static Result run(Path input, Path outDir, Path dbFile, String memory, int threads) throws Exception {
    List<Delivery> deliveries = discover(input);
    Files.createDirectories(outDir);
    Files.createDirectories(dbFile.getParent());
    Path temp = dbFile.resolveSibling(dbFile.getFileName() + ".tmp");
    long t0 = System.nanoTime();
    List<String> lines = new ArrayList<>();
    List<String> phases = new ArrayList<>();
    long read = 0;
    long accepted = 0;
    long rejected = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dbFile);
        Statement st = c.createStatement()) {
      spillable(st, memory, temp);
      st.execute("SET threads = " + threads);
      int n = 0;
      for (Delivery d : deliveries) {
        n++;
        long[] counts = delivery(st, d, "d" + n, outDir, phases);
        read += counts[0];
        accepted += counts[1];
        rejected += counts[2];
        lines.add(String.format(Locale.ROOT, "duckdb %s/%d (%s): %d rows read, %d accepted, %d rejected", d.city(),
            d.year(), schema(d).name(), counts[0], counts[1], counts[2]));
      }
    } finally {
      Files.deleteIfExists(dbFile);
      Files.deleteIfExists(dbFile.resolveSibling(dbFile.getFileName() + ".wal"));
      Benchmark.deleteTree(temp);
    }
    lines.add(String.format(Locale.ROOT, "duckdb time: %.1fs (%s)", (System.nanoTime() - t0) / 1e9,
        String.join(", ", phases)));
    return new Result(lines, read, accepted, rejected);
  }

  static Schema schema(Delivery d) {
    return isValueCity(d.city()) ? DuckDbSql.CUSTOMERS : DuckDbSql.CONSULTATIONS;
  }

  /** One city and year: {rows read, accepted, rejected}. */
  private static long[] delivery(Statement st, Delivery d, String id, Path outDir, List<String> phases)
      throws Exception {
    Schema s = schema(d);
    boolean value = isValueCity(d.city());
    LocalDate asOf = LocalDate.of(d.year(), 12, 31);
    Map<List<String>, List<String>> groups = new LinkedHashMap<>();
    for (String f : d.files()) {
      List<String> header = header(Path.of(f));
      List<String> missing = s.headerColumns().stream().filter(h -> !header.contains(h)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(f + ": missing required column" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing));
      }
      groups.computeIfAbsent(header, k -> new ArrayList<>()).add(f);
    }
    boolean extras = groups.keySet().stream().anyMatch(h -> !s.names().containsAll(h));
    String name = d.city() + "/" + d.year();

    // 1. One pass over every row: the fast layer's ok, and a count per hash of the normalised id,
    //    keeping the rows that are not ok.
    long t = System.nanoTime();
    String check = "check_" + id;
    st.execute("CREATE OR REPLACE TABLE " + check + " AS "
        + DuckDbSql.check(s, "(" + DuckDbSql.fastLayer(s, "(" + rows(s, d, asOf, groups, id, true) + ")", extras) + ")"));
    long candidates = scalar(st, "SELECT count(*) FROM " + check + " WHERE copies > 1");
    phases.add(String.format(Locale.ROOT, "%s check %.1fs", name, (System.nanoTime() - t) / 1e9));

    // 2. Every reason of the suspect rows, and of every row of an id that occurs more than once:
    //    those rows read again and grouped by the id itself, their content compared.
    t = System.nanoTime();
    String judgeInput = DuckDbSql.suspects(check);
    long duplicated = 0;
    if (candidates > 0) {
      st.execute("CREATE OR REPLACE TABLE copies_" + id + " AS "
          + DuckDbSql.candidates("(" + rows(s, d, asOf, groups, id, false) + ")", check));
      st.execute("CREATE OR REPLACE TABLE dup_" + id + " AS " + DuckDbSql.duplicateIds("copies_" + id));
      duplicated = scalar(st, "SELECT count(*) FROM dup_" + id);
      judgeInput += "\nUNION ALL BY NAME\nSELECT * FROM copies_" + id;
    }
    st.execute("CREATE OR REPLACE TABLE judged_" + id + " AS SELECT source_file, raw_record, reasons, "
        + DuckDbSql.outputColumns(s, "v_") + " FROM ("
        + DuckDbSql.judgeLayer(s, "(" + judgeInput + ")", candidates > 0 ? "dup_" + id : null) + ")");
    List<String> unreadable = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      unreadable.add(DuckDbSql.unreadable(d.city(), d.year(), "rej_errors_" + id + "_" + g, "rej_scans_" + id + "_" + g));
    }
    st.execute("CREATE OR REPLACE TABLE unreadable_" + id + " AS " + String.join("\nUNION ALL\n", unreadable));
    long judged = scalar(st, "SELECT count(*) FROM judged_" + id);
    phases.add(String.format(Locale.ROOT, "%s judge %.1fs (%d rows judged, %d ids duplicated)", name,
        (System.nanoTime() - t) / 1e9, judged, duplicated));

    // 3. Score the accepted rows and write them; then the rejected rows.
    t = System.nanoTime();
    String accepted = "(SELECT *, true AS accepted FROM (SELECT " + DuckDbSql.outputColumns(s, "f_") + " FROM ("
        + DuckDbSql.fastLayer(s, "(" + rows(s, d, asOf, groups, id, false) + ")", extras) + ") WHERE ok"
        + (candidates > 0 ? " AND hash(f_customer_id) NOT IN (SELECT id_hash FROM " + check + " WHERE copies > 1)" : "")
        + "\nUNION ALL BY NAME\nSELECT * EXCLUDE (source_file, raw_record, reasons) FROM judged_" + id
        + " WHERE len(reasons) = 0))";
    long rated = copy(st, value ? BenchSql.valueRatings(Dialect.DUCKDB, accepted)
        : BenchSql.conversionRatings(Dialect.DUCKDB, accepted), outDir.resolve(value ? "value_ratings" : "conversion_ratings"), id);
    long rejected = copy(st, "SELECT city, snapshot_year, source_file, raw_record, reasons FROM judged_" + id
        + " WHERE len(reasons) > 0 UNION ALL SELECT * FROM unreadable_" + id, outDir.resolve("rejected_" + s.name()), id);
    phases.add(String.format(Locale.ROOT, "%s score_write %.1fs", name, (System.nanoTime() - t) / 1e9));
    for (String table : List.of("check_", "copies_", "dup_", "judged_", "unreadable_")) {
      st.execute("DROP TABLE IF EXISTS " + table + id);
    }
    return new long[] {rated + rejected, rated, rejected};
  }

  /**
   * The text rows of a delivery, one {@code read_csv} per header shape.
   *
   * @param keepRejects set unreadable lines aside in {@code rej_errors_<id>_<g>} (else skip them)
   */
  private static String rows(Schema s, Delivery d, LocalDate asOf, Map<List<String>, List<String>> groups,
      String id, boolean keepRejects) {
    List<String> parts = new ArrayList<>();
    int g = 0;
    for (Map.Entry<List<String>, List<String>> e : groups.entrySet()) {
      String errors = keepRejects ? "store_rejects = true, rejects_table = 'rej_errors_" + id + "_" + g
          + "', rejects_scan = 'rej_scans_" + id + "_" + g + "'" : "ignore_errors = true";
      parts.add(DuckDbSql.read(s, d.city(), d.year(), asOf, e.getValue(), e.getKey(), errors));
      g++;
    }
    return String.join("\nUNION ALL\n", parts);
  }

  /** Writes a query's rows as Parquet partitioned by city and snapshot_year; returns the row count. */
  private static long copy(Statement st, String query, Path target, String id) throws SQLException {
    return st.executeLargeUpdate("COPY (" + query + ") TO " + DuckDbSql.q(target.toString())
        + " (FORMAT PARQUET, PARTITION_BY (city, snapshot_year), OVERWRITE_OR_IGNORE, FILENAME_PATTERN "
        + DuckDbSql.q(id + "_{i}") + ")");
  }

  private static long scalar(Statement st, String query) throws SQLException {
    try (ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A CSV file's header: its first line split at commas (quotes removed), BOM and blanks trimmed. */
  static List<String> header(Path file) throws IOException {
    String line;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      line = r.readLine();
    }
    if (line == null) {
      throw new IllegalArgumentException(file + ": empty file, no header row");
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out.stream().map(h -> h.replace("\uFEFF", "").trim()).collect(Collectors.toList());
  }

  /** {@code <root>/<city>/<year>/*.csv}. */
  static List<Delivery> discover(Path root) throws IOException {
    List<Delivery> out = new ArrayList<>();
    try (Stream<Path> cities = Files.list(root)) {
      for (Path city : cities.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> years = Files.list(city)) {
          for (Path year : years.filter(p -> p.getFileName().toString().matches("[0-9]{4}")).sorted().toList()) {
            try (Stream<Path> files = Files.list(year)) {
              List<String> csv = files.map(Path::toString).filter(f -> f.endsWith(".csv")).sorted().toList();
              if (!csv.isEmpty()) {
                out.add(new Delivery(city.getFileName().toString(), Integer.parseInt(year.getFileName().toString()),
                    csv.stream().map(f -> Path.of(f).toAbsolutePath().toString()).toList()));
              }
            }
          }
        }
      }
    }
    return out;
  }
}
