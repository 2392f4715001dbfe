package com.customerrating.config;

import com.customerrating.model.RatingModel;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;

/**
 * How one city's yearly files look and which model rates them.
 *
 * @param columns canonical column → the name it has in the files, where that differs
 * @param maxRejectRate above this share of rejected rows a city and year is not published
 */
public record DatasetConfig(
    String city,
    RatingModel model,
    String format,
    Charset encoding,
    String delimiter,
    boolean multiLine,
    MonthDay asOf,
    BigDecimal maxRejectRate,
    Map<String, String> columns)
    implements Serializable {

  /** Keys of a dataset entry, each with its default and meaning. */
  public static final String KEY_MODEL = "model"; // required: id of a model file in models_dir
  public static final String KEY_FORMAT = "format"; // csv (default), parquet or json
  public static final String KEY_ENCODING = "encoding"; // UTF-8 (default) or GBK
  public static final String KEY_DELIMITER = "delimiter"; // "," (default)
  public static final String KEY_MULTILINE = "multiline"; // false (default): quoted newlines are malformed rows
  public static final String KEY_AS_OF = "as_of"; // "12-31" (default): month-day of the as-of date
  public static final String KEY_MAX_REJECT_RATE = "max_reject_rate"; // 0.10 (default)
  public static final String KEY_COLUMNS = "columns"; // {} (default): canonical → file column names

  public static final BigDecimal DEFAULT_MAX_REJECT_RATE = new BigDecimal("0.10");

  /** The snapshot's as-of date: every recency is measured from it, never from today. */
  public LocalDate asOfDate(int snapshotYear) {
    return asOf.atYear(snapshotYear);
  }

  /** The name a canonical column has in this dataset's files. */
  public String sourceName(String canonical) {
    return columns.getOrDefault(canonical, canonical);
  }
}
