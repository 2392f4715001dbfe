package com.customerrating.config;

import com.customerrating.common.CityYear;
import com.customerrating.common.ConfigException;
import com.customerrating.common.ConfigNode;
import com.customerrating.model.ModelLoader;
import com.customerrating.model.RatingModel;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The dataset config and the model files it names, loaded and checked once at start-up. */
public final class JobConfig {

  private static final Set<String> FORMATS = Set.of("csv", "parquet", "json");

  private final Path file;
  private final Map<String, DatasetConfig> datasets;
  private final Map<String, RatingModel> models;

  private JobConfig(Path file, Map<String, DatasetConfig> datasets, Map<String, RatingModel> models) {
    this.file = file;
    this.datasets = datasets;
    this.models = models;
  }

  public static JobConfig load(Path file) {
    ConfigNode root = ConfigNode.load(file).allowOnly("models_dir", "datasets");
    Path dir = file.toAbsolutePath().getParent();
    Path modelsDir = dir.resolve(root.string("models_dir", "models"));
    ConfigNode ds = root.child("datasets");
    if (ds.keys().isEmpty()) {
      throw ds.error("no datasets configured");
    }
    Map<String, RatingModel> models = new TreeMap<>();
    Map<String, DatasetConfig> out = new LinkedHashMap<>();
    for (String city : ds.keys()) {
      if (!CityYear.CITY_NAME.matcher(city).matches()) {
        throw ds.error(city, "a city name must match " + CityYear.CITY_NAME.pattern());
      }
      ConfigNode n = ds.child(city).allowOnly(DatasetConfig.KEY_MODEL, DatasetConfig.KEY_FORMAT,
          DatasetConfig.KEY_ENCODING, DatasetConfig.KEY_DELIMITER, DatasetConfig.KEY_MULTILINE,
          DatasetConfig.KEY_AS_OF, DatasetConfig.KEY_MAX_REJECT_RATE, DatasetConfig.KEY_COLUMNS);
      String modelId = n.string(DatasetConfig.KEY_MODEL);
      if (!ModelLoader.ID.matcher(modelId).matches()) {
        throw n.error(DatasetConfig.KEY_MODEL, "a model id must match " + ModelLoader.ID.pattern());
      }
      RatingModel model = models.get(modelId);
      if (model == null) {
        Path mf = modelsDir.resolve(modelId + ".yaml");
        if (!mf.toFile().isFile()) {
          throw n.error(DatasetConfig.KEY_MODEL, "no model file " + mf);
        }
        model = ModelLoader.load(mf);
        if (!model.id().equals(modelId)) {
          throw new ConfigException(mf.toString(), "id", "is '" + model.id() + "' but the file is named for '" + modelId + "'");
        }
        models.put(modelId, model);
      }
      String format = n.string(DatasetConfig.KEY_FORMAT, "csv");
      if (!FORMATS.contains(format)) {
        throw n.error(DatasetConfig.KEY_FORMAT, "expected one of " + FORMATS + ", got '" + format + "'");
      }
      Charset cs;
      try {
        cs = Charset.forName(n.string(DatasetConfig.KEY_ENCODING, "UTF-8"));
      } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
        throw n.error(DatasetConfig.KEY_ENCODING, "unknown encoding '" + n.string(DatasetConfig.KEY_ENCODING) + "'");
      }
      MonthDay asOf;
      try {
        asOf = MonthDay.parse("--" + n.string(DatasetConfig.KEY_AS_OF, "12-31"), DateTimeFormatter.ofPattern("--MM-dd"));
      } catch (DateTimeException e) {
        throw n.error(DatasetConfig.KEY_AS_OF, "expected a month-day such as \"12-31\"");
      }
      BigDecimal maxReject = n.decimal(DatasetConfig.KEY_MAX_REJECT_RATE, DatasetConfig.DEFAULT_MAX_REJECT_RATE);
      if (maxReject.signum() < 0 || maxReject.compareTo(BigDecimal.ONE) > 0) {
        throw n.error(DatasetConfig.KEY_MAX_REJECT_RATE, "must be between 0 and 1");
      }
      String delimiter = n.string(DatasetConfig.KEY_DELIMITER, ",");
      out.put(city, new DatasetConfig(city, model, format, cs, delimiter,
          n.bool(DatasetConfig.KEY_MULTILINE, false), asOf, maxReject, n.stringMap(DatasetConfig.KEY_COLUMNS)));
    }
    checkTables(models);
    return new JobConfig(file, Map.copyOf(out), Map.copyOf(models));
  }

  /**
   * Models may share a ratings table only when they give it the same columns: one table, one
   * schema. Two that differ fail, naming both files and the first column that differs.
   */
  static void checkTables(Map<String, RatingModel> models) {
    Map<String, RatingModel> byTable = new TreeMap<>();
    for (RatingModel m : models.values()) {
      RatingModel other = byTable.putIfAbsent(m.table(), m);
      if (other != null && !other.tableSignature().equals(m.tableSignature())) {
        String diff = firstDifference(other.tableSignature(), m.tableSignature());
        throw new ConfigException(m.source(), "table", "'" + m.table() + "' is also the ratings table of model "
            + other.id() + " (" + other.source() + ") with other columns (" + diff + "): give each model its own table");
      }
    }
  }

  private static String firstDifference(Map<String, String> a, Map<String, String> b) {
    List<String> ka = new ArrayList<>(a.keySet());
    List<String> kb = new ArrayList<>(b.keySet());
    for (int i = 0; i < Math.max(ka.size(), kb.size()); i++) {
      String x = i < ka.size() ? ka.get(i) + " " + a.get(ka.get(i)) : "nothing";
      String y = i < kb.size() ? kb.get(i) + " " + b.get(kb.get(i)) : "nothing";
      if (!x.equals(y)) {
        return "column " + (i + 1) + ": " + x + " there, " + y + " here";
      }
    }
    return "same columns";
  }

  public Path file() {
    return file;
  }

  public DatasetConfig dataset(String city) {
    return datasets.get(city);
  }

  public Map<String, DatasetConfig> datasets() {
    return datasets;
  }

  public Map<String, RatingModel> models() {
    return models;
  }

  /** The configured models that write the ratings table {@code table} (they give it the same columns). */
  public List<RatingModel> modelsOfTable(String table) {
    return models.values().stream().filter(m -> m.table().equals(table)).toList();
  }

  /** Every load-time warning of every model, once each. */
  public List<String> warnings() {
    List<String> w = new ArrayList<>();
    models.values().forEach(m -> w.addAll(m.warnings()));
    return w;
  }
}
