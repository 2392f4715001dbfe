package com.customerrating.config;

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
import java.util.regex.Pattern;

/** The dataset config and the model files it names, loaded and checked once at start-up. */
public final class JobConfig {

  /** City folder names: lower-case letters, digits, '-' and '_' only; they reach paths and predicates. */
  public static final Pattern CITY_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

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
      if (!CITY_NAME.matcher(city).matches()) {
        throw ds.error(city, "a city name must match " + CITY_NAME.pattern());
      }
      ConfigNode n = ds.child(city).allowOnly(DatasetConfig.KEY_MODEL, DatasetConfig.KEY_FORMAT,
          DatasetConfig.KEY_ENCODING, DatasetConfig.KEY_DELIMITER, DatasetConfig.KEY_MULTILINE,
          DatasetConfig.KEY_AS_OF, DatasetConfig.KEY_MAX_REJECT_RATE, DatasetConfig.KEY_COLUMNS);
      String modelId = n.string(DatasetConfig.KEY_MODEL);
      if (!CITY_NAME.matcher(modelId).matches()) {
        throw n.error(DatasetConfig.KEY_MODEL, "a model id must match " + CITY_NAME.pattern());
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
    return new JobConfig(file, Map.copyOf(out), Map.copyOf(models));
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

  /** Every load-time warning of every model, once each. */
  public List<String> warnings() {
    List<String> w = new ArrayList<>();
    models.values().forEach(m -> w.addAll(m.warnings()));
    return w;
  }
}
