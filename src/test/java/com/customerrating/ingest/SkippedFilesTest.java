package com.customerrating.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.common.SkippedFile;
import com.customerrating.config.JobConfig;
import com.customerrating.job.RatingJob;
import com.customerrating.testing.SampleWarehouse;
import com.customerrating.testing.SparkSessionFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No file of a delivery folder is skipped without a word: a file with the dataset's extension is
 * read; one with a hidden name ('_' or '.' first, which Spark and Hadoop would leave out) refuses the
 * delivery; anything else (a spreadsheet, a marker file, a subfolder) is skipped with its reason, in
 * the summary and in run_log's skipped_files.
 */
class SkippedFilesTest implements SparkSessionFixture {

  private static final Path CORPUS = BadInputCorpusTest.CORPUS;
  static final JobConfig CONFIG = JobConfig.load(Path.of("conf/datasets.yaml"));

  @TempDir
  Path root;

  /** hangzhou/2025: part1.csv (2 rows) beside the given extra files. */
  private Path delivery(String city, int year, String... extra) throws Exception {
    Path d = Files.createDirectories(root.resolve("input").resolve(city).resolve(String.valueOf(year)));
    Files.copy(CORPUS.resolve("crlf-endings.csv"), d.resolve("part1.csv"));
    for (String e : extra) {
      if (e.endsWith("/")) {
        Files.createDirectories(d.resolve(e));
      } else if (e.endsWith(".csv")) {
        Files.writeString(d.resolve(e), Files.readString(CORPUS.resolve("utf8-bom.csv"), StandardCharsets.UTF_8)
            .replace("HZ0001", "HZ0101").replace("HZ0002", "HZ0102"));
      } else {
        Files.write(d.resolve(e), new byte[] {'P', 'K', 3, 4});
      }
    }
    return d;
  }

  @Test
  void theListingNamesEveryFileItDoesNotRead() throws Exception {
    delivery("hangzhou", 2025, "customers.xlsx", "_SUCCESS", "old/", "part2.CSV");
    List<Delivery> ds = LandingZone.discover(new Configuration(), root.resolve("input").toString(), CONFIG, Set.of(),
        Set.of());
    assertEquals(1, ds.size());
    Delivery d = ds.get(0);
    assertEquals(List.of("part1.csv", "part2.CSV"), d.files().stream().map(f -> f.replaceAll("^.*/", "")).toList());
    Map<String, String> skipped = new HashMap<>();
    for (SkippedFile f : d.skipped()) {
      skipped.put(f.file().replaceAll("^.*/", ""), f.reason());
    }
    assertEquals(Set.of("customers.xlsx", "_SUCCESS", "old"), skipped.keySet());
    assertTrue(skipped.get("customers.xlsx").contains("not a .csv file"), skipped.toString());
    assertTrue(skipped.get("old").contains("a folder"), skipped.toString());
    assertNull(d.refusal());
  }

  @Test
  void skippedFilesReachTheSummaryAndRunLog() throws Exception {
    delivery("hangzhou", 2025, "customers.xlsx", "_SUCCESS");
    SampleWarehouse.Run r = SampleWarehouse.run(root.resolve("input"), root, "skips", Set.of(), Set.of(), false);
    assertEquals(RatingJob.EXIT_OK, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("skipped ") && r.stdout().contains("customers.xlsx (not a .csv file"), r.stdout());
    assertTrue(r.stdout().contains("_SUCCESS (not a .csv file"), r.stdout());
    Row log = spark().read().format("delta").load(root.resolve("warehouse/run_log").toString()).first();
    List<Row> skipped = log.getList(log.fieldIndex("skipped_files"));
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(skipped.stream().anyMatch(s -> s.getString(0).endsWith("customers.xlsx")
        && s.getString(1).contains("not a .csv file")), skipped.toString());
    assertEquals(2L, log.<Long>getAs("rows_read"));
  }

  @Test
  void aHiddenNameWithTheDeliveryExtensionRefusesTheDelivery() throws Exception {
    delivery("hangzhou", 2025, "_part2.csv");
    delivery("hangzhou", 2024, ".part2.csv");
    Path ok = Files.createDirectories(root.resolve("input/chengdu/2025"));
    Files.copy(CORPUS.resolve("full-width-amount.csv"), ok.resolve("customers.csv"));
    SampleWarehouse.Run r = SampleWarehouse.run(root.resolve("input"), root, "hidden", Set.of(), Set.of(), false);
    assertEquals(RatingJob.EXIT_PARTIAL, r.exitCode(), r.stdout() + r.stderr());
    Map<Integer, Row> byYear = new HashMap<>();
    for (Row l : spark().read().format("delta").load(root.resolve("warehouse/run_log").toString())
        .where("city = 'hangzhou'").collectAsList()) {
      byYear.put(l.getAs("snapshot_year"), l);
    }
    for (int year : new int[] {2024, 2025}) {
      Row l = byYear.get(year);
      assertEquals("rejected_delivery", l.getAs("outcome"));
      String hidden = year == 2025 ? "_part2.csv" : ".part2.csv";
      assertTrue(((String) l.getAs("message")).contains(hidden + " has a hidden name"), (String) l.getAs("message"));
      assertTrue(r.stdout().contains(hidden + " has a hidden name"), r.stdout());
    }
    assertTrue(!Files.exists(root.resolve("warehouse/conversion_ratings")), "nothing of hangzhou is published");
    assertEquals(2L, spark().read().format("delta").load(root.resolve("warehouse/value_ratings").toString()).count(),
        "the other city still publishes");
  }
}
