package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;

import com.univocity.parsers.csv.CsvParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A UTF-8 CSV file whose records are single lines, read as text lines and split by the job itself,
 * with the records Spark's CSV reader would make of it. Why: in a profile of the 10M benchmark,
 * Spark's CSV parser (univocity) took 42% of the CPU time of the read-and-check stage, more than
 * reading the files and writing the staging copy together.
 *
 * <p>The same records as {@code spark.read().csv(file)} with the options of {@link RawReader}
 * ({@code header}, {@code multiLine=false}, {@code PERMISSIVE}, quote and escape {@code "}):
 *
 * <ul>
 *   <li>the lines are Spark's text lines (the same line reader: {@code \n}, {@code \r\n} or
 *       {@code \r} end a line, invalid UTF-8 reads as U+FFFD);
 *   <li>blank lines ({@code trim()} empty) are dropped, and the first non-blank line of the file
 *       is its header, as Spark's CSV reader does;
 *   <li>a line without a quote character (or NUL) whose number of fields matches the header is
 *       split at the delimiter, an empty field reading as null: what univocity gives for it, which
 *       {@code CsvLinesTest} checks on random lines;
 *   <li>every other line (quoted fields, a wrong number of fields, a NUL, a delimiter of more than
 *       one character) goes through univocity with the very settings Spark's CSV reader uses
 *       ({@link CSVOptions#asParserSettings}), and a line with the wrong number of fields is
 *       malformed, its text Spark's (the parser's current content), its fields padded with nulls.
 * </ul>
 */
public final class CsvLines {

  static final String LINE = "value";
  static final String BLOCK_START = "__block_start";
  /** Output columns besides the checked values: the fields as read, and the malformed-record text. */
  public static final String FIELDS = "__fields";
  public static final String CORRUPT = "__corrupt";

  private CsvLines() {}

  /** The file's lines with the start of the file block each was read from (0: the block holding the header). */
  static Dataset<Row> read(SparkSession spark, String file) {
    return spark.read().text(file).select(col(LINE), input_file_block_start().as(BLOCK_START));
  }

  /** The checked rows' type: {@link RowValidator#outputType}, then {@link #FIELDS} and {@link #CORRUPT}. */
  static StructType outputType(StructType checked) {
    List<StructField> out = new ArrayList<>(List.of(checked.fields()));
    out.add(DataTypes.createStructField(FIELDS, DataTypes.createArrayType(DataTypes.StringType, true), true));
    out.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    return new StructType(out.toArray(StructField[]::new));
  }

  /**
   * Splits each data line of a partition and checks it with {@code validator}. Keeps the fields as
   * read only where the raw text is needed: a rejected row, or every row with {@code keepRaw}.
   */
  static final class Checker implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final RowValidator validator;
    private final Splitter splitter;
    private final boolean keepRaw;

    Checker(RowValidator validator, String delimiter, boolean keepRaw) {
      this.validator = validator;
      this.splitter = new Splitter(delimiter, validator.fileFields());
      this.keepRaw = keepRaw;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> lines) {
      return new Iterator<>() {
        private long block = -1;
        private boolean headerAhead;
        private Row next;

        @Override
        public boolean hasNext() {
          while (next == null && lines.hasNext()) {
            Row in = lines.next();
            long start = in.getLong(1);
            if (start != block) {
              block = start;
              headerAhead = start == 0;
            }
            String line = in.getString(0);
            if (line.trim().isEmpty()) {
              continue;
            }
            if (headerAhead) {
              headerAhead = false;
              continue;
            }
            next = check(line);
          }
          return next != null;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row r = next;
          next = null;
          return r;
        }
      };
    }

    private Row check(String line) {
      Splitter.Record rec = splitter.split(line);
      List<Object> out = validator.check(rec.fields(), rec.corrupt());
      out.add(keepRaw || RowValidator.rejected(out) ? rec.fields() : null);
      out.add(rec.corrupt());
      return RowFactory.create(out.toArray());
    }
  }

  /** One line to the fields Spark's CSV reader makes of it. */
  static final class Splitter implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** A line's fields (exactly as many as the header has, null where empty) and its malformed-record text. */
    record Record(String[] fields, String corrupt) {}

    private final String delimiter;
    private final int width;
    /** Spark's settings, but room for a few more fields than the header has: see {@link #univocity}. */
    private transient CsvParser parser;
    /** Spark's settings as they are (20,480 fields): for a line with more fields than {@link #parser} takes. */
    private transient CsvParser wide;

    /** False: {@link #univocity} parses with Spark's settings only (the tests' reference). */
    private final boolean narrowFirst;

    Splitter(String delimiter, int width) {
      this(delimiter, width, true);
    }

    Splitter(String delimiter, int width, boolean narrowFirst) {
      this.delimiter = delimiter;
      this.width = width;
      this.narrowFirst = narrowFirst;
    }

    Record split(String line) {
      if (delimiter.length() == 1 && line.indexOf('"') < 0 && line.indexOf('\u0000') < 0) {
        String[] fields = plain(line, delimiter.charAt(0));
        if (fields != null) {
          return new Record(fields, null);
        }
      }
      return univocity(line);
    }

    /** The fields of a line without quotes, or null when it has not exactly {@code width} of them. */
    private String[] plain(String line, char d) {
      String[] out = new String[width];
      int start = 0;
      for (int i = 0; i < width - 1; i++) {
        int end = line.indexOf(d, start);
        if (end < 0) {
          return null;
        }
        out[i] = end == start ? null : line.substring(start, end);
        start = end + 1;
      }
      if (line.indexOf(d, start) >= 0) {
        return null;
      }
      out[width - 1] = start == line.length() ? null : line.substring(start);
      return out;
    }

    /** As Spark's CSV reader: univocity's tokens, empty ones null; a wrong count makes the row malformed. */
    Record univocity(String line) {
      if (parser == null) {
        com.univocity.parsers.csv.CsvParserSettings narrow = sparkOptions(delimiter).asParserSettings();
        // univocity clears an array of maxColumns entries for every line it parses: 20,480 with
        // Spark's settings, about 5 µs a line. A line with more fields than this parser takes
        // fails in it and is parsed again by one with Spark's settings, so the records are the same.
        if (narrowFirst) {
          narrow.setMaxColumns(width + 2);
        }
        parser = new CsvParser(narrow);
      }
      CsvParser used = parser;
      String[] tokens;
      try {
        tokens = used.parseLine(line);
      } catch (com.univocity.parsers.common.TextParsingException e) {
        if (wide == null) {
          wide = new CsvParser(sparkOptions(delimiter).asParserSettings());
        }
        used = wide;
        tokens = used.parseLine(line);
      }
      String[] fields = new String[width];
      int n = tokens == null ? 0 : Math.min(tokens.length, width);
      for (int i = 0; i < n; i++) {
        fields[i] = tokens[i] == null || tokens[i].isEmpty() ? null : tokens[i];
      }
      if (tokens != null && tokens.length == width) {
        return new Record(fields, null);
      }
      String content = used.getContext() == null ? null : used.getContext().currentParsedContent();
      return new Record(fields, content == null ? null : stripLineEnd(content));
    }

    /** Scala's {@code stripLineEnd}, which Spark applies to the text of a malformed record: one LF, CRLF or FF. */
    static String stripLineEnd(String s) {
      int n = s.length();
      if (n == 0) {
        return s;
      }
      char last = s.charAt(n - 1);
      if (last == '\n') {
        return s.substring(0, n >= 2 && s.charAt(n - 2) == '\r' ? n - 2 : n - 1);
      }
      return last == '\f' ? s.substring(0, n - 1) : s;
    }
  }

  /** The CSV options {@link RawReader} reads single-line files with, as Spark's own {@link CSVOptions}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static CSVOptions sparkOptions(String delimiter) {
    Map<String, String> o = RawReader.csvOptions(delimiter, "UTF-8", false);
    scala.collection.immutable.Map scalaMap =
        JavaConverters.mapAsScalaMapConverter(o).asScala().toMap((scala.Predef.$less$colon$less) scala.Predef.$conforms());
    return new CSVOptions(scalaMap, false, "UTC", RawReader.CORRUPT);
  }
}
