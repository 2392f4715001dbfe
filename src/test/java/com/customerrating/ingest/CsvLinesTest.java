package com.customerrating.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.config.DatasetConfig;
import com.customerrating.config.JobConfig;
import com.customerrating.model.input.DatasetSchema;
import com.customerrating.testing.SparkSessionFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvLines} against Spark's own CSV reader: the same records, field by field, for the
 * bad-input corpus, for a file of awkward lines read in many small blocks, and for random lines.
 */
class CsvLinesTest implements SparkSessionFixture {

  @TempDir
  Path tmp;

  /** Every row of every corpus file, validated, read once as lines and once by Spark's CSV reader. */
  @Test
  void theBadInputCorpusGivesTheSameRowsEitherWay() throws Exception {
    JobConfig config = JobConfig.load(BadInputCorpusTest.CORPUS.resolve("conf/datasets.yaml"));
    List<Delivery> deliveries = new ArrayList<>();
    int asLines = 0;
    int rows = 0;
    for (BadInputCorpusTest.Case c : BadInputCorpusTest.manifest()) {
      if (c.refused() || !c.file().endsWith(".csv")) {
        continue;
      }
      DatasetConfig ds = config.dataset(c.dataset());
      Path file = BadInputCorpusTest.CORPUS.resolve(c.file());
      deliveries.add(new Delivery(c.kind(), 2025, BadInputCorpusTest.CORPUS.toUri().toString(),
          List.of(file.toUri().toString()), ds));
      asLines += !ds.multiLine() && ds.encoding().equals(StandardCharsets.UTF_8) ? 1 : 0;
      rows += c.rows();
    }
    assertTrue(asLines >= 30, "only " + asLines + " corpus files read as lines");
    List<String> split = validated(deliveries, true);
    assertEquals(validated(deliveries, false), split);
    assertEquals(rows, split.size());
  }

  /** Blank lines before the header and between rows, quotes, NULs, CRLF and CR, in blocks of 64 bytes. */
  @Test
  void awkwardLinesInSmallBlocksGiveTheSameRowsEitherWay() throws Exception {
    JobConfig config = JobConfig.load(BadInputCorpusTest.CORPUS.resolve("conf/datasets.yaml"));
    BadInputCorpusTest.Case any = BadInputCorpusTest.manifest().stream()
        .filter(c -> !c.refused() && c.file().endsWith(".csv") && c.rows() >= 2 && c.rejected() == 0
            && config.dataset(c.dataset()).delimiter().equals(",") && !config.dataset(c.dataset()).multiLine())
        .findFirst().orElseThrow();
    DatasetConfig ds = config.dataset(any.dataset());
    Path source = BadInputCorpusTest.CORPUS.resolve(any.file());
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    String header = lines.stream().filter(l -> !l.isBlank()).findFirst().orElseThrow();
    String row = lines.stream().filter(l -> !l.isBlank()).skip(1).findFirst().orElseThrow();
    String[] f = row.split(",", -1);
    StringBuilder b = new StringBuilder("\n  \r\n").append(header).append("\r\n");
    List<String> variants = List.of(
        row,
        "",
        " \t ",
        row.replaceFirst(",", ",\"\","),
        "\"" + f[0] + "\"," + row.substring(row.indexOf(',') + 1),
        "\"" + f[0] + "\"x," + row.substring(row.indexOf(',') + 1),
        "\"" + f[0] + "," + row.substring(row.indexOf(',') + 1),
        row + ",extra",
        row.substring(0, row.lastIndexOf(',')),
        row.replaceFirst(",", ",a\u0000b"),
        row.replaceFirst(",", ", padded ,"),
        row.replaceFirst(",", ",\"say \"\"hi\"\"\","),
        row.replaceFirst(",", ",中文\uFFFD,"),
        ",,,",
        "\"\"");
    for (int i = 0; i < 40; i++) {
      String v = variants.get(i % variants.size());
      b.append(v.replaceFirst("^[^,]*", v.startsWith("\"") || v.startsWith(",") ? "$0" : f[0] + "_" + i));
      b.append(i % 3 == 0 ? "\r\n" : i % 7 == 0 ? "\r" : "\n");
    }
    Path file = tmp.resolve("awkward.csv");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    Delivery d = new Delivery("awkward", 2025, tmp.toUri().toString(), List.of(file.toUri().toString()), ds);
    SparkSession spark = spark();
    String old = spark.conf().get("spark.sql.files.maxPartitionBytes");
    spark.conf().set("spark.sql.files.maxPartitionBytes", "64");
    try {
      assertTrue(CsvLines.read(spark, file.toUri().toString()).rdd().getNumPartitions() > 10, "read in many blocks");
      List<String> split = validated(List.of(d), true);
      assertEquals(validated(List.of(d), false), split);
      assertTrue(split.size() >= 30, split.toString());
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", old);
    }
  }

