package com.customerrating.report;

import com.customerrating.common.CityYear;
import com.customerrating.common.DaemonThreads;
import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.model.RatingModel;
import com.customerrating.model.rules.DatePassed;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The write edge of the reports: for each city-year, its facts ({@link ReportReader}) turned into a
 * page ({@link ReportView}) and rendered by the Mustache templates into one self-contained HTML file,
 * {@code <city>_<year>.html}; then {@code index.html}, which links every report in the folder.
 */
final class ReportWriter {

  static final Pattern REPORT_FILE = Pattern.compile("([a-z][a-z0-9_-]*)_(\\d{4})\\.html");

  private final JobConfig config;
  private final ReportConfig rc;
  private final SparkSession spark;
  private final String warehouse;
  private final String quarantine;
  private final String runId;
  private final MustacheFactory mustache = new DefaultMustacheFactory("report");

  ReportWriter(SparkSession spark, JobConfig config, ReportConfig rc, String warehouse, String quarantine, String runId) {
    this.config = config;
    this.rc = rc;
    this.spark = spark;
    this.warehouse = warehouse;
    this.quarantine = quarantine;
    this.runId = runId;
  }

  /** Writes {@code <city>_<year>.html} for each partition and rewrites the index; returns the files. */
  List<Path> writeAll(Set<CityYear> parts, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, MonthDay> asOf = new TreeMap<>();
    for (DatasetConfig d : config.datasets().values()) {
      asOf.put(d.city(), d.asOf());
    }
    String cwd = Path.of("").toAbsolutePath() + "/";
    List<Path> out = new ArrayList<>();
    Map<String, List<CityYear>> byModel = new TreeMap<>();
    for (CityYear p : parts) {
      byModel.computeIfAbsent(config.dataset(p.city()).model().id(), k -> new ArrayList<>()).add(p);
    }
    // One reading for every model: the shared tables are read once for all the city-years, and
    // the queries run side by side (they are small; most of their time is the driver's).
    java.util.concurrent.ExecutorService queries = DaemonThreads.pool("report-query", QUERIES_AT_ONCE);
    try {
      ReportReader reader = new ReportReader(spark, warehouse, quarantine, rc.topN(), queries);
      List<ReportReader.ModelParts> models = new ArrayList<>();
      for (List<CityYear> group : byModel.values()) {
        RatingModel model = config.dataset(group.get(0).city()).model();
        models.add(new ReportReader.ModelParts(ModelView.of(model), group, overdueDate(model)));
      }
      Map<CityYear, ReportFacts> facts = reader.read(models, asOf);
      for (ReportReader.ModelParts mp : models) {
        RatingModel model = config.dataset(mp.parts().iterator().next().city()).model();
        ReportView view = new ReportView(model, rc);
        for (CityYear p : mp.parts()) {
          DatasetConfig ds = config.dataset(p.city());
          Map<String, Object> page = view.page(facts.get(p), rc.cityLabel(p.city()), p.year(),
              ds.asOfDate(p.year()).toString(), runId, cwd);
          page.put("css", css());
          Path f = dir.resolve(p.city() + "_" + p.year() + ".html");
          Files.writeString(f, render("city_report.mustache", page), StandardCharsets.UTF_8);
          out.add(f);
        }
      }
    } finally {
      queries.shutdownNow();
    }
    Path index = dir.resolve("index.html");
    Files.writeString(index, render("index.mustache", indexData(dir)), StandardCharsets.UTF_8);
    out.add(index);
    return out;
  }

  /** Report queries in flight at once, over all models. */
  static final int QUERIES_AT_ONCE = 4;


  /** The date column behind the model's overdue flag, where the flag is a {@code date_passed} rule. */
  private static String overdueDate(RatingModel m) {
    String flag = m.roles().overdue();
    return m.scores().stream().filter(r -> r instanceof DatePassed && r.name().equals(flag))
        .map(r -> r.reads().get(0)).findFirst().orElse(null);
  }

  private String render(String template, Map<String, Object> scope) {
    Mustache m = mustache.compile(template);
    StringWriter w = new StringWriter();
    m.execute(w, scope);
    return w.toString();
  }

  private Map<String, Object> indexData(Path dir) throws IOException {
    Map<String, List<Map<String, Object>>> byYear = new TreeMap<>(java.util.Comparator.reverseOrder());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = REPORT_FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          DatasetConfig d = config.dataset(m.group(1));
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("href", f.getFileName().toString());
          e.put("city", rc.cityLabel(m.group(1)));
          e.put("model", d == null ? "" : d.model().id() + " v" + d.model().version());
          byYear.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(e);
        }
      }
    }
    List<Map<String, Object>> years = new ArrayList<>();
    byYear.forEach((y, list) -> years.add(Map.of("year", y, "reports", list)));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("years", years);
    s.put("runId", runId);
    s.put("css", css());
    return s;
  }

  private static String css() {
    try (var in = ReportWriter.class.getClassLoader().getResourceAsStream("report/report.css")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
