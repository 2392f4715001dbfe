package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.customerrating.scoring.RankingMethod;
import com.customerrating.config.JobConfig;
import com.customerrating.job.JobOptions;
import com.customerrating.job.RatingJob;
import com.customerrating.sample.SampleDataGenerator;
import com.customerrating.testing.SparkSessionFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job in-process on the sample data (once for the class): every analytics table, the
 * reports, every notebook query (notebooks/sql/*.sql) and the notebooks themselves. A second run
 * republishes chengdu 2025 under a second model version with other tier thresholds, so
 * value_ratings has two versions for the time-travel queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsEndToEndTest implements SparkSessionFixture {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private Path root;
  private String warehouse;
  private Path reports;
  private String runLog = "";

  @BeforeAll
  void runTheJob() throws Exception {
    root = Files.createTempDirectory("analytics-e2e");
    Path input = root.resolve("input");
    SampleDataGenerator.generate(input, new SampleDataGenerator.Options());
    warehouse = root.resolve("warehouse").toString();
    reports = root.resolve("reports");
    String quarantine = root.resolve("quarantine").toString();
    assertEquals(RatingJob.EXIT_OK, run("conf/datasets.yaml", new JobOptions(input.toString(), warehouse, quarantine,
        "conf/datasets.yaml", Set.of(), Set.of(), "e2e-1", RankingMethod.WINDOW, reports.toString())), runLog);

    // A second model version with other tier thresholds (B from 50, C from 35), for chengdu 2025 only.
    Path conf = root.resolve("conf");
    Files.createDirectories(conf.resolve("models"));
    Files.copy(Path.of("conf/datasets.yaml"), conf.resolve("datasets.yaml"));
    Files.copy(Path.of("conf/report.yaml"), conf.resolve("report.yaml"));
    Files.copy(Path.of("conf/models/consultation-conversion.yaml"), conf.resolve("models/consultation-conversion.yaml"));
    Files.copy(Path.of("conf/models/sales-pipeline.yaml"), conf.resolve("models/sales-pipeline.yaml"));
    Files.writeString(conf.resolve("models/customer-value.yaml"),
        Files.readString(Path.of("conf/models/customer-value.yaml"))
            .replace("{name: B, from: 60, to: 75}", "{name: B, from: 50, to: 75}")
            .replace("{name: C, from: 40, to: 60}", "{name: C, from: 35, to: 50}")
            .replace("{name: D, to: 40}", "{name: D, to: 35}").replace("version: 1", "version: 2"));
    assertEquals(RatingJob.EXIT_OK, run(conf.resolve("datasets.yaml").toString(), new JobOptions(input.toString(),
        warehouse, quarantine, conf.resolve("datasets.yaml").toString(), Set.of("chengdu"), Set.of(2025), "e2e-2",
        RankingMethod.WINDOW, reports.toString())), runLog);
  }

  private int run(String confFile, JobOptions opts) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int code = RatingJob.run(spark(), JobConfig.load(Path.of(confFile)), opts, ps, ps);
    runLog += buf.toString(StandardCharsets.UTF_8);
    return code;
  }

  @AfterAll
  void cleanUp() throws Exception {
    String keep = System.getProperty("analytics.keepReports"); // e.g. -Danalytics.keepReports=/tmp/reports, to look at them
    if (keep != null && Files.isDirectory(reports)) {
      Files.createDirectories(Path.of(keep));
      try (Stream<Path> s = Files.list(reports)) {
        for (Path f : s.toList()) {
          Files.copy(f, Path.of(keep).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private org.apache.spark.sql.Dataset<Row> table(String name) {
    return spark().read().format("delta").load(warehouse + "/" + name);
  }

  @Test
  void everyAnalyticsTableHasItsCityYears() {
    Map<String, Set<String>> expected = Map.of(
        AnalyticsStage.TIER_SUMMARY, Set.of("chengdu/2024", "chengdu/2025", "hangzhou/2024", "hangzhou/2025",
            "suzhou/2024", "suzhou/2025"),
        AnalyticsStage.TIER_MIGRATION, Set.of("chengdu/2025", "hangzhou/2025", "suzhou/2025"),
        AnalyticsStage.MIGRATION_SUMMARY, Set.of("chengdu/2025", "hangzhou/2025", "suzhou/2025"),
        AnalyticsStage.CHURN_ALERTS, Set.of("chengdu/2025", "hangzhou/2025", "suzhou/2025"),
        AnalyticsStage.RFM_SEGMENTS, Set.of("chengdu/2024", "chengdu/2025"),
        AnalyticsStage.CUSTOMER_PYRAMID, Set.of("chengdu/2024", "chengdu/2025"),
        AnalyticsStage.CONVERSION_BY_GRADE, Set.of("hangzhou/2024", "hangzhou/2025", "suzhou/2024", "suzhou/2025"));
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      Set<String> got = new LinkedHashSet<>();
      for (Row r : table(e.getKey()).select("city", "snapshot_year").distinct().collectAsList()) {
        got.add(r.getString(0) + "/" + r.getInt(1));
      }
      assertEquals(e.getValue(), got, e.getKey());
    }
    // The second run rewrote chengdu 2025 only: its rows carry the second run id, the others the first.
    assertEquals(Set.of("e2e-2"), runIds("city = 'chengdu' AND snapshot_year = 2025"));
    assertEquals(Set.of("e2e-1"), runIds("city = 'hangzhou'"));
  }

  private Set<String> runIds(String where) {
    Set<String> out = new LinkedHashSet<>();
    table(AnalyticsStage.TIER_SUMMARY).where(where).select("run_id").distinct().collectAsList()
        .forEach(r -> out.add(r.getString(0)));
    return out;
  }

  @Test
  void sharesAddUpAndFiguresAgree() {
    for (String t : List.of(AnalyticsStage.TIER_SUMMARY, AnalyticsStage.CUSTOMER_PYRAMID)) {
      for (Row r : table(t).groupBy("city", "snapshot_year").agg(
          org.apache.spark.sql.functions.sum("customers"), org.apache.spark.sql.functions.max("total_customers"))
          .collectAsList()) {
        assertEquals(r.getLong(3), r.getLong(2), t + " customers add up for " + r);
      }
    }
    // Upgrades + downgrades + unchanged = customers in both years = sum of the migration matrix.
    for (Row s : table(AnalyticsStage.MIGRATION_SUMMARY).collectAsList()) {
      long retained = s.getAs("retained");
      assertEquals(retained, s.<Long>getAs("upgraded") + s.<Long>getAs("downgraded") + s.<Long>getAs("unchanged"));
      long matrix = table(AnalyticsStage.TIER_MIGRATION)
          .where("city = '" + s.getAs("city") + "' AND snapshot_year = " + s.getAs("snapshot_year"))
          .agg(org.apache.spark.sql.functions.sum("customers")).first().getLong(0);
      assertEquals(retained, matrix);
      long left = table(AnalyticsStage.CHURN_ALERTS)
          .where("city = '" + s.getAs("city") + "' AND snapshot_year = " + s.getAs("snapshot_year")
              + " AND array_contains(reasons, 'left')").count();
      assertEquals(s.<Long>getAs("lost_customers"), left, "every customer gone from the file is an alert");
    }
    for (Row r : table(AnalyticsStage.CONVERSION_BY_GRADE).where("grade = 'A'").collectAsList()) {
      assertTrue(((BigDecimal) r.getAs("lift")).compareTo(BigDecimal.ONE) > 0, "grade A converts above the average");
    }
  }

  @Test
  void reportsAreSelfContainedPages() throws Exception {
    for (String name : List.of("hangzhou_2024", "hangzhou_2025", "chengdu_2024", "chengdu_2025", "suzhou_2024",
        "suzhou_2025")) {
      Path f = reports.resolve(name + ".html");
      assertTrue(Files.isRegularFile(f), f + " missing; log:\n" + runLog);
      String html = Files.readString(f);
      assertTrue(html.contains("<svg"), name + ": inline charts");
      assertTrue(SvgCheck.assertChartsWellFormed(html) >= 3, name + ": every chart is well-formed SVG, text inside");
      Matcher m = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html);
      assertFalse(m.find(), name + ": no network resources");
      assertFalse(html.contains("{{"), name + ": no unrendered template tags");
      assertTrue(html.contains("e2e-"), name + ": names the run");
    }
    String chengdu = Files.readString(reports.resolve("chengdu_2025.html"));
    assertTrue(chengdu.contains("迁移矩阵") && chengdu.contains("Pareto") && chengdu.contains("churn"));
    String hangzhou = Files.readString(reports.resolve("hangzhou_2025.html"));
    assertTrue(hangzhou.contains("Conversion by grade") && hangzhou.contains("Follow-up workload"));
    String suzhou = Files.readString(reports.resolve("suzhou_2025.html"));
    for (String section : new String[] {"Pipeline funnel: D → C → B → A → won / lost", "Overdue", "Follow-up workload",
        "Conversion by grade: 赢单 won", "迁移矩阵", "数据质量与运行", "RFM: skipped", "Pyramid and 80/20: skipped"}) {
      assertTrue(suzhou.contains(section), "suzhou 2025 report: " + section);
    }
    String chengdu2024 = Files.readString(reports.resolve("chengdu_2024.html"));
    assertTrue(chengdu2024.contains("unreachable"), "the seed model's warning (S and A unreachable) is in the report");
    String index = Files.readString(reports.resolve("index.html"));
    for (String name : List.of("hangzhou_2024", "hangzhou_2025", "chengdu_2024", "chengdu_2025", "suzhou_2024",
        "suzhou_2025")) {
      assertTrue(index.contains("href=\"" + name + ".html\""), "index links " + name);
    }
  }

  /** The values every notebook query is tried with; the versions are the last two data writes, as in notebook 03. */
  private Map<String, String> params() {
    List<Row> writes = spark().sql("DESCRIBE HISTORY delta.`" + warehouse + "/value_ratings`")
        .where("operation = 'WRITE'").orderBy(org.apache.spark.sql.functions.col("version").desc()).limit(2)
        .collectAsList(); // two rows
    assertEquals(2, writes.size(), "two runs wrote value_ratings");
    String versionB = String.valueOf(writes.get(0).<Long>getAs("version"));
    String versionA = String.valueOf(writes.get(1).<Long>getAs("version"));
    return Map.ofEntries(Map.entry("warehouse", warehouse), Map.entry("city", "chengdu"),
        Map.entry("conversion_city", "hangzhou"), Map.entry("year", "2025"), Map.entry("tier", "C"),
        Map.entry("version_a", versionA), Map.entry("version_b", versionB), Map.entry("alt_s", "60"),
        Map.entry("alt_a", "50"), Map.entry("alt_b", "40"), Map.entry("alt_c", "30"));
  }

  @Test
  void everyNotebookQueryRunsAndReturnsRows() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("notebooks/sql"))) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertTrue(files.size() >= 10, "notebooks/sql holds the queries");
    Map<String, String> params = params();
    for (Path f : files) {
      String text = Files.readString(f);
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String v = params.get(m.group(1));
        if (v == null) {
          fail(f + ": unknown placeholder ${" + m.group(1) + "}");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      long n;
      try {
        n = spark().sql(sb.toString()).count();
      } catch (Exception e) {
        throw new AssertionError(f + " failed: " + e.getMessage(), e);
      }
      assertTrue(n > 0, f + " returned no rows");
    }
  }

  @Test
  void notebooksAreNbformat4AndUseOnlyFilesThatExist() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Path> notebooks;
    try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
      notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertEquals(3, notebooks.size());
    Pattern query = Pattern.compile("q\\(\"([a-z0-9_]+)\"");
    for (Path nb : notebooks) {
      JsonNode root = json.readTree(nb.toFile());
      assertEquals(4, root.path("nbformat").asInt(), nb + ": nbformat");
      assertTrue(root.path("nbformat_minor").isInt(), nb + ": nbformat_minor");
      assertTrue(root.path("metadata").isObject(), nb + ": metadata");
      assertTrue(root.path("cells").isArray() && root.path("cells").size() > 0, nb + ": cells");
      int queries = 0;
      for (JsonNode cell : root.path("cells")) {
        String type = cell.path("cell_type").asText();
        assertTrue(Set.of("code", "markdown").contains(type), nb + ": cell type " + type);
        assertTrue(cell.path("source").isArray() && cell.path("metadata").isObject(), nb + ": cell shape");
        if ("code".equals(type)) {
          assertTrue(cell.path("outputs").isArray(), nb + ": code cell outputs");
          StringBuilder src = new StringBuilder();
          cell.path("source").forEach(l -> src.append(l.asText()));
          assertFalse(src.toString().contains("spark.sql(\"SELECT"), nb + ": queries live in notebooks/sql");
          Matcher m = query.matcher(src);
          while (m.find()) {
            queries++;
            assertTrue(Files.isRegularFile(Path.of("notebooks/sql", m.group(1) + ".sql")), nb + ": " + m.group(1));
          }
        }
      }
      assertTrue(queries > 0, nb + " runs queries from notebooks/sql");
    }
    String reqs = Files.readString(Path.of("notebooks/requirements.txt"));
    assertTrue(reqs.contains("pyspark==3.5.3") && reqs.contains("delta-spark==3.3.2"));
  }
}
