package com.customerrating.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.config.JobConfig;
import com.customerrating.job.RatingJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * City and year come from directory names and reach paths and replaceWhere predicates: only names
 * that the dataset config knows and that match a strict pattern get through.
 */
class LandingZoneInjectionTest {

  static final JobConfig CONFIG = JobConfig.load(Path.of("conf/datasets.yaml"));

  @TempDir
  Path root;

  private void delivery(String city, String year) throws Exception {
    Path d = Files.createDirectories(root.resolve(city).resolve(year));
    Files.writeString(d.resolve("consultations.csv"), "customer_id\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hangzhou' OR '1'='1", "hang..zhou", "x;DROP TABLE conversion_ratings", "HangZhou",
      "hangzhou\"", "a b", "杭州"})
  void aCityDirectoryWithAnUnsafeNameIsRefused(String city) throws Exception {
    delivery(city, "2025");
    LandingZone.LandingZoneException e = assertThrows(LandingZone.LandingZoneException.class,
        () -> LandingZone.discover(new Configuration(), root.toString(), CONFIG, Set.of(), Set.of()));
    assertTrue(e.getMessage().contains("refused landing-zone directory") && e.getMessage().contains(city)
        && e.getMessage().contains("must match"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025' OR 1=1", "2025..", "..2025x", "20 25", "12025", "2025;"})
  void aYearDirectoryWithAnUnsafeNameIsRefused(String year) throws Exception {
    delivery("hangzhou", year);
    LandingZone.LandingZoneException e = assertThrows(LandingZone.LandingZoneException.class,
        () -> LandingZone.discover(new Configuration(), root.toString(), CONFIG, Set.of(), Set.of()));
    assertTrue(e.getMessage().contains("four-digit year") || e.getMessage().contains("no deliveries"), e.getMessage());
  }

  @Test
  void aCityWithoutADatasetConfigIsRefused() throws Exception {
    delivery("shanghai", "2025");
    LandingZone.LandingZoneException e = assertThrows(LandingZone.LandingZoneException.class,
        () -> LandingZone.discover(new Configuration(), root.toString(), CONFIG, Set.of(), Set.of()));
    assertTrue(e.getMessage().contains("'shanghai' has no dataset config"), e.getMessage());
  }

  @Test
  void safeNamesAreFound() throws Exception {
    delivery("hangzhou", "2025");
    List<Delivery> found = LandingZone.discover(new Configuration(), root.toString(), CONFIG, Set.of(), Set.of());
    assertEquals("hangzhou/2025", found.get(0).key());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../hangzhou", "hangzhou' OR '1'='1", "x;DROP TABLE t", "..", "Hangzhou"})
  void anUnsafeCityOptionIsAUsageError(String city) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = RatingJob.execute("--city", city, "--input-root", root.toString(), "--warehouse", root.resolve("w").toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals(RatingJob.EXIT_USAGE, exit);
    String m = err.toString(StandardCharsets.UTF_8);
    assertTrue(m.contains("--city: refused '" + city + "'") && m.contains("must match"), m);
  }
}
