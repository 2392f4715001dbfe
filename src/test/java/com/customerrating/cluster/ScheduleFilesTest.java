package com.customerrating.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedules in jobs/schedules (crontab, Airflow DAG, spark-operator ScheduledSparkApplication)
 * are well formed and run the same thing: the application jar, the "kubernetes" profile, RatingJob,
 * --year previous, at the same time.
 */
class ScheduleFilesTest {

  static final Path ROOT = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  static final Path SCHEDULES = ROOT.resolve("jobs/schedules");
  static final String MAIN_CLASS = "com.customerrating.job.RatingJob";
  static final String APP_JAR = "local:///opt/customer-rating/customer-rating-app.jar";
  static final String PROFILE = "conf/profiles/kubernetes.conf";

  /** One crontab time field: *, numbers, ranges, lists, steps, or a name (jan, mon). */
  private static final Pattern CRON_FIELD =
      Pattern.compile("(\\*|[0-9]+(-[0-9]+)?|[a-zA-Z]{3})(/[0-9]+)?(,(\\*|[0-9]+(-[0-9]+)?|[a-zA-Z]{3})(/[0-9]+)?)*");

  private static JsonNode manifest() throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .readTree(SCHEDULES.resolve("customer-rating.scheduledsparkapplication.yaml").toFile());
  }

  static Properties profile(String name) throws IOException {
    Properties p = new Properties(); // Spark reads its properties files the same way
    try (Reader r = Files.newBufferedReader(ROOT.resolve("conf/profiles/" + name + ".conf"))) {
      p.load(r);
    }
    return p;
  }

  /** The crontab's job lines: not comments, not VAR=value settings, not blank. */
  private static List<String> cronLines() throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(SCHEDULES.resolve("customer-rating.crontab"))) {
      String t = l.trim();
      if (!t.isEmpty() && !t.startsWith("#") && !t.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        out.add(t);
      }
    }
    return out;
  }

  private static String cronSchedule(String line) {
    return String.join(" ", Arrays.copyOf(line.split("\\s+"), 5));
  }

  @Test
  void manifestIsAScheduledSparkApplicationOfTheJob() throws IOException {
    JsonNode m = manifest();
    assertEquals("sparkoperator.k8s.io/v1beta2", m.path("apiVersion").asText());
    assertEquals("ScheduledSparkApplication", m.path("kind").asText());
    assertFalse(m.path("metadata").path("name").asText().isEmpty());
    JsonNode spec = m.path("spec");
    String[] schedule = spec.path("schedule").asText().split("\\s+");
    assertEquals(5, schedule.length, "schedule: 5 time fields");
    for (String f : schedule) {
      assertTrue(CRON_FIELD.matcher(f).matches(), "schedule field " + f);
    }
    assertEquals("Forbid", spec.path("concurrencyPolicy").asText(), "never two yearly runs at once");
    JsonNode t = spec.path("template");
    assertEquals("Java", t.path("type").asText());
    assertEquals("cluster", t.path("mode").asText());
    assertEquals(MAIN_CLASS, t.path("mainClass").asText());
    assertEquals(APP_JAR, t.path("mainApplicationFile").asText());
    assertEquals(pomProperty("spark.version"), t.path("sparkVersion").asText());
    assertEquals("Never", t.path("restartPolicy").path("type").asText());
    List<String> args = new ArrayList<>();
    t.path("arguments").forEach(a -> args.add(a.asText()));
    assertTrue(Collections.containsPair(args, "--year", "previous"), "arguments " + args);
    for (String opt : List.of("--conf", "--input-root", "--warehouse", "--quarantine")) {
      assertTrue(args.contains(opt), "arguments: " + opt);
    }
    assertTrue(t.path("driver").path("memory").isTextual());
    assertTrue(t.path("executor").path("instances").isInt());
    assertEquals("io.delta.sql.DeltaSparkSessionExtension", t.path("sparkConf").path("spark.sql.extensions").asText());
  }

  @Test
  void manifestCarriesTheKubernetesProfile() throws IOException {
    JsonNode tpl = manifest().path("spec").path("template");
    // profile keys the operator takes as first-class fields
    Map<String, JsonNode> fields = new HashMap<>();
    fields.put("spark.submit.deployMode", tpl.path("mode"));
    fields.put("spark.kubernetes.namespace", manifest().path("metadata").path("namespace"));
    fields.put("spark.kubernetes.container.image", tpl.path("image"));
    fields.put("spark.kubernetes.container.image.pullPolicy", tpl.path("imagePullPolicy"));
    fields.put("spark.kubernetes.authenticate.driver.serviceAccountName", tpl.path("driver").path("serviceAccount"));
    fields.put("spark.kubernetes.driver.label.app", tpl.path("driver").path("labels").path("app"));
    fields.put("spark.kubernetes.executor.label.app", tpl.path("executor").path("labels").path("app"));
    fields.put("spark.driver.memory", tpl.path("driver").path("memory"));
    fields.put("spark.driver.cores", tpl.path("driver").path("cores"));
    fields.put("spark.executor.instances", tpl.path("executor").path("instances"));
    fields.put("spark.executor.cores", tpl.path("executor").path("cores"));
    fields.put("spark.executor.memory", tpl.path("executor").path("memory"));
    fields.put("spark.executor.memoryOverhead", tpl.path("executor").path("memoryOverhead"));
    fields.put("spark.kubernetes.executor.request.cores", tpl.path("executor").path("coreRequest"));
    Properties p = profile("kubernetes");
    JsonNode sparkConf = tpl.path("sparkConf");
    for (String key : p.stringPropertyNames()) {
      if (key.equals("spark.master")) {
        continue; // the operator submits to the cluster it runs in
      }
      JsonNode actual = fields.containsKey(key) ? fields.get(key) : sparkConf.path(key);
      assertEquals(p.getProperty(key), actual.asText(), "manifest vs " + PROFILE + ": " + key);
    }
    sparkConf.fieldNames().forEachRemaining(k ->
        assertTrue(p.containsKey(k), "sparkConf " + k + " is not in " + PROFILE));
  }

  @Test
  void crontabRunsTheSubmitScriptForThePreviousYear() throws IOException {
    List<String> lines = cronLines();
    assertEquals(1, lines.size(), "one crontab entry: " + lines);
    String line = lines.get(0);
    String[] parts = line.split("\\s+", 6);
    assertEquals(6, parts.length, "5 time fields and a command: " + line);
    for (int i = 0; i < 5; i++) {
      assertTrue(CRON_FIELD.matcher(parts[i]).matches(), "time field " + (i + 1) + ": " + parts[i]);
    }
    String command = parts[5];
    assertTrue(command.contains("jobs/submit.sh"), command);
    assertTrue(command.contains("--profile kubernetes"), command);
    assertTrue(command.contains("--app-jar " + APP_JAR), command);
    assertTrue(command.contains("--year previous"), command);
    // cron turns an unescaped % into a newline
    assertFalse(command.matches(".*[^\\\\]%.*"), "unescaped % in " + command);
    assertEquals(manifest().path("spec").path("schedule").asText(), cronSchedule(line), "same time as the manifest");
  }

  @Test
  void dagSubmitsTheSameJarWithTheSameProfile() throws IOException {
    String dag = Files.readString(SCHEDULES.resolve("customer_rating_dag.py"));
    assertTrue(dag.contains("SparkSubmitOperator("), "uses SparkSubmitOperator");
    assertTrue(dag.contains("java_class=\"" + MAIN_CLASS + "\""), "main class");
    assertTrue(dag.contains("APP_JAR = \"" + APP_JAR + "\""), "application jar");
    assertTrue(dag.contains(PROFILE), "properties file " + PROFILE);
    assertTrue(dag.contains("\"--year\", \"previous\""), "--year previous");
    Matcher schedule = Pattern.compile("schedule=\"([^\"]+)\"").matcher(dag);
    assertTrue(schedule.find(), "schedule");
    assertEquals(cronSchedule(cronLines().get(0)), schedule.group(1), "same time as the crontab");
  }

  @Test
  void dagCompiles(@TempDir Path tmp) throws Exception {
    assumeTrue(onPath("python3"), "assuming python3 is installed to check the DAG's syntax: it is not, skipping");
    Path dag = SCHEDULES.resolve("customer_rating_dag.py");
    // py_compile checks syntax only (airflow need not be installed); the .pyc goes to a temp dir.
    Process p = new ProcessBuilder("python3", "-c",
        "import sys, py_compile; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
        dag.toString(), tmp.resolve("dag.pyc").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, p.exitValue(), "py_compile " + dag + ":\n" + out);
  }

  @Test
  void everyProfileSetsMasterSizingAndDelta() throws IOException {
    for (String name : List.of("local", "standalone", "yarn", "kubernetes")) {
      Properties p = profile(name);
      for (String key : List.of("spark.master", "spark.submit.deployMode", "spark.driver.memory",
          "spark.sql.extensions", "spark.sql.catalog.spark_catalog", "spark.sql.shuffle.partitions",
          "spark.sql.adaptive.enabled")) {
        assertTrue(p.containsKey(key), name + ": " + key);
      }
      assertEquals("io.delta.sql.DeltaSparkSessionExtension", p.getProperty("spark.sql.extensions"), name);
      assertEquals("org.apache.spark.sql.delta.catalog.DeltaCatalog", p.getProperty("spark.sql.catalog.spark_catalog"), name);
      if (!name.equals("local")) {
        assertTrue(p.containsKey("spark.executor.memory") && p.containsKey("spark.executor.cores"), name + ": executor sizing");
        assertEquals("io.delta.storage.S3DynamoDBLogStore", p.getProperty("spark.delta.logStore.s3a.impl"), name);
        assertTrue(p.containsKey("spark.io.delta.storage.S3DynamoDBLogStore.ddb.tableName"), name);
        assertTrue(p.containsKey("spark.io.delta.storage.S3DynamoDBLogStore.ddb.region"), name);
        assertFalse(p.stringPropertyNames().stream().anyMatch(k -> k.contains("secret.key") || k.contains("access.key")),
            name + ": no credentials in profiles");
      }
    }
  }

  static String pomProperty(String name) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertTrue(m.find(), "pom property " + name);
    return m.group(1);
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Paths.get(d, tool)));
  }

  /** Small list helpers. */
  static final class Collections {
    private Collections() {}

    static boolean containsPair(List<String> args, String option, String value) {
      for (int i = 0; i + 1 < args.size(); i++) {
        if (args.get(i).equals(option) && args.get(i + 1).equals(value)) {
          return true;
        }
      }
      return false;
    }
  }
}
