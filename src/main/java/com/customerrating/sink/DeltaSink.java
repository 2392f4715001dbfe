package com.customerrating.sink;

import static org.apache.spark.sql.functions.col;

import com.customerrating.common.CityYear;
import io.delta.tables.DeltaTable;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The write edge of the job. A run replaces exactly the city-year partitions it publishes, in one
 * atomic Delta commit per table ({@code replaceWhere}); every other partition keeps its files, and
 * earlier versions stay readable by time travel.
 *
 * <p>A table is created by the commit of its first rows, with its NOT NULL columns and CHECK
 * constraints ({@link TableSpec}) as table properties, so an impossible row fails the commit
 * instead of being published, from the first commit on. A commit that loses a race with another
 * run (Delta's concurrent-modification exceptions) is retried a bounded number of times: a
 * replaceWhere of the same partitions with the same rows is idempotent, and Delta's optimistic
 * concurrency guarantees that the table is never left half-written.
 */
public final class DeltaSink {

  /** Commits tried per write before giving up. */
  public static final int MAX_ATTEMPTS = 6;

  /** Where notices of retries go (the job's progress stream by default: standard error). */
  public static volatile Consumer<String> notices = System.err::println;

  private DeltaSink() {}

  /** A write that kept losing to concurrent commits; the message says what to do. */
  public static final class ConcurrentWriteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentWriteFailure(String message) {
      super(message);
    }
  }

  /** As {@link #replacePartitions(Dataset, List, String, Collection, TableSpec)} with the table's model-independent constraints. */
  public static void replacePartitions(Dataset<Row> rows, List<String> columns, String path, Collection<CityYear> parts) {
    replacePartitions(rows, columns, path, parts, Tables.spec(Tables.name(path)));
  }

  /**
   * Replaces {@code parts} of the table at {@code path} with {@code rows} (which must lie inside
   * them; Delta refuses the commit otherwise), in one commit. Creates the table, with its
   * constraints, on first use.
   */
  public static void replacePartitions(Dataset<Row> rows, List<String> columns, String path,
      Collection<CityYear> parts, TableSpec spec) {
    if (parts.isEmpty()) {
      return;
    }
    Dataset<Row> out = crashingIfArmed(rows.select(columns.stream().map(c -> col(c)).toArray(Column[]::new)), path);
    String where = CityYear.predicate(parts);
    withRetry(path, () -> writeSettingUp(out.sparkSession(), path, out.schema(), spec, created -> out.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", where)
        .options(created)
        .partitionBy(Tables.PARTITION_COLUMNS.toArray(String[]::new))
        .save(path)));
  }

  /** Appends rows (the run log) in one commit. */
  public static void append(Dataset<Row> rows, String path) {
    append(rows, path, Tables.spec(Tables.name(path)));
  }

  /**
   * Appends in one commit; a column the table lacks (one a later version of the job added, such as
   * run_log's skipped_files) is added to it by the same commit.
   */
  public static void append(Dataset<Row> rows, String path, TableSpec spec) {
    withRetry(path, () -> writeSettingUp(rows.sparkSession(), path, rows.schema(), spec, created -> rows.write()
        .format("delta").mode(SaveMode.Append).option("mergeSchema", "true")
        .options(created)
        .partitionBy(Tables.PARTITION_COLUMNS.toArray(String[]::new))
        .save(path)));
  }

  /** The CHECK constraint that stands for NOT NULL on the columns of a table created without it. */
  static final String REQUIRED_VALUES = "required_values";

  /** One lock per table path: writers of one JVM (the models of a run) set a table up one at a time. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Object> SETUP_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Runs {@code write}, given the options that create the table when there is none at {@code path}:
   * the table is then created by the commit of its first rows, with its constraints and statistics
   * columns as table properties ({@link #creationProperties}), and no commit of its own to set up
   * and to read back. On an existing table, {@link #ensureTable} first adds what the table lacks,
   * and {@code write} gets no options.
   *
   * <p>One thread of this JVM at a time per table decides and, when it creates the table, writes:
   * the models of a run share the quarantine table, and the second finds it created instead of
   * racing the first to create it. Other processes' runs still race; the loser's commit of version
   * 0 fails as a concurrent change, and {@link #withRetry} tries again on the table that now exists.
   */
  private static void writeSettingUp(SparkSession spark, String path, StructType schema, TableSpec spec,
      Consumer<Map<String, String>> write) {
    synchronized (SETUP_LOCKS.computeIfAbsent(path, k -> new Object())) {
      if (!DeltaTable.isDeltaTable(spark, qualified(spark, path))) {
        write.accept(creationProperties(schema, spec));
        return;
      }
      ensureTable(spark, path, schema, spec);
    }
    write.accept(Map.of());
  }

  /**
   * The table properties that give a new table at {@code schema} everything of {@code spec}: its
   * CHECK constraints, NOT NULL as the CHECK constraint {@value #REQUIRED_VALUES} (a table that Delta
   * creates from a write's rows has nullable columns), and its statistics columns. Delta enforces
   * them from the creating commit on.
   */
  static Map<String, String> creationProperties(StructType schema, TableSpec spec) {
    List<String> have = java.util.Arrays.asList(schema.fieldNames());
    Map<String, String> out = new java.util.LinkedHashMap<>();
    checksFor(spec, spec.notNull().stream().filter(have::contains).toList())
        .forEach((name, expr) -> out.put(CONSTRAINT_PREFIX + name.toLowerCase(Locale.ROOT), expr));
    if (!spec.statsColumns().isEmpty()) {
      out.put(TableSpec.STATS_COLUMNS, String.join(",", spec.statsColumns()));
    }
    return out;
  }

  /** The CHECK constraints of {@code spec}, plus {@value #REQUIRED_VALUES} over the {@code nullable} columns it requires. */
  private static Map<String, String> checksFor(TableSpec spec, Collection<String> nullable) {
    Map<String, String> checks = new java.util.LinkedHashMap<>(spec.checks());
    if (!nullable.isEmpty()) {
      checks.put(REQUIRED_VALUES, nullable.stream().sorted().map(c -> c + " IS NOT NULL")
          .collect(Collectors.joining(" AND ")));
    }
    return checks;
  }

  /**
   * Brings the table at {@code path} to {@code spec}; creates it, empty, if it does not exist, in
   * one commit with the same properties as a table created by its first write
   * ({@link #creationProperties}). On an existing table, adds what it lacks: a column a later
   * version writes, NOT NULL on a column (as the CHECK constraint {@value #REQUIRED_VALUES}: Delta
   * cannot make an existing column NOT NULL), a missing constraint (one whose expression changed is
   * replaced), the statistics columns; each such change is its own small, idempotent commit, so a
   * crash between them leaves nothing that the next run does not finish. An existing table that
   * already has everything costs two reads of its metadata, no job.
   */
  public static void ensureTable(SparkSession spark, String tablePath, StructType schema, TableSpec spec) {
    String path = qualified(spark, tablePath);
    String stats = String.join(",", spec.statsColumns());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      StructType nullable = new StructType(java.util.Arrays.stream(schema.fields())
          .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
      io.delta.tables.DeltaTableBuilder create = DeltaTable.createIfNotExists(spark).location(path)
          .addColumns(nullable).partitionedBy(Tables.PARTITION_COLUMNS.toArray(String[]::new));
      for (Map.Entry<String, String> e : creationProperties(schema, spec).entrySet()) {
        create = create.property(e.getKey(), e.getValue());
      }
      create.execute();
    }
    String ref = sqlRef(spark, path);
    Map<String, String> props = properties(spark, ref);
    StructType current = spark.read().format("delta").load(path).schema();
    List<String> have = java.util.Arrays.asList(current.fieldNames());
    // A column a later version of the job writes (e.g. tier_summary's deal value) is added to an
    // existing table first, empty in the partitions written before.
    for (StructField f : schema.fields()) {
      if (!have.contains(f.name())) {
        spark.sql("ALTER TABLE " + ref + " ADD COLUMNS (" + f.name() + " " + f.dataType().sql() + ")");
      }
    }
    // Delta cannot make an existing column NOT NULL; a table created by an earlier version gets the
    // same guarantee as a CHECK constraint instead (which checks the rows already there once).
    Map<String, String> checks = checksFor(spec,
        spec.notNull().stream().filter(c -> have.contains(c) && current.apply(c).nullable()).toList());
    if (!stats.isEmpty() && !stats.equals(props.get(TableSpec.STATS_COLUMNS))) {
      spark.sql("ALTER TABLE " + ref + " SET TBLPROPERTIES ('" + TableSpec.STATS_COLUMNS + "' = '" + stats + "')");
    }
    for (Map.Entry<String, String> e : checks.entrySet()) {
      String before = props.get(CONSTRAINT_PREFIX + e.getKey().toLowerCase(Locale.ROOT));
      if (before != null && sameExpression(before, e.getValue())) {
        continue;
      }
      if (before != null) {
        spark.sql("ALTER TABLE " + ref + " DROP CONSTRAINT " + e.getKey());
      }
      try {
        spark.sql("ALTER TABLE " + ref + " ADD CONSTRAINT " + e.getKey() + " CHECK (" + e.getValue() + ")");
      } catch (Exception ex) { // Spark's AnalysisException is checked in Java but thrown undeclared from Scala
        // Another run added the same constraint since we read the table's properties: nothing to do.
        String m = String.valueOf(ex.getMessage());
        int old = m.indexOf("Old constraint:");
        if (!m.contains("DELTA_CONSTRAINT_ALREADY_EXISTS") || old < 0
            || !sameExpression(m.substring(old + "Old constraint:".length()).trim().split("\n")[0], e.getValue())) {
          throw unchecked(ex);
        }
      }
    }
  }

  /**
   * {@code path} qualified against its file system ({@code file:/…/quarantine/rejected_records}
   * for the default relative root). Delta's table builder and its {@code delta.`…`} names take a
   * path as a path only when it is absolute; a relative one would be read as a table name.
   */
  static String qualified(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      return p.getFileSystem(spark.sessionState().newHadoopConf()).makeQualified(p).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot resolve the table path " + path, e);
    }
  }

  /** The SQL name of the table at {@code path}: {@code delta.`<qualified path>`}. */
  static String sqlRef(SparkSession spark, String path) {
    return "delta.`" + qualified(spark, path).replace("`", "``") + "`";
  }

  /** Where Delta keeps the CHECK constraints among a table's properties. */
  static final String CONSTRAINT_PREFIX = "delta.constraints.";

  /** A table's properties, from its metadata (no scan of its files). */
  private static Map<String, String> properties(SparkSession spark, String ref) {
    Map<String, String> out = new java.util.HashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES " + ref).collectAsList()) { // a few rows of metadata
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** Delta stores a constraint's expression re-formatted (e.g. {@code IN ( 'A' , 'B' )}): compare without blanks. */
  static boolean sameExpression(String a, String b) {
    return a.replaceAll("\\s+", "").equalsIgnoreCase(b.replaceAll("\\s+", ""));
  }

  /** The constraint name → expression of the table at {@code path}. */
  public static Map<String, String> constraints(SparkSession spark, String path) {
    Map<String, String> props = properties(spark, sqlRef(spark, path));
    return props.entrySet().stream().filter(e -> e.getKey().startsWith(CONSTRAINT_PREFIX))
        .collect(Collectors.toMap(e -> e.getKey().substring(CONSTRAINT_PREFIX.length()), Map.Entry::getValue));
  }

  /**
   * Runs {@code write} until it commits, retrying when it loses a race with another writer (up to
   * {@link #MAX_ATTEMPTS} tries, with a short randomised back-off).
   */
  static void withRetry(String path, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (Exception e) { // including AnalysisException, checked in Java but thrown undeclared from Scala
        Throwable conflict = concurrentCause(e);
        if (conflict == null) {
          throw unchecked(e);
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new ConcurrentWriteFailure(Tables.name(path) + ": gave up after " + attempt
              + " attempts, another run kept committing to the same table (" + conflict.getClass().getSimpleName()
              + "); the table holds the other run's complete commit. Run again once the other run has finished.");
        }
        notices.accept(Tables.name(path) + ": commit lost a race with another run ("
            + conflict.getClass().getSimpleName() + "), retrying (" + (attempt + 1) + "/" + MAX_ATTEMPTS + ")");
        try {
          Thread.sleep(200L * attempt + ThreadLocalRandom.current().nextLong(300));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw unchecked(e);
        }
      }
    }
  }

  /** {@code e} itself when unchecked, else wrapped with its message kept (Spark's AnalysisException is a checked type). */
  public static RuntimeException unchecked(Exception e) {
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  /** The concurrent-modification exception behind {@code e} (Delta's conflicts, a lost race to create the table), or null. */
  static Throwable concurrentCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.ConcurrentModificationException
          || t instanceof java.nio.file.FileAlreadyExistsException
          || t instanceof org.apache.hadoop.fs.FileAlreadyExistsException) {
        return t;
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("DELTA_CONSTRAINT_ALREADY_EXISTS") || m.contains("DELTA_CONSTRAINT_DOES_NOT_EXIST")) {
        return t; // another run added (or replaced) the same constraint between our read and our ALTER
      }
      if (m.contains("DELTA_TABLE_NOT_FOUND")) {
        return t; // another run is creating the table: its log directory exists, its first commit not yet
      }
      String n = t.getClass().getName();
      if (n.startsWith("io.delta.exceptions.Concurrent") || n.endsWith("ProtocolChangedException")
          || n.endsWith("MetadataChangedException")) {
        return t;
      }
    }
    return null;
  }

  /** Under the {@code write_task:<table>} crash point, rows flow through a task that halts the JVM mid-write. */
  private static Dataset<Row> crashingIfArmed(Dataset<Row> rows, String path) {
    String point = "write_task:" + Tables.name(path);
    if (!CrashPoint.armed(point)) {
      return rows;
    }
    return rows.mapPartitions(new HaltMidPartition(point), Encoders.row(rows.schema()));
  }

  private static final class HaltMidPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String point;

    HaltMidPartition(String point) {
      this.point = point;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      return new Iterator<>() {
        private int served;

        @Override
        public boolean hasNext() {
          return in.hasNext();
        }

        @Override
        public Row next() {
          if (++served == 2) {
            CrashPoint.halt(point); // the writer holds an open, unfinished parquet file here
          }
          return in.next();
        }
      };
    }
  }
}
