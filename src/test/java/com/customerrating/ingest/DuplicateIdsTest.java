package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.customerrating.scoring.RankingMethod;
import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.job.JobOptions;
import com.customerrating.job.RatingJob;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.testing.Fixtures;
import com.customerrating.testing.SparkSessionFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-id rule over a delivery of several files, next to another city with the same ids;
 * and the job's way of applying it (duplicated ids counted first, only their files read again),
 * which must quarantine exactly the rows the rule rejects.
 */
class DuplicateIdsTest implements SparkSessionFixture {

  private static final Path CORPUS = BadInputCorpusTest.CORPUS;
  private static final DatasetSchema SCHEMA = Fixtures.conversionModel().inputs();
  private static final String SAME = "duplicate-id-same-content.csv";
  private static final String DIFFERENT = "duplicate-id-different-content.csv";

  private static DatasetConfig hangzhou() {
    return JobConfig.load(CORPUS.resolve("conf/datasets.yaml")).dataset("hangzhou");
  }

  /** Fixture: two files of one delivery sharing ids. */
  private Dataset<Row> twoFiles() {
    Delivery d = new Delivery("hangzhou", 2025, CORPUS.toUri().toString(),
        List.of(CORPUS.resolve(SAME).toUri().toString(), CORPUS.resolve(DIFFERENT).toUri().toString()), hangzhou());
    return Validator.validate(RawReader.read(spark(), d, SCHEMA), SCHEMA, true);
  }

  /** Fixture: a second city holding the same ids as the first file. */
  private Dataset<Row> otherCity() {
    Delivery d = new Delivery("elsewhere", 2025, CORPUS.toUri().toString(),
        List.of(CORPUS.resolve(SAME).toUri().toString()), hangzhou());
    return Validator.validate(RawReader.read(spark(), d, SCHEMA), SCHEMA, true);
  }

  /** city | id | file name | reasons, one line per row. */
  private static List<String> lines(Dataset<Row> validated) {
    return validated.select(concat_ws(" | ", col("city"), col("customer_id"),
            regexp_extract(col("source_file"), "([^/]+)$", 1), concat_ws("; ", col(Validator.REASONS))))
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void copiesAcrossFilesOfOneDeliveryAreDuplicatesButOtherCitiesAreNot() {
    List<String> got = lines(DuplicateIds.mark(twoFiles().unionByName(otherCity())));
    TreeMap<String, Long> counted = new TreeMap<>();
    for (String l : got) {
      counted.merge(l, 1L, Long::sum);
    }
    String variants = DuplicateIds.VARIANTS;
    String copy = DuplicateIds.LATER_COPY;
    // hangzhou/2025: HZ0001 has two contents over the two files, so all four copies go;
    // HZ0002 is in both files with one content: the copy of the first file (by name) stays.
    assertEquals(2L, counted.get("hangzhou | HZ0001 | " + DIFFERENT + " | " + variants));
    assertEquals(2L, counted.get("hangzhou | HZ0001 | " + SAME + " | " + variants));
    assertEquals(1L, counted.get("hangzhou | HZ0002 | " + DIFFERENT + " | "));
    assertEquals(1L, counted.get("hangzhou | HZ0002 | " + SAME + " | " + copy));
    // elsewhere/2025 holds the same ids and is judged on its own: one exact copy of HZ0001.
    assertEquals(1L, counted.get("elsewhere | HZ0001 | " + SAME + " | "));
    assertEquals(1L, counted.get("elsewhere | HZ0001 | " + SAME + " | " + copy));
    assertEquals(1L, counted.get("elsewhere | HZ0002 | " + SAME + " | "));
    assertEquals(9, got.size());
  }

  @Test
  void groupsAreTheIdsWithMoreThanOneRowPerDelivery() {
    List<String> ids = DuplicateIds.groups(twoFiles().unionByName(otherCity()))
        .select(concat_ws("/", col("city"), col("customer_id"))).orderBy(col("city"), col("customer_id"))
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(List.of("elsewhere/HZ0001", "hangzhou/HZ0001", "hangzhou/HZ0002"), ids);
  }

  @Test
  void theJobQuarantinesExactlyTheCopiesTheRuleRejects() throws Exception {
    Path root = Files.createTempDirectory("duplicates");
    Path landing = Files.createDirectories(root.resolve("landing/hangzhou/2025"));
    Files.copy(CORPUS.resolve(SAME), landing.resolve(SAME));
    Files.copy(CORPUS.resolve(DIFFERENT), landing.resolve(DIFFERENT));
    JobOptions opts = new JobOptions(root.resolve("landing").toString(), root.resolve("warehouse").toString(),
        root.resolve("quarantine").toString(), CORPUS.resolve("conf/datasets.yaml").toString(), Set.of(), Set.of(),
        "dups", RankingMethod.WINDOW, root.resolve("reports").toString(), false);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RatingJob.run(spark(), JobConfig.load(CORPUS.resolve("conf/datasets.yaml")), opts,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

    Dataset<Row> rule = Validator.rejected(DuplicateIds.mark(twoFiles()));
    Dataset<Row> quarantined = spark().read().format("delta").load(root.resolve("quarantine/rejected_records").toString());
    String[] cols = {"customer_id", "raw_record", "reasons"};
    List<String> expected = key(rule.select(regexp_extract(col("source_file"), "([^/]+)$", 1).as("file"),
        col(cols[0]), col(cols[1]), col(cols[2])));
    List<String> got = key(quarantined.select(regexp_extract(col("source_file"), "([^/]+)$", 1).as("file"),
        col(cols[0]), col(cols[1]), col(cols[2])));
    assertEquals(5, expected.size());
    assertEquals(expected, got);
    assertEquals(List.of("HZ0002"), spark().read().format("delta").load(root.resolve("warehouse/conversion_ratings")
        .toString()).select("customer_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(false, Files.exists(root.resolve("quarantine/_staging/dups")), "the staging copy is deleted");
  }

  /** file | id | raw | reasons, sorted: the rows of a small frame as comparable text. */
  private static List<String> key(Dataset<Row> rows) {
    return rows.select(concat_ws(" | ", col("file"), col("customer_id"), col("raw_record"),
            concat_ws("; ", col(Validator.REASONS))))
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
  }
}
