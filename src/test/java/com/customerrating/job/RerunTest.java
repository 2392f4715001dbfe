package com.customerrating.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.Shipped;
import com.customerrating.sink.Tables;
import com.customerrating.testing.SampleWarehouse;
import com.customerrating.testing.SparkSessionFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A rerun of one city and year replaces exactly that partition, in one commit, and nothing else. */
class RerunTest implements SparkSessionFixture {

  private Set<String> files(String path, String where) {
    Set<String> out = new TreeSet<>();
    // A handful of file names: fine to collect in a test.
    for (Row r : spark().read().format("delta").load(path).where(where)
        .selectExpr("input_file_name()").distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  @Test
  void rerun_replaces_only_its_partition_and_keeps_history() throws Exception {
    Path input = SampleWarehouse.landingZone();
    Path root = Files.createTempDirectory("rerun");
    assertEquals(0, SampleWarehouse.run(input, root, "first", Set.of(), Set.of(), false).exitCode());

    String conversions = SampleWarehouse.table(root, Shipped.CONVERSION_RATINGS);
    String values = SampleWarehouse.table(root, Shipped.VALUE_RATINGS);
    String target = "city = 'hangzhou' AND snapshot_year = 2025";
    String others = "NOT (" + target + ")";
    Set<String> otherFilesBefore = files(conversions, others);
    Set<String> valueFilesBefore = files(values, "true");
    Dataset<Row> firstRows = spark().read().format("delta").load(conversions).where(target).drop("run_id");
    long versionBefore = io.delta.tables.DeltaTable.forPath(spark(), conversions).history(1)
        .select("version").first().getLong(0);

    SampleWarehouse.Run second = SampleWarehouse.run(input, root, "second", Set.of("hangzhou"), Set.of(2025), false);
    assertEquals(0, second.exitCode(), second.stderr());
    assertTrue(second.stdout().contains("hangzhou   2025"), second.stdout());

    // Other partitions keep their files; the other model's table is untouched.
    assertEquals(otherFilesBefore, files(conversions, others));
    assertEquals(valueFilesBefore, files(values, "true"));
    // The rerun is idempotent: same rows, new run id.
    Dataset<Row> table = spark().read().format("delta").load(conversions);
    assertEquals(0, com.customerrating.testing.Tables.difference(firstRows, table.where(target).drop("run_id")));
    assertEquals(List.of("second"), table.where(target).select("run_id").distinct().as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(List.of("first"), table.where(others).select("run_id").distinct().as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());

    // One commit for the rerun, a replaceWhere overwrite; the old version stays readable.
    Row last = io.delta.tables.DeltaTable.forPath(spark(), conversions).history(1).first();
    assertEquals(versionBefore + 1, last.getLong(last.fieldIndex("version")));
    assertEquals("WRITE", last.getString(last.fieldIndex("operation")));
    assertTrue(last.getJavaMap(last.fieldIndex("operationParameters")).toString().contains("hangzhou"));
    Dataset<Row> old = spark().read().format("delta").option("versionAsOf", versionBefore).load(conversions);
    assertEquals(List.of("first"), old.where(target).select("run_id").distinct().as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(1402, old.count());
    assertEquals(1402, table.count());

    // run_log: six rows for the first run (three cities, two years), one for the rerun.
    Dataset<Row> log = spark().read().format("delta").load(SampleWarehouse.table(root, Tables.RUN_LOG));
    assertEquals(6, log.where("run_id = 'first'").count());
    assertEquals(1, log.where("run_id = 'second'").count());
  }
}
