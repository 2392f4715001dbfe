package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.testing.SparkSessionFixture;
import com.customerrating.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every kind of bad input in {@code src/test/resources/bad-input/manifest.txt} through the
 * read edge and the validator, and holds each to its expected outcome. For every file that is
 * read: rows read = accepted + rejected, and rows read is the number of data records in the file.
 */
class BadInputCorpusTest implements SparkSessionFixture {

  static final Path CORPUS = Path.of("src/test/resources/bad-input").toAbsolutePath();
  static final int YEAR = 2025;

  private static JobConfig config;

  record Case(String kind, String dataset, String file, Integer rows, Integer accepted, Integer rejected,
      List<String> expectations) {
    boolean refused() {
      return rows == null;
    }

    @Override
    public String toString() {
      return kind;
    }
  }

  /** Validated rows of every file that is read, by case kind. */
  private static final Map<String, List<Row>> ROWS = new HashMap<>();
  /** The refusal of every file refused as a whole, by case kind. */
  private static final Map<String, RuntimeException> REFUSED = new HashMap<>();

  /**
   * Reads every case once, each as its own delivery (the case kind is its city, so duplicate
   * checks stay inside a case), and validates all cases of one dataset schema in one Spark job:
   * a job per case would spend most of its time planning the same steps.
   */
  @BeforeAll
  static void readAll() throws IOException {
    config = JobConfig.load(CORPUS.resolve("conf/datasets.yaml"));
    SparkSession spark = SparkTestSession.get();
    Map<DatasetSchema, Dataset<Row>> bySchema = new LinkedHashMap<>();
    for (Case c : manifest()) {
      DatasetConfig ds = config.dataset(c.dataset());
      Path file = CORPUS.resolve(c.file());
      Delivery d = new Delivery(c.kind(), YEAR, CORPUS.toUri().toString(), List.of(file.toUri().toString()), ds);
      DatasetSchema schema = ds.model().inputs();
      try {
        Dataset<Row> v = Validator.validate(RawReader.read(spark, d, schema), schema, true);
        bySchema.merge(schema, v, Dataset::unionByName);
      } catch (RuntimeException e) {
        REFUSED.put(c.kind(), e);
      }
    }
    for (Map.Entry<DatasetSchema, Dataset<Row>> e : bySchema.entrySet()) {
      DatasetSchema schema = e.getKey();
      List<String> columns = new ArrayList<>(List.of("city", "customer_id", Validator.REASONS));
      schema.fields().stream().filter(f -> !f.personal() && !f.name().equals("customer_id"))
          .forEach(f -> columns.add(f.name()));
      for (Row r : DuplicateIds.mark(e.getValue())
          .select(columns.stream().map(n -> col(n)).toArray(org.apache.spark.sql.Column[]::new))
          .collectAsList()) {
        ROWS.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
      }
    }
  }

  static List<Case> manifest() throws IOException {
    List<Case> out = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("manifest.txt"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split("\\s*\\|\\s*", -1);
      if (p.length != 7) {
        throw new IllegalStateException("manifest line needs 7 fields: " + line);
      }
      List<String> ex = new ArrayList<>();
      for (String e : p[6].trim().split(" && ")) {
        if (!e.isBlank()) {
          ex.add(e.trim());
        }
      }
      out.add(new Case(p[0].trim(), p[1].trim(), p[2].trim(), num(p[3]), num(p[4]), num(p[5]), ex));
    }
    return out;
  }

  private static Integer num(String s) {
    return s.trim().equals("-") ? null : Integer.valueOf(s.trim());
  }

  static Stream<Arguments> cases() throws IOException {
    return manifest().stream().map(c -> Arguments.of(c.kind(), c));
  }

  @Test
  void corpusCoversAtLeastThirtyDistinctKindsEachWithItsFile() throws IOException {
    List<Case> cases = manifest();
    Set<String> kinds = new HashSet<>();
    for (Case c : cases) {
      assertTrue(kinds.add(c.kind()), "duplicate kind " + c.kind());
      assertTrue(Files.isRegularFile(CORPUS.resolve(c.file())), "missing corpus file " + c.file());
      assertTrue(config.dataset(c.dataset()) != null, c.kind() + ": unknown dataset " + c.dataset());
    }
    assertTrue(kinds.size() >= 30, "only " + kinds.size() + " kinds");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachKindHasItsExpectedOutcome(String kind, Case c) {
    if (c.refused()) {
      RuntimeException e = REFUSED.get(kind);
      assertTrue(e instanceof RawReader.DeliveryException, kind + ": not refused as a delivery: " + e);
      assertTrue(e.getMessage().contains(c.file()), kind + ": message does not name the file: " + e.getMessage());
      for (String ex : c.expectations()) {
        assertTrue(ex.startsWith("refused "), kind + ": only 'refused' expectations fit a refused file");
        String text = ex.substring("refused ".length());
        assertTrue(e.getMessage().contains(text), kind + ": expected '" + text + "' in: " + e.getMessage());
      }
      return;
    }
    assertTrue(!REFUSED.containsKey(kind), kind + ": refused: " + REFUSED.get(kind));
    List<Row> rows = ROWS.getOrDefault(kind, List.of());
    List<Row> accepted = rows.stream().filter(r -> r.getList(2).isEmpty()).toList();
    List<Row> rejected = rows.stream().filter(r -> !r.getList(2).isEmpty()).toList();
    String dump = kind + ": " + rows;
    assertEquals(c.rows(), rows.size(), "rows read, " + dump);
    assertEquals(rows.size(), accepted.size() + rejected.size(), "a row was lost, " + dump);
    assertEquals(c.accepted(), accepted.size(), "accepted, " + dump);
    assertEquals(c.rejected(), rejected.size(), "rejected, " + dump);

    for (String ex : c.expectations()) {
      String[] w = ex.split(" ", 2);
      switch (w[0]) {
        case "reason" -> {
          String[] a = w[1].split(" ", 2);
          boolean found = rejected.stream().filter(r -> a[0].equals("*") || a[0].equals(r.getString(1)))
              .anyMatch(r -> r.<String>getList(2).stream().anyMatch(s -> s.contains(a[1])));
          assertTrue(found, kind + ": no rejected row " + a[0] + " with reason '" + a[1] + "': " + rejected);
        }
        case "reasons" -> {
          String[] a = w[1].split(" ", 2);
          List<Row> m = rejected.stream().filter(r -> a[0].equals(r.getString(1))).toList();
          assertTrue(!m.isEmpty(), kind + ": no rejected row " + a[0]);
          for (Row r : m) {
            assertEquals(Integer.parseInt(a[1]), r.getList(2).size(), kind + ": reasons of " + a[0] + ": " + r.getList(2));
          }
        }
        case "value" -> {
          String[] a = w[1].split(" ", 3);
          Row r = only(accepted, a[0], dump);
          String expected = a[2].replace("\\n", "\n");
          assertEquals(expected, String.valueOf((Object) r.getAs(a[1])), kind + ": " + a[0] + "." + a[1]);
        }
        case "accepted-id" -> assertTrue(accepted.stream().anyMatch(r -> w[1].equals(r.getString(1))),
            kind + ": id not accepted verbatim: " + w[1] + " in " + accepted);
        default -> fail(kind + ": unknown expectation " + ex);
      }
    }
  }

  private static Row only(List<Row> rows, String id, String dump) {
    List<Row> m = rows.stream().filter(r -> Objects.equals(id, r.getString(1))).toList();
    assertEquals(1, m.size(), "expected one row " + id + ", " + dump);
    return m.get(0);
  }
}
