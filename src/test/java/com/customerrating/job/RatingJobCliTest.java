package com.customerrating.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.SampleWarehouse;
import com.customerrating.testing.SparkSessionFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and one-line errors: what a person or a scheduler sees when a run cannot go ahead. */
class RatingJobCliTest implements SparkSessionFixture {

  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {}

  /** Parses and runs through the command line, on the shared session where Spark is needed. */
  private Outcome cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = new CommandLine(new RatingJob(o, e, spark())).setErr(new java.io.PrintWriter(e, true))
        .execute(args);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertOneErrorLine(Outcome o, String... fragments) {
    long lines = o.err().lines().filter(l -> l.startsWith("error: ")).count();
    assertEquals(1, lines, o.err());
    for (String f : fragments) {
      assertTrue(o.err().contains(f), "expected '" + f + "' in: " + o.err());
    }
  }

  @Test
  void bad_config_fails_at_start_naming_file_and_key() throws Exception {
    Path conf = dir.resolve("datasets.yaml");
    Files.writeString(conf, "models_dir: " + Path.of("conf/models").toAbsolutePath()
        + "\ndatasets:\n  chengdu:\n    model: customer-value\n    max_rejct_rate: 0.1\n");
    Outcome o = cli("--conf", conf.toString(), "--input-root", SampleWarehouse.landingZone().toString());
    assertEquals(RatingJob.EXIT_FAILED, o.code());
    assertOneErrorLine(o, conf.toString(), "datasets.chengdu.max_rejct_rate");
  }

  @Test
  void bad_model_file_fails_at_start_naming_file_and_key() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.writeString(models.resolve("customer-value.yaml"), Files.readString(Path.of("conf/models/customer-value.yaml"))
        .replace("type: count,", "type: counting,"));
    Path conf = dir.resolve("datasets.yaml");
    Files.writeString(conf, "models_dir: models\ndatasets:\n  chengdu:\n    model: customer-value\n");
    Outcome o = cli("--conf", conf.toString(), "--input-root", SampleWarehouse.landingZone().toString());
    assertEquals(RatingJob.EXIT_FAILED, o.code());
    assertOneErrorLine(o, models.resolve("customer-value.yaml").toString(), "scores.active_months.type",
        "unknown rule type 'counting'");
  }

  @Test
  void landing_zone_city_without_config_fails_with_one_line() throws Exception {
    Files.createDirectories(dir.resolve("in/shenzhen/2025"));
    Outcome o = cli("--input-root", dir.resolve("in").toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(RatingJob.EXIT_FAILED, o.code());
    assertOneErrorLine(o, "shenzhen", "no dataset config");
  }

  @Test
  void missing_input_root_fails_with_one_line() {
    Outcome o = cli("--input-root", dir.resolve("nowhere").toString());
    assertEquals(RatingJob.EXIT_FAILED, o.code());
    assertOneErrorLine(o, "nowhere", "not a readable directory");
  }

  @Test
  void bad_year_and_city_options_are_usage_errors() {
    assertEquals(RatingJob.EXIT_USAGE, cli("--year", "25").code());
    Outcome o = cli("--city", "../etc");
    assertEquals(RatingJob.EXIT_USAGE, o.code());
    assertOneErrorLine(o, "--city", "../etc");
  }

  @Test
  void asking_for_a_city_the_landing_zone_lacks_fails() {
    Outcome o = cli("--input-root", SampleWarehouse.landingZone().toString(), "--city", "xian");
    assertEquals(RatingJob.EXIT_FAILED, o.code());
    assertOneErrorLine(o, "xian");
  }

  @Test
  void bad_session_settings_fail_at_start_naming_the_key_and_write_nothing() {
    for (String[] setting : new String[][] {{com.customerrating.ingest.RawReader.SPLIT_LINES, "yes"},
        {JobRunner.INTERPRET_BELOW_BYTES, "16MB"}}) {
      spark().conf().set(setting[0], setting[1]);
      Outcome o;
      try {
        o = cli("--input-root", SampleWarehouse.landingZone().toString(), "--warehouse", dir.resolve("w").toString(),
            "--quarantine", dir.resolve("q").toString(), "--reports", dir.resolve("r").toString());
      } finally {
        spark().conf().unset(setting[0]);
      }
      assertEquals(RatingJob.EXIT_FAILED, o.code(), o.err());
      assertOneErrorLine(o, setting[0], "'" + setting[1] + "'");
      assertTrue(!Files.exists(dir.resolve("w")) && !Files.exists(dir.resolve("q")), setting[0] + ": nothing is written");
      assertTrue(!o.err().contains("reading "), setting[0] + ": no file is read: " + o.err());
    }
  }

  @Test
  void one_city_and_year_runs_and_prints_its_summary() {
    Outcome o = cli("--input-root", SampleWarehouse.landingZone().toString(), "--warehouse",
        dir.resolve("w").toString(), "--quarantine", dir.resolve("q").toString(), "--city", "hangzhou",
        "--year", "2024", "--run-id", "cli", "--reports", dir.resolve("r").toString());
    assertEquals(RatingJob.EXIT_OK, o.code(), o.err());
    assertTrue(o.out().contains("run cli"), o.out());
    assertTrue(o.out().matches("(?s).*hangzhou\\s+2024\\s+consultation-conversion\\s+701\\s+701\\s+0\\s+succeeded\\s+A=\\d+ B=\\d+ C=\\d+ D=\\d+.*"),
        o.out());
    assertTrue(o.err().contains("warning: model customer-value"), "model warnings are shown");
  }

  @Test
  void previous_year_is_the_last_complete_year() {
    Outcome o = cli("--input-root", SampleWarehouse.landingZone().toString(), "--year", "previous", "--city",
        "hangzhou", "--warehouse", dir.resolve("w").toString(), "--quarantine", dir.resolve("q").toString(),
        "--reports", dir.resolve("r").toString());
    int previous = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() - 1;
    if (previous == 2024 || previous == 2025) {
      assertEquals(RatingJob.EXIT_OK, o.code(), o.err());
    } else {
      assertEquals(RatingJob.EXIT_FAILED, o.code());
      assertOneErrorLine(o, "for years [" + previous + "]");
    }
  }
}
