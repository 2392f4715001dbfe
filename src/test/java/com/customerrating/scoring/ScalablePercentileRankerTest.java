package com.customerrating.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.SparkSessionFixture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The scalable ranker must give exactly the window form's two columns, row for row, for any
 * data and any number of partitions. Random cases come from a fixed seed, so a failure names a
 * reproducible case.
 */
class ScalablePercentileRankerTest implements SparkSessionFixture {

  private static final List<String> SCOPE = List.of("city", "snapshot_year");
  private static final String GREATER = "greater_count";
  private static final String POPULATION = "population";
  private static final DecimalType AMOUNT = DataTypes.createDecimalType(18, 2);
  private static final DecimalType RATE = DataTypes.createDecimalType(5, 4);
  private static final long SEED = 20240611L;

  private final PercentileRanker window = new WindowPercentileRanker();

  // ---------------------------------------------------------------- named cases

  /**
   * The named cases share one dataset, one scope each, so they cost a single run of each form:
   * the spec's N = 10 amounts, a lone customer, 25 equal values, and a city left null.
   */
  private static final long[] SPEC_AMOUNTS =
      {90000, 90000, 70000, 50000, 40000, 30000, 20000, 10000, 5000, 0};

  private static List<Row> namedRanked;

  private synchronized List<Row> namedCases() {
    if (namedRanked == null) {
      List<Row> rows = new ArrayList<>();
      long id = 0;
      for (long amount : SPEC_AMOUNTS) {
        rows.add(row(id++, "Chengdu", 2024, BigDecimal.valueOf(amount * 100, 2))); // ids 0-9
      }
      rows.add(row(id++, "Hangzhou", 2024, new BigDecimal("0.33"))); // id 10
      for (int i = 0; i < 25; i++) {
        rows.add(row(id++, "Hangzhou", 2023, new BigDecimal("12.50"))); // ids 11-35
      }
      Random r = new Random(SEED + 1);
      for (int i = 0; i < 40; i++) {
        rows.add(row(id++, null, 2024, BigDecimal.valueOf(r.nextInt(8), 2))); // ids 36-75
      }
      Dataset<Row> data = df(rows, AMOUNT);
      namedRanked = assertSameAsWindow("named cases", data, new ScalablePercentileRanker(3));
    }
    return namedRanked;
  }

  @Test
  void specExampleOfTenAmounts() {
    List<Row> ranked = namedCases().subList(0, 10);
    long[] greater = ranked.stream().mapToLong(x -> x.getLong(x.fieldIndex(GREATER))).toArray();
    assertEquals(Arrays.toString(new long[] {0, 0, 2, 3, 4, 5, 6, 7, 8, 9}),
        Arrays.toString(greater));
    ranked.forEach(x -> assertEquals(10L, x.getLong(x.fieldIndex(POPULATION))));
  }

  @Test
  void singleCustomerIsAtPositionZero() {
    Row lone = namedCases().get(10);
    assertEquals(0L, lone.getLong(lone.fieldIndex(GREATER)));
    assertEquals(1L, lone.getLong(lone.fieldIndex(POPULATION)));
  }

  @Test
  void allEqualValuesShareTheTopPosition() {
    for (Row x : namedCases().subList(11, 36)) {
      assertEquals(0L, x.getLong(x.fieldIndex(GREATER)));
      assertEquals(25L, x.getLong(x.fieldIndex(POPULATION)));
    }
  }

  @Test
  void nullCityIsItsOwnScopeAsInTheWindowForm() {
    for (Row x : namedCases().subList(36, 76)) {
      assertEquals(40L, x.getLong(x.fieldIndex(POPULATION)));
    }
  }

  @Test
  void rankingCachesNothing() {
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (long amount : SPEC_AMOUNTS) {
      rows.add(row(id++, "Chengdu", 2024, BigDecimal.valueOf(amount * 100, 2)));
    }
    Dataset<Row> data = df(rows, AMOUNT);
    int before = spark().sparkContext().getPersistentRDDs().size();
    ScalablePercentileRanker ranker = new ScalablePercentileRanker(3);
    assertEquals(data.count(), rank(ranker, data).count());
    assertEquals(before, spark().sparkContext().getPersistentRDDs().size());
  }

  @Test
  void emptyInputGivesEmptyOutputWithTheWindowSchema() {
    Dataset<Row> data = df(List.of(), AMOUNT);
    Dataset<Row> out = rank(new ScalablePercentileRanker(), data);
    assertEquals(window.rank(data, SCOPE, "value", GREATER, POPULATION).schema(), out.schema());
    assertEquals(0L, out.count());
  }

