package com.customerrating.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.Shipped;
import com.customerrating.config.JobConfig;
import com.customerrating.common.CityYear;
import com.customerrating.testing.SparkSessionFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output tables refuse impossible rows: a bug fails the commit instead of publishing. */
class TableConstraintsTest implements SparkSessionFixture {

  @TempDir
  Path tmp;

  private Dataset<Row> row(String grade, String composite, String customerId) {
    return spark().sql("SELECT " + (customerId == null ? "CAST(NULL AS STRING)" : "'" + customerId + "'") + " AS customer_id,"
        + " '杭州测试有限公司' AS company_name, '西湖区' AS district, 'finance' AS industry, 'small' AS company_size,"
        + " 'online' AS consult_channel, 'payroll' AS product_interest, DATE'2025-03-01' AS consult_date,"
        + " 4 AS intention_score, 4 AS demand_clarity_score, 4 AS satisfaction_score, true AS purchased,"
        + " CAST(" + composite + " AS DECIMAL(9,4)) AS composite_score, '" + grade + "' AS grade,"
        + " 'account_manager' AS follow_up_owner, 'weekly' AS follow_up_cadence, DATE'2025-03-08' AS next_follow_up_date,"
        + " CAST(NULL AS DECIMAL(9,4)) AS points_to_next_tier, 'consultation-conversion' AS model_id, 1 AS model_version,"
        + " 'test' AS run_id, 'hangzhou' AS city, 2025 AS snapshot_year");
  }

  @Test
  void impossibleRowsAreRefusedAndTheTableIsUnchanged() {
    JobConfig config = JobConfig.load(Path.of("conf/datasets.yaml"));
    TableSpec spec = Tables.ratingsSpec(config.modelsOfTable(Shipped.CONVERSION_RATINGS));
    String path = tmp.resolve(Shipped.CONVERSION_RATINGS).toString();
    List<CityYear> part = List.of(new CityYear("hangzhou", 2025));

    DeltaSink.replacePartitions(row("A", "4.0", "HZ1"), Tables.ratingColumns(config.dataset("hangzhou").model()), path, part, spec);
    Map<String, String> c = DeltaSink.constraints(spark(), path);
    assertTrue(DeltaSink.sameExpression("grade IN ('A', 'B', 'C', 'D')", c.get("grade_known")), c.toString());
    assertTrue(c.get("scores_in_range").replace(" ", "").contains("composite_scoreBETWEENCAST(1ASDECIMAL(9,4))ANDCAST(5ASDECIMAL(9,4))"), c.toString());
    long version = spark().sql("DESCRIBE HISTORY delta.`" + path + "`").count();
    assertEquals(1, version, "the table is created by the commit of its first rows");

    for (Dataset<Row> bad : List.of(row("E", "4.0", "HZ2"), row("A", "7.5", "HZ3"), row("A", "4.0", null))) {
      Exception e = assertThrows(Exception.class,
          () -> DeltaSink.replacePartitions(bad, Tables.ratingColumns(config.dataset("hangzhou").model()), path, part, spec));
      String m = String.valueOf(e.getMessage());
      assertTrue(m.contains("CHECK constraint") || m.contains("NOT NULL constraint"), m);
    }
    assertEquals(version, spark().sql("DESCRIBE HISTORY delta.`" + path + "`").count(), "no commit for a refused row");
    assertEquals("[[HZ1,A]]", spark().read().format("delta").load(path).select("customer_id", "grade").collectAsList().toString());

    // Creating the table again is a no-op: no new commit when every constraint is in place.
    DeltaSink.ensureTable(spark(), path, row("A", "4.0", "HZ1").schema(), spec);
    assertEquals(version, spark().sql("DESCRIBE HISTORY delta.`" + path + "`").count());
  }

  /** The README's run uses relative roots (./warehouse, ./quarantine): tables are set up there too. */
  @Test
  void aRelativeTablePathIsSetUpAndWritten() throws java.io.IOException {
    JobConfig config = JobConfig.load(Path.of("conf/datasets.yaml"));
    TableSpec spec = Tables.ratingsSpec(config.modelsOfTable(Shipped.CONVERSION_RATINGS));
    Path cwd = Path.of("").toAbsolutePath();
    Path dir = java.nio.file.Files.createTempDirectory(cwd.resolve("target"), "relative-table");
    String relative = cwd.relativize(dir.resolve(Shipped.CONVERSION_RATINGS)).toString();
    try {
      List<CityYear> part = List.of(new CityYear("hangzhou", 2025));
      DeltaSink.replacePartitions(row("B", "3.0", "HZ9"), Tables.ratingColumns(config.dataset("hangzhou").model()), relative, part, spec);
      DeltaSink.replacePartitions(row("C", "2.0", "HZ9"), Tables.ratingColumns(config.dataset("hangzhou").model()), relative, part, spec);
      assertTrue(DeltaSink.constraints(spark(), relative).containsKey("grade_known"));
      assertEquals("[[HZ9,C]]", spark().read().format("delta").load(relative).select("customer_id", "grade")
          .collectAsList().toString());
    } finally {
      org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
    }
  }

