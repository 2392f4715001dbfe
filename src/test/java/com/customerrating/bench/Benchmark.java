package com.customerrating.bench;

import com.customerrating.sample.SampleDataGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code jobs/benchmark.sh}: the rating job against its peers on the same generated landing zone.
 * Each contender runs in a child JVM; the harness measures its wall time and its peak resident
 * memory ({@code VmHWM} of {@code /proc/<pid>/status}, polled), then checks that the rating
 * contenders produced the same tier or grade for every (city, year, customer). Its last line is
 * {@code ratio job/duckdb: X.XX}; a mismatch or a failed contender exits 1.
 *
 * <p>Contenders ({@code --only} picks some, in the order given; default all four):
 * <ul>
 *   <li>{@code job}: {@code RatingJob}, as {@code jobs/run-local.sh} runs it;
 *   <li>{@code duckdb}: {@link DuckDbRunner}, the same work in DuckDB as a DuckDB user would write
 *       it ({@link DuckDbSql}: every rule of the job, the job's reasons for rejected rows), on an
 *       on-disk database under its work folder, threads = cores;
 *   <li>{@code floor}: {@link FloorRunner}, the same Spark reading every CSV file as text and
 *       writing it as Parquet partitioned by city and year, nothing else: the least any Spark job
 *       over these files costs. It rates nothing and is not in the tier check;
 *   <li>{@code naive}: {@link NaiveSparkRunner}, a straightforward Spark SQL script.
 * </ul>
 * Ratios: {@code ratio job/naive}, {@code ratio job/floor}, then {@code ratio job/duckdb} (last).
 *
 * <p>Rows: {@code --rows N} Chengdu rows (value model: two percentile rankings) plus
 * {@code N / 10} Hangzhou rows (conversion model), one snapshot year (2025); rows per second
 * count both. The job writes what the peers write (ratings, plus its quarantine and run_log);
 * {@code --with-analytics} adds its analytics tables and HTML reports. The data is generated once under {@code data/bench/<N>/input} and reused.
 *
 * <p>System properties from the script: {@code bench.classpath} (the children's classpath),
 * {@code bench.jvmFlags} (the Java 17 flags of run-local), {@code bench.largeInputBytes} and
 * {@code bench.largeInputJvmFlags} (the flags run-local adds from that size of landing zone on, given
 * to the Spark contenders alike), {@code bench.log4j}.
 */
public final class Benchmark {

  record Measured(String name, int exit, double seconds, long peakRssKb, String loadBefore, String loadAfter,
      List<String> stdout) {}

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 0;
    int files = 0;
    long hangzhouRows = -1;
    String heap = "4g";
    String duckMemory = "12GB";
    boolean eventLog = false;
    boolean analytics = false;
    List<String> contenders = List.of("job", "duckdb", "floor", "naive");
    List<String> jobExtra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--hangzhou-rows" -> hangzhouRows = Long.parseLong(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--duckdb-memory" -> duckMemory = args[++i];
        case "--event-log" -> eventLog = true;
        case "--with-analytics" -> analytics = true;
        case "--only" -> contenders = Arrays.asList(args[++i].split(","));
        case "--job-opt" -> jobExtra.add(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (rows <= 0 || rows > Integer.MAX_VALUE) {
      System.err.println("usage: benchmark.sh --rows N [--files K] [--hangzhou-rows M] [--heap 4g]"
          + " [--duckdb-memory 12GB] [--event-log] [--with-analytics] [--only job,duckdb,floor,naive]"
          + " [--job-opt -Dkey=value]");
      System.exit(2);
    }
    if (files <= 0) {
      files = (int) Math.max(4, Math.min(64, (rows + 999_999) / 1_000_000));
    }
    if (hangzhouRows < 0) {
      hangzhouRows = Math.max(1, rows / 10);
    }
    Path base = Path.of("data", "bench", Long.toString(rows)).toAbsolutePath();
    Path input = base.resolve("input");
    ensureData(input, rows, hangzhouRows, files);
    long totalRows = rows + hangzhouRows;

    Path work = base.resolve("work");
    String cp = System.getProperty("bench.classpath");
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + heap);
    jvm.addAll(Arrays.asList(System.getProperty("bench.jvmFlags", "").trim().split("\\s+")));
    if (sizeOf(input) >= Long.getLong("bench.largeInputBytes", Long.MAX_VALUE)) {
      // the JIT settings jobs/run-local.sh gives a landing zone of this size (jobs/common.sh)
      jvm.addAll(Arrays.asList(System.getProperty("bench.largeInputJvmFlags", "").trim().split("\\s+")));
    }
    jvm.add("-Duser.timezone=UTC");
    if (System.getProperty("bench.log4j") != null) {
      jvm.add("-Dlog4j.configurationFile=" + System.getProperty("bench.log4j"));
    }
    jvm.removeIf(String::isEmpty);

    Map<String, Measured> results = new LinkedHashMap<>();
    boolean failed = false;
    for (String who : contenders) {
      Path dir = work.resolve(who);
      deleteTree(dir);
      Files.createDirectories(dir);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      switch (who) {
        case "job" -> {
          cmd.addAll(jvm);
          if (eventLog) {
            Files.createDirectories(dir.resolve("eventlog"));
            cmd.add("-Dspark.eventLog.enabled=true");
            cmd.add("-Dspark.eventLog.dir=file:" + dir.resolve("eventlog"));
          }
          cmd.addAll(jobExtra);
          cmd.addAll(List.of("-cp", cp, "com.customerrating.job.RatingJob", "--input-root", input.toString(),
              "--warehouse", dir.resolve("warehouse").toString(), "--quarantine", dir.resolve("quarantine").toString(),
              "--reports", dir.resolve("reports").toString(), "--ranking", "auto", "--run-id", "bench-" + rows));
          if (!analytics) {
            // The peers rate and write; the analytics tables and HTML reports are extra work they do not do.
            cmd.add("--skip-analytics");
          }
        }
        case "duckdb" -> {
          cmd.add("-Xmx512m");
          cmd.addAll(List.of("-cp", cp, DuckDbRunner.class.getName(), "--input-root", input.toString(),
              "--out", dir.resolve("out").toString(), "--db", dir.resolve("bench.duckdb").toString(),
              "--memory", duckMemory));
        }
        case "floor" -> {
          cmd.addAll(jvm);
          cmd.addAll(List.of("-cp", cp, FloorRunner.class.getName(), "--input-root", input.toString(),
              "--out", dir.resolve("out").toString()));
        }
        case "naive" -> {
          cmd.addAll(jvm);
          cmd.addAll(List.of("-cp", cp, NaiveSparkRunner.class.getName(), "--input-root", input.toString(),
              "--out", dir.resolve("out").toString()));
        }
        default -> throw new IllegalArgumentException("unknown contender " + who);
      }
      System.out.println("== " + who + " (load " + loadAverage() + ")");
      Measured m = run(who, cmd, dir.resolve(who + ".log"));
      results.put(who, m);
      for (String l : m.stdout()) {
        if (!l.isBlank()) {
          System.out.println("   " + l);
        }
      }
      if (m.exit() != 0) {
        System.out.println("   " + who + " exited " + m.exit() + ": see " + dir.resolve(who + ".log"));
        failed = true;
      }
      if ("job".equals(who) && eventLog) {
        printStages(dir.resolve("eventlog"));
      }
    }

    System.out.println();
    for (Measured m : results.values()) {
      System.out.printf(Locale.ROOT, "%-6s wall %7.1fs  %,10.0f rows/s  peak RSS %6.2f GiB  (load %s -> %s)%n",
          m.name(), m.seconds(), totalRows / m.seconds(), m.peakRssKb() / 1048576.0, m.loadBefore(), m.loadAfter());
    }
    System.out.printf(Locale.ROOT, "rows: %,d chengdu (value model) + %,d hangzhou (conversion model), %d files each%n",
        rows, hangzhouRows, files);

    List<String> rated = results.keySet().stream().filter(w -> !"floor".equals(w)).toList();
    if (!failed && rated.size() > 1) {
      failed = !compare(work, rated, duckMemory);
    }
    Measured job = results.get("job");
    Measured naive = results.get("naive");
    if (job != null && naive != null) {
      System.out.printf(Locale.ROOT, "ratio job/naive: %.2f%n", job.seconds() / naive.seconds());
    }
    Measured floor = results.get("floor");
    if (job != null && floor != null) {
      System.out.printf(Locale.ROOT, "ratio job/floor: %.2f%n", job.seconds() / floor.seconds());
    }
    Measured duck = results.get("duckdb");
    if (job != null && duck != null) {
      System.out.printf(Locale.ROOT, "ratio job/duckdb: %.2f%n", job.seconds() / duck.seconds());
    }
    System.exit(failed ? 1 : 0);
  }

  /** The bytes of the regular files under {@code dir}: the landing zone's size, as run-local weighs it. */
  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }

  /** Generates the landing zone unless a complete one with the same shape is there. */
  static void ensureData(Path input, long rows, long hangzhouRows, int files) throws IOException {
    Path marker = input.resolve(".complete");
    String shape = "chengdu=" + rows + " hangzhou=" + hangzhouRows + " files=" + files + " years=2025\n";
    if (Files.exists(marker) && Files.readString(marker).equals(shape)) {
      System.out.println("reusing " + input + " (" + shape.trim() + ")");
      return;
    }
    deleteTree(input);
    long t = System.nanoTime();
    SampleDataGenerator.generate(input, new SampleDataGenerator.Options().years(List.of(2025))
        .cities(List.of(SampleDataGenerator.CHENGDU)).rows((int) rows).files(files));
    SampleDataGenerator.generate(input, new SampleDataGenerator.Options().years(List.of(2025))
        .cities(List.of(SampleDataGenerator.HANGZHOU)).rows((int) hangzhouRows)
        .files((int) Math.max(1, Math.min(files, (hangzhouRows + 249_999) / 250_000))));
    Files.writeString(marker, shape);
    System.out.printf(Locale.ROOT, "generated %s (%s) in %.1fs%n", input, shape.trim(), (System.nanoTime() - t) / 1e9);
  }

  /** Runs one contender, polling its peak RSS; its stdout is kept, stderr goes to the log. */
  static Measured run(String name, List<String> cmd, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    Path outFile = log.resolveSibling(name + ".out");
    pb.redirectOutput(outFile.toFile());
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    Process p = pb.start();
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long peak = 0;
    while (p.isAlive()) {
      try {
        peak = Math.max(peak, BenchSql.vmHwmKb(Files.readString(status)));
      } catch (IOException gone) {
        // exited between the check and the read
      }
      Thread.sleep(100);
    }
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Measured(name, exit, seconds, peak, loadBefore, loadAverage(),
        Files.readAllLines(outFile, StandardCharsets.UTF_8));
  }

  /**
   * Checks that every contender produced the same (city, year, customer_id, tier) rows, per model. It runs after
   * the contenders, so it takes DuckDB's memory limit, with a temporary directory under {@code work} to spill to:
   * the set differences of 40M rows need more than a few GB.
   */
  static boolean compare(Path work, Iterable<String> contenders, String memoryLimit) throws Exception {
    Map<String, String[]> globs = new LinkedHashMap<>();
    for (String who : contenders) {
      String root = switch (who) {
        case "job" -> work.resolve("job").resolve("warehouse").toString();
        default -> work.resolve(who).resolve("out").toString();
      };
      globs.put(who, new String[] {root + "/value_ratings/*/*/*.parquet", root + "/conversion_ratings/*/*/*.parquet"});
    }
    boolean ok = true;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      DuckDbRunner.spillable(st, memoryLimit, work.resolve("check.tmp"));
      String ref = globs.containsKey("duckdb") ? "duckdb" : globs.keySet().iterator().next();
      for (int model = 0; model < 2; model++) {
        String table = model == 0 ? "value_ratings" : "conversion_ratings";
        String tier = model == 0 ? "tier" : "grade";
        String refQuery = BenchSql.tierKeys(globs.get(ref)[model], tier);
        long refRows = count(st, refQuery);
        for (String who : globs.keySet()) {
          if (who.equals(ref)) {
            continue;
          }
          String q = BenchSql.tierKeys(globs.get(who)[model], tier);
          long rows = count(st, q);
          long onlyHere = count(st, BenchSql.missing(q, refQuery));
          long onlyRef = count(st, BenchSql.missing(refQuery, q));
          if (rows == refRows && onlyHere == 0 && onlyRef == 0) {
            System.out.printf(Locale.ROOT, "check %s: %s = %s, %,d rows, same %s per customer%n", table, who, ref,
                rows, tier);
          } else {
            ok = false;
            System.out.printf(Locale.ROOT, "MISMATCH %s: %s has %,d rows, %s %,d; %,d only in %s, %,d only in %s%n",
                table, who, rows, ref, refRows, onlyHere, who, onlyRef, ref);
            try (ResultSet rs = st.executeQuery("SELECT * FROM (" + BenchSql.missing(q, refQuery) + ") LIMIT 5")) {
              while (rs.next()) {
                System.out.printf("   only in %s: %s %s %s %s%n", who, rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4));
              }
            }
            try (ResultSet rs = st.executeQuery("SELECT * FROM (" + BenchSql.missing(refQuery, q) + ") LIMIT 5")) {
              while (rs.next()) {
                System.out.printf("   only in %s: %s %s %s %s%n", ref, rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4));
              }
            }
          }
        }
      }
    }
    return ok;
  }

  private static long count(Statement st, String query) throws Exception {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + query + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The slowest stages of a Spark event log, with their call sites: where the job's time goes. */
  static void printStages(Path dir) throws IOException {
    List<Path> logs;
    try (Stream<Path> s = Files.list(dir)) {
      logs = s.filter(Files::isRegularFile).toList();
    }
    if (logs.isEmpty()) {
      System.out.println("   (no event log in " + dir + ")");
      return;
    }
    for (String line : stageSummary(logs.get(0))) {
      System.out.println("   " + line);
    }
  }

  /** Per stage name (call site): stages, tasks, summed stage seconds; the top 15, slowest first. */
  static List<String> stageSummary(Path eventLog) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, double[]> byName = new LinkedHashMap<>();
    double total = 0;
    try (BufferedReader r = Files.newBufferedReader(eventLog, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.contains("\"SparkListenerStageCompleted\"")) {
          continue;
        }
        JsonNode info = json.readTree(line).get("Stage Info");
        if (info == null || !info.has("Completion Time") || !info.has("Submission Time")) {
          continue;
        }
        double s = (info.get("Completion Time").asLong() - info.get("Submission Time").asLong()) / 1000.0;
        String name = info.get("Stage Name").asText();
        double[] acc = byName.computeIfAbsent(name, k -> new double[3]);
        acc[0]++;
        acc[1] += info.get("Number of Tasks").asInt();
        acc[2] += s;
        total += s;
      }
    }
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "stages by call site (stage seconds, may overlap; total %.1fs):", total));
    byName.entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[2]))
        .limit(15).forEach(e -> out.add(String.format(Locale.ROOT, "%7.1fs %3.0f stage(s) %5.0f tasks  %s",
            e.getValue()[2], e.getValue()[0], e.getValue()[1], e.getKey())));
    return out;
  }

  /** A Spark contender's {@code --input-root DIR --out DIR}. */
  static String[] inputAndOut(String[] args, String main) {
    String input = null;
    String out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input-root" -> input = args[++i];
        case "--out" -> out = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (input == null || out == null) {
      throw new IllegalArgumentException("usage: " + main + " --input-root DIR --out DIR");
    }
    return new String[] {input, out};
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