  @Test
  void yearWideScopeMatchesTheWindowForm() {
    Random r = new Random(SEED + 2);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(row(i, i % 3 == 0 ? "Hangzhou" : "Chengdu", 2023 + i % 2,
          BigDecimal.valueOf(r.nextInt(60), 4)));
    }
    Dataset<Row> data = df(rows, RATE);
    List<String> yearOnly = List.of("snapshot_year");
    assertSameRows("year-wide scope",
        sorted(window.rank(data, yearOnly, "value", GREATER, POPULATION)),
        sorted(new ScalablePercentileRanker(5).rank(data, yearOnly, "value", GREATER, POPULATION)));
  }

  /**
   * Bins never decrease as values grow: values across every magnitude, next to the powers of
   * ten, negative ones and the extremes of each type, sorted by value, give sorted bins.
   */
  @Test
  void binsNeverDecreaseAsValuesGrow() {
    Random r = new Random(SEED + 3);
    List<Long> longs = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1,
        Long.MAX_VALUE));
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      for (long d = -2; d <= 2; d++) {
        longs.add(p + d);
        longs.add(-(p + d));
      }
    }
    for (int i = 0; i < 2_000; i++) {
      longs.add(r.nextLong() >> r.nextInt(63));
    }
    List<Row> rows = new ArrayList<>();
    for (long v : longs) {
      BigDecimal amount = BigDecimal.valueOf(v % 1_000_000_000_000_000L, 2); // fits decimal(18,2)
      rows.add(RowFactory.create(v, (int) v, amount));
    }
    StructType schema = new StructType().add("l", DataTypes.LongType).add("i", DataTypes.IntegerType).add("d", AMOUNT);
    Dataset<Row> data = spark().createDataFrame(rows, schema);
    for (String c : List.of("l", "i", "d")) {
      List<Row> binned = data.select(data.col(c),
          ScalablePercentileRanker.binOf(data.col(c), schema.apply(c).dataType()).as("bin")).collectAsList();
      List<Row> byValue = new ArrayList<>(binned);
      byValue.sort((a, b) -> c.equals("d") ? a.getDecimal(0).compareTo(b.getDecimal(0))
          : Long.compare(((Number) a.get(0)).longValue(), ((Number) b.get(0)).longValue()));
      for (int i = 1; i < byValue.size(); i++) {
        Row lo = byValue.get(i - 1);
        Row hi = byValue.get(i);
        assertTrue(lo.getLong(1) <= hi.getLong(1), c + ": bin of " + lo.get(0) + " is " + lo.getLong(1)
            + ", above the bin " + hi.getLong(1) + " of the greater " + hi.get(0));
      }
      assertTrue(binned.stream().map(x -> x.getLong(1)).distinct().count() > 500, c + ": values share too few bins");
    }
  }

  /**
   * A value held by most of a scope (the zeros of a big city) is spread over the partitions it
   * fills, a dense run of values stays in its bins, and negative values rank below: the counts
   * equal the window form's, and no partition holds much more than its share of the rows.
   */
  @Test
  void aHeavyValueIsSpreadOverPartitionsAndRanksExactly() {
    Random r = new Random(SEED + 4);
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (int i = 0; i < 9_000; i++) {
      rows.add(row(id++, "Chengdu", 2025, BigDecimal.ZERO.setScale(2)));
    }
    for (int i = 0; i < 3_000; i++) {
      rows.add(row(id++, "Chengdu", 2025, BigDecimal.valueOf(r.nextInt(1_000_000_000), 2)));
    }
    for (int i = 0; i < 300; i++) {
      rows.add(row(id++, "Chengdu", 2025, BigDecimal.valueOf(-1 - r.nextInt(5_000), 2)));
    }
    for (int i = 0; i < 700; i++) {
      rows.add(row(id++, "Hangzhou", 2025, BigDecimal.valueOf(500_00 + r.nextInt(50), 2)));
    }
    Dataset<Row> data = df(rows, AMOUNT);
    int parts = 4;
    Dataset<Row> ranked = new ScalablePercentileRanker(parts).rank(data, SCOPE, "value", GREATER, POPULATION);
    List<Row> expected = sorted(window.rank(data, SCOPE, "value", GREATER, POPULATION));
    assertMatchesJavaCount("heavy value", rows, expected);
    assertSameRows("heavy value", expected, sorted(ranked));
    List<Row> perPartition = ranked.groupBy(org.apache.spark.sql.functions.spark_partition_id()).count().collectAsList();
    long share = rows.size() / parts;
    for (Row p : perPartition) {
      assertTrue(p.getLong(1) <= share * 1.15, "partition " + p.get(0) + " holds " + p.getLong(1) + " rows, share " + share
          + ": " + perPartition);
    }
    assertEquals(parts, perPartition.size(), "every partition holds rows: " + perPartition);
  }

  /** Whole numbers (int and long, negatives included) rank as the window form ranks them. */
  @Test
  void wholeNumbersMatchTheWindowForm() {
    Random r = new Random(SEED + 5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int v = i % 4 == 0 ? 0 : r.nextInt(2_000_001) - 1_000_000;
      rows.add(RowFactory.create((long) i, i % 3 == 0 ? "Suzhou" : "Chengdu", 2025, v, (long) v * 1_000_003L));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("city", DataTypes.StringType, true)
        .add("snapshot_year", DataTypes.IntegerType, false).add("iv", DataTypes.IntegerType, false)
        .add("lv", DataTypes.LongType, false);
    Dataset<Row> data = spark().createDataFrame(rows, schema);
    for (String c : List.of("iv", "lv")) {
      assertSameRows(c, sorted(window.rank(data, SCOPE, c, GREATER, POPULATION)),
          sorted(new ScalablePercentileRanker(3).rank(data, SCOPE, c, GREATER, POPULATION)));
    }
  }

  // ---------------------------------------------------------------- property test

  /**
   * Random cases from a fixed seed, each case one ranking scope: for both value types, a
   * dataset of many scopes of very different sizes (1, 2, 3, 10, up to 300, and one of 20 000 to
   * 50 000 rows), each drawn from one regime: five distinct values, mostly zeros, one dominant
   * value, a narrow range, or mostly distinct values. Scopes of one dataset share range
   * partitions, so a partition often holds the end of one scope and the start of the next. The
   * window form is checked against a plain Java count, then the scalable form must equal it row
   * for row under the session's shuffle partitions, under 1 and 7, and with an explicit number
   * of range partitions.
   */
  @Test
  void randomCasesEqualTheWindowFormUnderAnyPartitioning() {
    Random r = new Random(SEED);
    String saved = spark().conf().get("spark.sql.shuffle.partitions");
    try {
      for (DecimalType type : List.of(AMOUNT, RATE)) {
        List<Row> rows = randomCases(r, type, 12, 1);
        Dataset<Row> data = df(rows, type).persist();
        try {
          String name = type.simpleString() + ", " + rows.size() + " rows";
          Dataset<Row> expectedDs = window.rank(data, SCOPE, "value", GREATER, POPULATION);
          List<Row> expected = sorted(expectedDs);
          assertMatchesJavaCount(name, rows, expected);

          Dataset<Row> actualDs = rank(new ScalablePercentileRanker(), data);
          assertEquals(expectedDs.schema(), actualDs.schema(), name + ": schema");
          assertSameRows(name + ", shuffle partitions " + saved, expected, sorted(actualDs));

          // The other settings compare only the ids and the two counts (cheaper to collect).
          // Rates run the last setting with an explicit number of ranges, unrelated to it.
          List<Row> expectedCounts = counts(expected);
          for (String partitions : new String[] {"1", "7"}) {
            ScalablePercentileRanker ranker = type == RATE && partitions.equals("7")
                ? new ScalablePercentileRanker(29)
                : new ScalablePercentileRanker();
            spark().conf().set("spark.sql.shuffle.partitions", partitions);
            assertSameRows(name + ", shuffle partitions " + partitions + ", " + ranker,
                expectedCounts,
                counts(sorted(rank(ranker, data).select("id", GREATER, POPULATION))));
          }
          spark().conf().set("spark.sql.shuffle.partitions", saved);
        } finally {
          data.unpersist();
        }
      }
    } finally {
      spark().conf().set("spark.sql.shuffle.partitions", saved);
    }
  }

  private static List<Row> counts(List<Row> ranked) {
    List<Row> out = new ArrayList<>();
    for (Row row : ranked) {
      out.add(RowFactory.create(
          row.getLong(0), row.getLong(row.fieldIndex(GREATER)),
          row.getLong(row.fieldIndex(POPULATION))));
    }
    return out;
  }

  /** {@code groups} groups of small scopes (1, 2, 3, 10 and up to 300 rows), plus large ones. */
  private static List<Row> randomCases(Random r, DecimalType type, int groups, int large) {
    List<Integer> sizes = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      sizes.addAll(List.of(1, 2, 3, 10, 1 + r.nextInt(300)));
    }
    for (int l = 0; l < large; l++) {
      sizes.add(20_000 + r.nextInt(30_001));
    }
    java.util.Collections.shuffle(sizes, r);
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (int s = 0; s < sizes.size(); s++) {
      String city = "city-" + s;
      int year = 2022 + r.nextInt(3);
      Regime regime = Regime.values()[r.nextInt(Regime.values().length)];
      BigDecimal[] palette = new BigDecimal[5];
      for (int i = 0; i < palette.length; i++) {
        palette[i] = randomValue(r, type);
      }
      for (int i = 0; i < sizes.get(s); i++) {
        rows.add(row(id++, city, year, regime.draw(r, type, palette)));
      }
    }
    return rows;
  }

  private enum Regime {
    FIVE_VALUES, MANY_ZEROS, ONE_DOMINANT, NARROW, MOSTLY_DISTINCT;

    BigDecimal draw(Random r, DecimalType type, BigDecimal[] palette) {
      switch (this) {
        case FIVE_VALUES:
          return palette[r.nextInt(palette.length)];
        case MANY_ZEROS:
          return r.nextInt(10) < 7 ? BigDecimal.valueOf(0, type.scale()) : randomValue(r, type);
        case ONE_DOMINANT:
          return r.nextBoolean() ? palette[0] : randomValue(r, type);
        case NARROW:
          return BigDecimal.valueOf(r.nextInt(21), type.scale());
        default:
          return randomValue(r, type);
      }
    }
  }

  private static BigDecimal randomValue(Random r, DecimalType type) {
    long unscaled = type.precision() == 18
        ? (long) (r.nextDouble() * 1_000_000_000L)
        : r.nextInt(10_001); // a rate in [0, 1] with 4 decimals
    return BigDecimal.valueOf(unscaled, type.scale());
  }

  // ---------------------------------------------------------------- helpers

  /** Asserts both forms give the same schema and rows; returns the rows, ordered by id. */
  private List<Row> assertSameAsWindow(String name, Dataset<Row> data, PercentileRanker ranker) {
    Dataset<Row> expected = window.rank(data, SCOPE, "value", GREATER, POPULATION);
    Dataset<Row> actual = ranker.rank(data, SCOPE, "value", GREATER, POPULATION);
    assertEquals(expected.schema(), actual.schema(), name + ": schema");
    List<Row> rows = sorted(actual);
    assertSameRows(name, sorted(expected), rows);
    return rows;
  }

  /** Row-for-row equality that names the first differing row instead of printing all. */
  private static void assertSameRows(String name, List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size(), name + ": row count");
    int differing = 0;
    String first = null;
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        differing++;
        if (first == null) {
          first = "expected " + expected.get(i) + " but was " + actual.get(i);
        }
      }
    }
    assertEquals(0, differing, name + ": " + differing + " rows differ, first: " + first);
  }

  /** An oracle independent of Spark: count strictly greater values per scope in plain Java. */
  private static void assertMatchesJavaCount(String name, List<Row> rows, List<Row> ranked) {
    Map<List<Object>, List<BigDecimal>> byScope = new HashMap<>();
    for (Row row : rows) {
      byScope.computeIfAbsent(List.of(row.get(1), row.get(2)), k -> new ArrayList<>())
          .add(row.getDecimal(3));
    }
    Map<List<Object>, BigDecimal[]> sortedByScope = new HashMap<>();
    byScope.forEach((k, v) -> {
      BigDecimal[] a = v.toArray(new BigDecimal[0]);
      Arrays.sort(a);
      sortedByScope.put(k, a);
    });
    assertEquals(rows.size(), ranked.size(), name + ": row count");
    for (int i = 0; i < rows.size(); i++) {
      Row in = rows.get(i);
      Row out = ranked.get(i);
      assertEquals(in.getLong(0), out.getLong(0), name + ": ids");
      BigDecimal[] values = sortedByScope.get(List.of(in.get(1), in.get(2)));
      int firstAbove = upperBound(values, in.getDecimal(3));
      assertEquals(values.length - firstAbove, out.getLong(out.fieldIndex(GREATER)),
          name + ": greater of id " + in.getLong(0));
      assertEquals(values.length, out.getLong(out.fieldIndex(POPULATION)),
          name + ": population of id " + in.getLong(0));
    }
  }

  private static int upperBound(BigDecimal[] sorted, BigDecimal v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].compareTo(v) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static Dataset<Row> rank(PercentileRanker ranker, Dataset<Row> data) {
    return ranker.rank(data, SCOPE, "value", GREATER, POPULATION);
  }

  /** All columns, ordered by the unique id, so two results compare row for row. */
  private static List<Row> sorted(Dataset<Row> ranked) {
    List<Row> out = new ArrayList<>(ranked.collectAsList());
    out.sort((a, b) -> Long.compare(a.getLong(0), b.getLong(0)));
    assertTrue(out.stream().map(x -> x.getLong(0)).distinct().count() == out.size());
    return out;
  }

  private static Row row(long id, String city, int year, BigDecimal value) {
    return RowFactory.create(id, city, year, value);
  }

  private Dataset<Row> df(List<Row> rows, DecimalType type) {
    StructType schema = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("city", DataTypes.StringType, true)
        .add("snapshot_year", DataTypes.IntegerType, false)
        .add("value", type, false);
    return spark().createDataFrame(rows, schema);
  }
}
