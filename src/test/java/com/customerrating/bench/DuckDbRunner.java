package com.customerrating.bench;

import com.customerrating.bench.BenchSql.Delivery;
import com.customerrating.bench.BenchSql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DuckDB contender of {@code jobs/benchmark.sh}: the job's work in one in-process DuckDB
 * (JDBC), from the landing-zone CSVs to Parquet partitioned by city and snapshot_year. Started by
 * {@link Benchmark} in a JVM of its own so that its peak memory is measured alone.
 *
 * <pre>DuckDbRunner --input-root DIR --out DIR [--memory 4GB] [--threads N]</pre>
 */
public final class DuckDbRunner {

  private DuckDbRunner() {}

  /** City folder → model, as conf/datasets.yaml ships it. */
  static boolean isValueCity(String city) {
    return "chengdu".equals(city);
  }

  public static void main(String[] args) throws Exception {
    String input = null;
    String out = null;
    String memory = "4GB";
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input-root" -> input = args[++i];
        case "--out" -> out = args[++i];
        case "--memory" -> memory = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (input == null || out == null) {
      throw new IllegalArgumentException("usage: DuckDbRunner --input-root DIR --out DIR [--memory 4GB] [--threads N]");
    }
    List<Delivery> deliveries = discover(Path.of(input));
    Path outDir = Path.of(out);
    Files.createDirectories(outDir);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET memory_limit = '" + memory + "'");
      st.execute("SET threads = " + threads);
      st.execute("SET temp_directory = '" + outDir.resolve(".spill") + "'");
      st.execute("SET preserve_insertion_order = false");
      List<String> phases = new ArrayList<>();
      for (boolean value : new boolean[] {false, true}) {
        List<Delivery> ds = deliveries.stream().filter(d -> isValueCity(d.city()) == value).toList();
        if (ds.isEmpty()) {
          continue;
        }
        String name = value ? "customers" : "consultations";
        List<String> columns = value ? BenchSql.CUSTOMER_COLUMNS : BenchSql.CONSULTATION_COLUMNS;
        long t = System.nanoTime();
        st.execute("CREATE TEMP TABLE " + name + "_v AS "
            + (value ? BenchSql.validatedCustomers(Dialect.DUCKDB, "(" + raw(ds) + ")")
                : BenchSql.validatedConsultations(Dialect.DUCKDB, "(" + raw(ds) + ")")));
        long read;
        long accepted;
        try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE accepted) FROM " + name + "_v")) {
          rs.next();
          read = rs.getLong(1);
          accepted = rs.getLong(2);
        }
        phases.add(String.format(Locale.ROOT, "%s read_validate %.1fs", name, (System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        String table = value ? "value_ratings" : "conversion_ratings";
        copy(st, value ? BenchSql.valueRatings(Dialect.DUCKDB, name + "_v")
            : BenchSql.conversionRatings(Dialect.DUCKDB, name + "_v"), outDir.resolve(table));
        if (read > accepted) {
          copy(st, BenchSql.rejected(name + "_v", columns), outDir.resolve("rejected_" + name));
        }
        phases.add(String.format(Locale.ROOT, "%s score_write %.1fs", name, (System.nanoTime() - t) / 1e9));
        st.execute("DROP TABLE " + name + "_v");
        System.out.printf(Locale.ROOT, "duckdb %s: %d rows read, %d accepted, %d rejected%n", name, read, accepted,
            read - accepted);
      }
      System.out.printf(Locale.ROOT, "duckdb time: %.1fs (%s)%n", (System.nanoTime() - t0) / 1e9,
          String.join(", ", phases));
    }
  }

  private static void copy(Statement st, String query, Path target) throws SQLException {
    st.execute("COPY (" + query + ") TO '" + target.toString().replace("'", "''")
        + "' (FORMAT PARQUET, PARTITION_BY (city, snapshot_year), OVERWRITE_OR_IGNORE)");
  }

  /** The text rows of some deliveries, with city, year, as-of date and source file. */
  static String raw(List<Delivery> ds) {
    return ds.stream().map(d -> "SELECT '" + d.city() + "' AS city, " + d.year() + " AS snapshot_year, DATE '"
        + d.year() + "-12-31' AS as_of_date, filename AS source_file, * EXCLUDE (filename) FROM read_csv(["
        + d.files().stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", "))
        + "], header = true, all_varchar = true, filename = true, delim = ',', quote = '\"', escape = '\"')")
        .collect(Collectors.joining("\nUNION ALL\n"));
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