  /** The commit that creates a table already holds its guarantees: a null key in the first rows is refused. */
  @Test
  void theCreatingCommitRefusesAnImpossibleRow() {
    JobConfig config = JobConfig.load(Path.of("conf/datasets.yaml"));
    TableSpec spec = Tables.ratingsSpec(config.modelsOfTable(Shipped.CONVERSION_RATINGS));
    String path = tmp.resolve("first").toString();
    List<CityYear> part = List.of(new CityYear("hangzhou", 2025));
    Exception e = assertThrows(Exception.class, () -> DeltaSink.replacePartitions(row("A", "4.0", null),
        Tables.ratingColumns(config.dataset("hangzhou").model()), path, part, spec));
    assertTrue(String.valueOf(e.getMessage()).contains("CHECK constraint"), e.getMessage());
    assertTrue(!io.delta.tables.DeltaTable.isDeltaTable(spark(), path), "no table is left by the refused first write");
  }

  @Test
  void partitionPredicatesRefuseUnsafeCityNames() {
    for (String city : List.of("x' OR '1'='1", "../etc", "Hangzhou", "a;drop table t", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CityYear(city, 2025));
      assertTrue(e.getMessage().contains("refused city name"), e.getMessage());
    }
    assertEquals("(city = 'chengdu' AND snapshot_year = 2024) OR (city = 'hangzhou' AND snapshot_year = 2025)",
        CityYear.predicate(List.of(new CityYear("hangzhou", 2025), new CityYear("chengdu", 2024))));
  }

  /** A table an earlier version created: a column it lacks is added, NOT NULL holds as a CHECK constraint. */
  @Test
  void aTableOfAnEarlierVersionGetsTheNewColumnsAndGuarantees() {
    String path = tmp.resolve("older").toString();
    List<CityYear> part = List.of(new CityYear("hangzhou", 2025));
    Dataset<Row> old = spark().sql("SELECT 'a' AS customer_id, CAST(1 AS INT) AS points, 'hangzhou' AS city,"
        + " 2025 AS snapshot_year");
    DeltaSink.replacePartitions(old, List.of("customer_id", "points", "city", "snapshot_year"), path, part,
        new TableSpec(java.util.Set.of("city", "snapshot_year"), Map.of()));
    TableSpec now = new TableSpec(java.util.Set.of("city", "snapshot_year", "customer_id", "points"), Map.of());
    Dataset<Row> newer = spark().sql("SELECT 'b' AS customer_id, CAST(2 AS INT) AS points, CAST(5.5 AS DECIMAL(20,2))"
        + " AS deal_value, 'hangzhou' AS city, 2025 AS snapshot_year");
    List<String> cols = List.of("customer_id", "points", "deal_value", "city", "snapshot_year");
    DeltaSink.replacePartitions(newer, cols, path, part, now);
    assertEquals("[[b,2,5.50]]", spark().read().format("delta").load(path).select("customer_id", "points", "deal_value")
        .collectAsList().toString());
    // The table was created by its first write, whose columns Delta makes nullable: every required
    // column, the partition columns included, is held by the one CHECK constraint.
    assertTrue(DeltaSink.sameExpression(
        "city IS NOT NULL AND customer_id IS NOT NULL AND points IS NOT NULL AND snapshot_year IS NOT NULL",
        DeltaSink.constraints(spark(), path).get(DeltaSink.REQUIRED_VALUES)),
        DeltaSink.constraints(spark(), path).toString());
    Dataset<Row> bad = spark().sql("SELECT CAST(NULL AS STRING) AS customer_id, CAST(3 AS INT) AS points,"
        + " CAST(1 AS DECIMAL(20,2)) AS deal_value, 'hangzhou' AS city, 2025 AS snapshot_year");
    Exception e = assertThrows(Exception.class, () -> DeltaSink.replacePartitions(bad, cols, path, part, now));
    assertTrue(String.valueOf(e.getMessage()).contains("CHECK constraint"), e.getMessage());
  }
}