  /**
   * Random lines over the characters that matter (delimiter, quote, blanks, NUL, U+FFFD, CJK): a
   * line the plain split takes gets univocity's fields, with Spark's settings.
   */
  @Test
  void thePlainSplitAgreesWithSparksParserOnRandomLines() {
    Random random = new Random(7);
    char[] alphabet = {',', ',', ',', '"', ' ', '\t', 'a', 'b', '1', '.', '\u0000', '\uFFFD', '中', '\f', ';', '\''};
    int plain = 0;
    List<CsvLines.Splitter> splitters = new ArrayList<>();
    List<CsvLines.Splitter> references = new ArrayList<>();
    for (int w = 0; w <= 14; w++) {
      splitters.add(new CsvLines.Splitter(",", w + 1));
      references.add(new CsvLines.Splitter(",", w + 1, false));
    }
    for (int n = 0; n < 20_000; n++) {
      StringBuilder line = new StringBuilder();
      int length = random.nextInt(14);
      for (int i = 0; i < length; i++) {
        line.append(alphabet[random.nextInt(alphabet.length)]);
      }
      if (line.toString().trim().isEmpty()) {
        continue; // dropped before any split, as Spark's CSV reader drops it
      }
      // mostly as many fields as the line has commas + 1 (the width a plain split takes), else off by one
      int commas = (int) line.chars().filter(ch -> ch == ',').count();
      int width = Math.max(1, commas + 1 + (random.nextInt(4) == 0 ? random.nextInt(3) - 1 : 0));
      CsvLines.Splitter.Record got = splitters.get(width - 1).split(line.toString());
      CsvLines.Splitter.Record want = references.get(width - 1).univocity(line.toString());
      Supplier<String> what = () -> "width " + width + ", line [" + line.toString().replace("\u0000", "\\0") + "]";
      assertArrayEquals(want.fields(), got.fields(), what);
      assertEquals(want.corrupt(), got.corrupt(), what);
      plain += line.indexOf("\"") < 0 && line.indexOf("\u0000") < 0 && want.corrupt() == null ? 1 : 0;
    }
    assertTrue(plain > 5_000, "only " + plain + " lines took the plain split");
  }

  /**
   * Lines with far more fields than the header (quoted, so univocity parses them): the parser sized
   * for the header fails on them and hands them to one with Spark's settings; the records are
   * Spark's, and the lines after them parse as before.
   */
  @Test
  void linesWithManyMoreFieldsThanTheHeaderGetSparksRecord() {
    CsvLines.Splitter s = new CsvLines.Splitter(",", 3);
    CsvLines.Splitter reference = new CsvLines.Splitter(",", 3, false);
    List<String> lines = new ArrayList<>();
    for (int extra = 0; extra <= 40; extra += 4) {
      StringBuilder b = new StringBuilder("\"a,1\"");
      for (int i = 0; i < 2 + extra; i++) {
        b.append(i % 5 == 0 ? ",\"q\"\"" + i + "\"" : "," + i);
      }
      lines.add(b.toString());
      lines.add("\"x\",y,z");
    }
    for (String line : lines) {
      CsvLines.Splitter.Record got = s.split(line);
      CsvLines.Splitter.Record want = reference.univocity(line);
      assertArrayEquals(want.fields(), got.fields(), line);
      assertEquals(want.corrupt(), got.corrupt(), line);
    }
    assertEquals(lines.get(lines.size() - 2), s.split(lines.get(lines.size() - 2)).corrupt(), "a long line is malformed, its text kept");
    assertNull(s.split("\"x\",y,z").corrupt());
  }

  @Test
  void aMalformedLineKeepsItsTextAndItsFieldsPaddedWithNulls() {
    CsvLines.Splitter s = new CsvLines.Splitter(",", 3);
    CsvLines.Splitter.Record r = s.split("a,b");
    assertArrayEquals(new String[] {"a", "b", null}, r.fields());
    assertEquals("a,b", r.corrupt());
    CsvLines.Splitter.Record q = s.split("\"x,y\",,z");
    assertArrayEquals(new String[] {"x,y", null, "z"}, q.fields());
    assertNull(q.corrupt());
    assertEquals("a\r", CsvLines.Splitter.stripLineEnd("a\r\r\n"));
    assertEquals("a\r", CsvLines.Splitter.stripLineEnd("a\r"));
  }

  /** The validated rows of the deliveries (all cities: kinds), each as one string, sorted; one job per schema. */
  private List<String> validated(List<Delivery> deliveries, boolean splitLines) {
    SparkSession spark = spark();
    spark.conf().set(RawReader.SPLIT_LINES, String.valueOf(splitLines));
    try {
      java.util.Map<DatasetSchema, Dataset<Row>> bySchema = new java.util.LinkedHashMap<>();
      for (Delivery d : deliveries) {
        DatasetSchema schema = d.dataset().model().inputs();
        bySchema.merge(schema, Validator.validate(RawReader.read(spark, d, schema), schema, true), Dataset::unionByName);
      }
      List<String> out = new ArrayList<>();
      for (Dataset<Row> v : bySchema.values()) {
        for (Row r : v.withColumn("content_hex", org.apache.spark.sql.functions.hex(
            org.apache.spark.sql.functions.col(RowValidator.CONTENT))).drop(RowValidator.CONTENT).collectAsList()) { // test files' rows
          out.add(r.toString());
        }
      }
      java.util.Collections.sort(out);
      return out;
    } finally {
      spark.conf().unset(RawReader.SPLIT_LINES);
    }
  }
}
