package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.customerrating.common.CityYear;
import com.customerrating.testing.SparkSessionFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tables the reports find: one that exists, one never written, one that another run is creating. */
class ReportReaderTest implements SparkSessionFixture {

  @TempDir
  Path warehouse;

  private ReportReader reader() {
    return new ReportReader(spark(), warehouse.toString(), warehouse.toString(), 10, Runnable::run);
  }

  @Test
  void aTableGivesTheRowsOfTheAskedCityYearsOnly() {
    spark().sql("SELECT * FROM VALUES ('hangzhou', 2025, 'A'), ('hangzhou', 2024, 'B'), ('chengdu', 2025, 'S')"
        + " AS t(city, snapshot_year, tier)").write().format("delta").partitionBy("city", "snapshot_year")
        .save(warehouse.resolve("tier_summary").toString());
    List<Row> rows = reader().table(warehouse.toString(), "tier_summary", List.of(new CityYear("hangzhou", 2025)))
        .select("tier").collectAsList();
    assertEquals("[[A]]", rows.toString());
  }

  @Test
  void aTableNeverWrittenIsAbsent() {
    assertNull(reader().table(warehouse.toString(), "conversion_by_grade", List.of(new CityYear("hangzhou", 2025))));
  }

  @Test
  void aTableWhoseFirstCommitIsNotYetWrittenIsAbsent() throws Exception {
    // What another run's first write leaves while its rows are being written: the log directory, no commit.
    Files.createDirectories(warehouse.resolve("conversion_by_grade/_delta_log"));
    assertNull(reader().table(warehouse.toString(), "conversion_by_grade", List.of(new CityYear("hangzhou", 2025))));
  }
}
