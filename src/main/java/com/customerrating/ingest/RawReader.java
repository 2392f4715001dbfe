package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.to_json;

import com.customerrating.config.DatasetConfig;
import com.customerrating.model.input.DatasetSchema;
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
 * Reads one delivery's files for {@link Validator}. This is the read edge of the job: every value
 * stays text here, in the file's own column order, so nothing is lost or coerced before it is
 * judged, and each row can be given back as its raw text for the quarantine.
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

  /**
   * One file as read: its fields as text in file order ({@code c0 … c<n-1>}, then
   * {@link #CORRUPT}, the whole record where it is malformed, else null).
   *
   * @param fieldIndex for each schema field, its position among the file's fields, or -1 where
   *     the file lacks an optional column
   * @param rawText the record as text, rebuilt from the fields (CSV as written by Spark's CSV
   *     writer, JSON and Parquet rows as JSON objects); the quarantine keeps it for rejected rows
   * @param lineDelimiter for a CSV file read as lines ({@link CsvLines}), its delimiter: then
   *     {@code fields} holds the file's lines, split when they are checked, and {@code rawText}
   *     reads the split fields ({@link CsvLines#FIELDS}); null for every other file
   */
  public record RawFile(String file, Dataset<Row> fields, int fileFields, int[] fieldIndex, Column rawText,
      String lineDelimiter) {}

  /**
   * Session setting: read single-line UTF-8 CSV files as lines and split them in the job
   * ({@link CsvLines}; {@code true}, the default), or with Spark's CSV reader ({@code false}). Both
   * give the same records.
   */
  public static final String SPLIT_LINES = "spark.customerrating.csv.splitLines";

  /** A delivery's files, each read on its own (headers may differ in order and extra columns). */
  public record RawDelivery(Delivery delivery, List<RawFile> files) {}

  /** {@link #read(SparkSession, Delivery, DatasetSchema, boolean)} with the session's {@link #SPLIT_LINES}. */
  public static RawDelivery read(SparkSession spark, Delivery d, DatasetSchema schema) {
    return read(spark, d, schema, splitLines(spark));
  }

  /** @param splitLines read single-line UTF-8 CSV files as lines ({@link #SPLIT_LINES}) */
  public static RawDelivery read(SparkSession spark, Delivery d, DatasetSchema schema, boolean splitLines) {
    if (d.files().isEmpty()) {
      throw new DeliveryException(d.key() + ": no ." + d.dataset().format() + " files in " + d.directory()
          + (d.skipped().isEmpty() ? "" : " (skipped: " + String.join("; ", d.skipped().stream()
              .map(f -> f.file().replaceAll("^.*/", "") + ", " + f.reason()).toList()) + ")"));
    }
    List<RawFile> files = new ArrayList<>();
    for (String file : d.files()) {
      files.add(switch (d.dataset().format()) {
        case "csv" -> readCsv(spark, file, d.dataset(), schema, splitLines);
        case "json" -> readJson(spark, file, d.dataset(), schema);
        case "parquet" -> readParquet(spark, file, d.dataset(), schema);
        default -> throw new DeliveryException("unsupported format " + d.dataset().format());
      });
    }
    return new RawDelivery(d, files);
  }

  /** Bytes of each file's start that are checked against the configured encoding. */
  static final int ENCODING_PROBE_BYTES = 64 * 1024;

  /**
   * Refuses a file that is empty, or whose first {@value #ENCODING_PROBE_BYTES} bytes are not text
   * in the configured encoding, before Spark decodes it: a GBK file read as UTF-8 (or the other way
   * round) would otherwise turn into mojibake rows. Rows past the probe that do not decode still
   * carry U+FFFD and are rejected one by one by the validator.
   */
  static byte[] checkFile(SparkSession spark, String file, DatasetConfig ds) {
    byte[] head;
    long len;
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      len = fs.getFileStatus(p).getLen();
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
    return head;
  }

  /**
   * The header of a CSV file, BOM and surrounding blanks removed: the first non-blank record of the
   * probe's bytes, split at the delimiter outside quotes (the header Spark's CSV reader skips). Read
   * from the probe, not by a Spark job; only a header longer than the probe is left to Spark.
   */
  static List<String> csvHeader(SparkSession spark, String file, DatasetConfig ds) {
    byte[] head = checkFile(spark, file, ds);
    List<String> fromProbe = headerOf(new String(head, ds.encoding()), ds.delimiter(), head.length < ENCODING_PROBE_BYTES);
    if (fromProbe != null) {
      return fromProbe;
    }
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

  /**
   * The first non-blank record of {@code text} split into trimmed names; null when it does not end
   * in {@code text} (unless {@code whole}: the text is the whole file) or there is none.
   */
  static List<String> headerOf(String text, String delimiter, boolean whole) {
    int start = 0;
    while (start < text.length()) {
      int end = recordEnd(text, start);
      if (end < 0 && !whole) {
        return null;
      }
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      if (!line.replace("\uFEFF", "").trim().isEmpty()) {
        return split(line, delimiter);
      }
      start = end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
    }
    return null;
  }

  /** The index of the line break that ends the record starting at {@code from} (outside quotes), or -1. */
  private static int recordEnd(String text, int from) {
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> split(String line, String delimiter) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (!quoted && line.startsWith(delimiter, i)) {
        out.add(field.toString().replace("\uFEFF", "").trim());
        field.setLength(0);
        i += delimiter.length() - 1;
      } else {
        field.append(c);
      }
    }
    out.add(field.toString().replace("\uFEFF", "").trim());
    return out;
  }

  private static RawFile readCsv(SparkSession spark, String file, DatasetConfig ds, DatasetSchema schema,
      boolean splitLines) {
    List<String> header = csvHeader(spark, file, ds);
    Map<String, String> mapping = mapColumns(file, header, ds, schema);
    java.util.HashMap<String, String> writeOptions = new java.util.HashMap<>(Map.of("sep", ds.delimiter()));
    if (!ds.multiLine() && ds.encoding().equals(java.nio.charset.StandardCharsets.UTF_8) && splitLines) {
      Column[] fields = new Column[header.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = col(CsvLines.FIELDS).getItem(i).as(positional(i));
      }
      return new RawFile(file, CsvLines.read(spark, file), header.size(), fieldIndex(header, mapping, schema),
          to_csv(struct(fields), writeOptions), ds.delimiter());
    }
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      // positional names: the header row itself is skipped
      fields.add(DataTypes.createStructField(positional(i), DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> df = spark.read().schema(new StructType(fields.toArray(StructField[]::new)))
        .options(csvOptions(ds.delimiter(), ds.encoding().name(), ds.multiLine())).csv(file);
    Column rawText = to_csv(struct(positionalColumns(header.size())), writeOptions);
    return new RawFile(file, df, header.size(), fieldIndex(header, mapping, schema), rawText, null);
  }

  private static RawFile readJson(SparkSession spark, String file, DatasetConfig ds, DatasetSchema schema) {
    Dataset<Row> probe = spark.read().option("encoding", ds.encoding().name()).json(file);
    List<String> header = Arrays.stream(probe.columns()).filter(h -> !h.equals(CORRUPT)).toList();
    Map<String, String> mapping = mapColumns(file, header, ds, schema);
    List<StructField> fields = new ArrayList<>();
    for (String h : header) {
      fields.add(DataTypes.createStructField(h, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> df = spark.read().schema(new StructType(fields.toArray(StructField[]::new)))
        .option("encoding", ds.encoding().name()).option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT).json(file);
    return positionalFile(file, df, header, mapping, schema);
  }

  private static RawFile readParquet(SparkSession spark, String file, DatasetConfig ds, DatasetSchema schema) {
    Dataset<Row> df = spark.read().parquet(file);
    List<String> header = Arrays.asList(df.columns());
    Map<String, String> mapping = mapColumns(file, header, ds, schema);
    for (String h : header) {
      df = df.withColumn(h, col(h).cast("string"));
    }
    return positionalFile(file, df.withColumn(CORRUPT, lit(null).cast("string")), header, mapping, schema);
  }

  /** A JSON or Parquet file's columns renamed to positions; its raw text is the row as a JSON object. */
  private static RawFile positionalFile(String file, Dataset<Row> df, List<String> header, Map<String, String> mapping,
      DatasetSchema schema) {
    List<Column> select = new ArrayList<>();
    List<Column> named = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      select.add(col(header.get(i)).as(positional(i)));
      named.add(col(positional(i)).as(header.get(i)));
    }
    select.add(col(CORRUPT));
    Column rawText = to_json(struct(named.toArray(Column[]::new)));
    return new RawFile(file, df.select(select.toArray(Column[]::new)), header.size(),
        fieldIndex(header, mapping, schema), rawText, null);
  }

  /** The session's {@link #SPLIT_LINES} (default true); anything but true or false is a config error. */
  public static boolean splitLines(SparkSession spark) {
    String v = spark.conf().get(SPLIT_LINES, "true").trim();
    if (!v.equals("true") && !v.equals("false")) {
      throw new com.customerrating.common.ConfigException(SPLIT_LINES + ": expected true or false, got '" + v + "'");
    }
    return v.equals("true");
  }

  /**
   * The options every CSV file is read with, by Spark's reader and by {@link CsvLines}'s parser:
   * the header row skipped, RFC 4180 quoting, blanks kept, a malformed record kept whole in
   * {@link #CORRUPT}.
   */
  static Map<String, String> csvOptions(String delimiter, String encoding, boolean multiLine) {
    Map<String, String> o = new java.util.LinkedHashMap<>();
    o.put("header", "true");
    o.put("enforceSchema", "true");
    o.put("encoding", encoding);
    o.put("sep", delimiter);
    o.put("quote", "\"");
    o.put("escape", "\"");
    o.put("multiLine", String.valueOf(multiLine));
    o.put("mode", "PERMISSIVE");
    o.put("columnNameOfCorruptRecord", CORRUPT);
    o.put("ignoreLeadingWhiteSpace", "false");
    o.put("ignoreTrailingWhiteSpace", "false");
    return o;
  }

  static String positional(int i) {
    return "c" + i;
  }

  static Column[] positionalColumns(int n) {
    Column[] out = new Column[n];
    for (int i = 0; i < n; i++) {
      out[i] = col(positional(i));
    }
    return out;
  }

  private static int[] fieldIndex(List<String> header, Map<String, String> mapping, DatasetSchema schema) {
    List<String> names = schema.columnNames();
    int[] out = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String src = mapping.get(names.get(i));
      out[i] = src == null ? -1 : header.indexOf(src);
    }
    return out;
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
