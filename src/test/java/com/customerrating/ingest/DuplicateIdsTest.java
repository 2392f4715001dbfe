package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.testing.SparkSessionFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The duplicate-id rule over a delivery of several files, next to another city with the same ids. */
class DuplicateIdsTest implements SparkSessionFixture {

  private static final Path CORPUS = BadInputCorpusTest.CORPUS;
  private static final DatasetSchema SCHEMA = DatasetSchema.CONSULTATIONS;

  /** Fixture: two files of one delivery sharing ids, and a second city with the same ids. */
  private Dataset<Row> raw() {
    DatasetConfig ds = JobConfig.load(CORPUS.resolve("conf/datasets.yaml")).dataset("hangzhou");
    String same = CORPUS.resolve("duplicate-id-same-content.csv").toUri().toString();
    String different = CORPUS.resolve("duplicate-id-different-content.csv").toUri().toString();
    Delivery twoFiles = new Delivery("hangzhou", 2025, CORPUS.toUri().toString(), List.of(same, different), ds);
    Delivery otherCity = new Delivery("elsewhere", 2025, CORPUS.toUri().toString(), List.of(same), ds);
    return RawReader.read(spark(), twoFiles, SCHEMA).unionByName(RawReader.read(spark(), otherCity, SCHEMA));
  }

  /** city | id | file name | reasons, one line per row. */
  private static List<String> lines(Dataset<Row> validated) {
    return validated.select(concat_ws(" | ", col("city"), col("customer_id"),
            regexp_extract(col("source_file"), "([^/]+)$", 1), concat_ws("; ", col(Validator.REASONS))))
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void copiesAcrossFilesOfOneDeliveryAreDuplicatesButOtherCitiesAreNot() {
    List<String> got = lines(Validator.validate(raw(), SCHEMA));
    TreeMap<String, Long> counted = new TreeMap<>();
    for (String l : got) {
      counted.merge(l, 1L, Long::sum);
    }
    String variants = "customer_id: appears more than once with different content";
    String copy = "customer_id: exact duplicate of another row (one copy kept)";
    // hangzhou/2025: HZ0001 has two contents over the two files, so all four copies go;
    // HZ0002 is in both files with one content: the copy of the first file (by name) stays.
    assertEquals(2L, counted.get("hangzhou | HZ0001 | duplicate-id-different-content.csv | " + variants));
    assertEquals(2L, counted.get("hangzhou | HZ0001 | duplicate-id-same-content.csv | " + variants));
    assertEquals(1L, counted.get("hangzhou | HZ0002 | duplicate-id-different-content.csv | "));
    assertEquals(1L, counted.get("hangzhou | HZ0002 | duplicate-id-same-content.csv | " + copy));
    // elsewhere/2025 holds the same ids and is judged on its own: one exact copy of HZ0001.
    assertEquals(1L, counted.get("elsewhere | HZ0001 | duplicate-id-same-content.csv | "));
    assertEquals(1L, counted.get("elsewhere | HZ0001 | duplicate-id-same-content.csv | " + copy));
    assertEquals(1L, counted.get("elsewhere | HZ0002 | duplicate-id-same-content.csv | "));
    assertEquals(9, got.size());
  }
}
