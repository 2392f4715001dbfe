package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.customerrating.config.DatasetConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one delivery's files into the all-text frame that {@link Validator} checks. This is the
 * read edge of the job: every value stays text here, so nothing is lost or coerced before it is
 * judged, and each row keeps its raw text and source file for the quarantine.
 */
public final class RawReader {

  public static final String CORRUPT = "_corrupt_record";

  private RawReader() {}

  /** A delivery that cannot be read as a whole: the message names the file and the column. */
  public static final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
      super(message);
    }
  }

  public static Dataset<Row> read(SparkSession spark, Delivery d, DatasetSchema schema) {
    if (d.files().isEmpty()) {
      throw new DeliveryException(d.key() + ": no ." + d.dataset().format() + " files in " + d.directory());
    }
    Dataset<Row> all = null;
    for (String file : d.files()) {
      Dataset<Row> one = switch (d.dataset().format()) {
        case "csv" -> readCsv(spark, file, d.dataset(), schema);
        case "json" -> readJson(spark, file, d.dataset(), schema);
        case "parquet" -> readParquet(spark, file, d.dataset(), schema);
        default -> throw new DeliveryException("unsupported format " + d.dataset().format());
      };
      all = all == null ? one : all.unionByName(one);
    }
    LocalDate asOf = d.dataset().asOfDate(d.year());
    return all.withColumn("city", lit(d.city()))
        .withColumn("snapshot_year", lit(d.year()))
        .withColumn("as_of_date", lit(java.sql.Date.valueOf(asOf)));
  }

  /** Bytes of each file's start that are checked against the configured encoding. */
  static final int ENCODING_PROBE_BYTES = 64 * 1024;

  /**
   * Refuses a file that is empty, or whose first {@value #ENCODING_PROBE_BYTES} bytes are not text
   * in the configured encoding, before Spark decodes it: a GBK file read as UTF-8 (or the other way
   * round) would otherwise turn into mojibake rows. Rows past the probe that do not decode still
   * carry U+FFFD and are rejected one by one by the validator.
   */
  static void checkFile(SparkSession spark, String file, DatasetConfig ds) {
    byte[] head;
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long len = fs.getFileStatus(p).getLen();
      if (len == 0) {
        throw new DeliveryException(file + ": empty file, no header row");
      }
      head = new byte[(int) Math.min(len, ENCODING_PROBE_BYTES)];
      try (java.io.InputStream in = fs.open(p)) {
        int off = 0;
        while (off < head.length) {
          int n = in.read(head, off, head.length - off);
          if (n < 0) {
            break;
          }
          off += n;
        }
        if (off < head.length) {
          head = Arrays.copyOf(head, off);
        }
      }
    } catch (java.io.IOException e) {
      throw new DeliveryException(file + ": cannot be read: " + e.getMessage());
    }
    String problem = EncodingProbe.problem(head, ds.encoding());
    if (problem != null) {
      throw new DeliveryException(file + ": " + problem);
    }
  }

  /** The header of a CSV file, BOM and surrounding blanks removed. */
  static List<String> csvHeader(SparkSession spark, String file, DatasetConfig ds) {
    checkFile(spark, file, ds);
    String[] cols;
    try {
      cols = spark.read().option("header", "true").option("encoding", ds.encoding().name())
          .option("sep", ds.delimiter()).option("inferSchema", "false").csv(file).columns();
    } catch (Exception e) {
      throw new DeliveryException(file + ": empty file, no header row");
    }
    List<String> out = new ArrayList<>();
    for (String c : cols) {
      out.add(c.replace("\uFEFF", "").trim());
    }
    return out;
  }

  private static Dataset<Row> readCsv(SparkSession spark, String file, DatasetConfig ds, DatasetSchema schema) {
    List<String> header = csvHeader(spark, file, ds);
    Map<String, String> mapping = mapColumns(file, header, ds, schema);
    List<StructField> fields = new ArrayList<>();
    List<String> physical = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String name = "c" + i; // positional names: the header row itself is skipped
      physical.add(name);
      fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> df = spark.read()
        .schema(new StructType(fields.toArray(StructField[]::new)))
        .option("header", "true")
        .option("enforceSchema", "true")
        .option("encoding", ds.encoding().name())
        .option("sep", ds.delimiter())
        .option("quote", "\"")
        .option("escape", "\"")
        .option("multiLine", String.valueOf(ds.multiLine()))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false")
        .csv(file);
    Map<String, String> opts = Map.of("sep", ds.delimiter());
    Column rebuilt = to_csv(struct(physical.stream().map(c -> col(c)).toArray(Column[]::new)),
        new java.util.HashMap<>(opts));
    List<Column> select = new ArrayList<>();
    select.add(lit(file).as("source_file"));
    select.add(when(col(CORRUPT).isNotNull(), col(CORRUPT)).otherwise(rebuilt).as("raw_record"));
    select.add(col(CORRUPT).isNotNull().as("malformed"));
    for (String c : schema.columnNames()) {
      String src = mapping.get(c);
      select.add(src == null ? lit(null).cast("string").as(c) : col("c" + header.indexOf(src)).as(c));
    }
    return df.select(select.toArray(Column[]::new));
  }

  private static Dataset<Row> readJson(SparkSession spark, String file, DatasetConfig ds, DatasetSchema schema) {
    Dataset<Row> probe = spark.read().option("encoding", ds.encoding().name()).json(file);
    List<String> header = Arrays.asList(probe.columns());
    Map<String, String> mapping = mapColumns(file, header, ds, schema);
    List<StructField> fields = new ArrayList<>();
    for (String h : header) {
      if (!h.equals(CORRUPT)) {
        fields.add(DataTypes.createStructField(h, DataTypes.StringType, true));
      }
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> df = spark.read().schema(new StructType(fields.toArray(StructField[]::new)))
        .option("encoding", ds.encoding().name()).option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT).json(file);
    return selectMapped(df, file, header, mapping, schema, col(CORRUPT));
  }

  private static Dataset<Row> readParquet(SparkSession spark, String file, DatasetConfig ds, DatasetSchema schema) {
    Dataset<Row> df = spark.read().parquet(file);
    List<String> header = Arrays.asList(df.columns());
    Map<String, String> mapping = mapColumns(file, header, ds, schema);
    for (String h : header) {
      df = df.withColumn(h, col(h).cast("string"));
    }
    return selectMapped(df.withColumn(CORRUPT, lit(null).cast("string")), file, header, mapping, schema, col(CORRUPT));
  }

  private static Dataset<Row> selectMapped(Dataset<Row> df, String file, List<String> header,
      Map<String, String> mapping, DatasetSchema schema, Column corrupt) {
    List<Column> cols = header.stream().filter(h -> !h.equals(CORRUPT)).map(h -> col(h)).toList();
    List<Column> select = new ArrayList<>();
    select.add(lit(file).as("source_file"));
    select.add(when(corrupt.isNotNull(), corrupt).otherwise(to_json(struct(cols.toArray(Column[]::new)))).as("raw_record"));
    select.add(corrupt.isNotNull().as("malformed"));
    for (String c : schema.columnNames()) {
      String src = mapping.get(c);
      select.add(src == null ? lit(null).cast("string").as(c) : col(src).as(c));
    }
    return df.select(select.toArray(Column[]::new));
  }

  /**
   * Canonical column → file column. A column the schema needs that the header lacks fails the
   * delivery, naming the file and the column.
   */
  static Map<String, String> mapColumns(String file, List<String> header, DatasetConfig ds, DatasetSchema schema) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String c : schema.columnNames()) {
      String src = ds.sourceName(c);
      if (header.contains(src)) {
        out.put(c, src);
      } else if (schema.headerColumns().contains(c)) {
        missing.add(src.equals(c) ? c : src + " (for " + c + ")");
      }
    }
    if (!missing.isEmpty()) {
      String hint = "";
      if (header.size() == 1 && !ds.delimiter().equals(";") && header.get(0).contains(";")) {
        hint = " (the header looks ';'-delimited; set delimiter in the dataset config)";
      } else if (header.size() == 1 && header.get(0).contains("\t")) {
        hint = " (the header looks tab-delimited)";
      } else if (out.isEmpty()) {
        hint = " (the first line has none of the expected column names: is the header row missing?)";
      }
      throw new DeliveryException(file + ": missing required column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + hint);
    }
    return out;
  }
}
