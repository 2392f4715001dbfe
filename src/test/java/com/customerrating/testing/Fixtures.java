package com.customerrating.testing;

import com.customerrating.config.JobConfig;
import com.customerrating.model.ModelLoader;
import com.customerrating.model.RatingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Tiny named inputs for scorer tests, typed as validation leaves them. */
public final class Fixtures {

  private Fixtures() {}

  public static final Path CONF = Path.of("conf/datasets.yaml");

  public static final Path CONVERSION_MODEL = Path.of("conf/models/consultation-conversion.yaml");
  public static final Path VALUE_MODEL = Path.of("conf/models/customer-value.yaml");
  public static final Path PIPELINE_MODEL = Path.of("conf/models/sales-pipeline.yaml");

  public static RatingModel conversionModel() {
    return ModelLoader.load(CONVERSION_MODEL);
  }

  public static RatingModel valueModel() {
    return ModelLoader.load(VALUE_MODEL);
  }

  public static RatingModel pipelineModel() {
    return ModelLoader.load(PIPELINE_MODEL);
  }

  /**
   * A shipped model file with every {@code from} replaced by {@code to} (each must occur), loaded
   * from a temporary copy: e.g. the value model with {@code normalize: true}.
   */
  public static RatingModel variant(Path model, String... fromTo) {
    try {
      String text = Files.readString(model);
      for (int i = 0; i < fromTo.length; i += 2) {
        if (!text.contains(fromTo[i])) {
          throw new IllegalArgumentException("fixture edit does not apply: " + fromTo[i]);
        }
        text = text.replace(fromTo[i], fromTo[i + 1]);
      }
      Path dir = Files.createTempDirectory("model-variant");
      Path p = dir.resolve(model.getFileName());
      Files.writeString(p, text);
      return ModelLoader.load(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JobConfig jobConfig() {
    return JobConfig.load(CONF);
  }

  /** A consultation: the three scores and the consultation date. */
  public record Consultation(String id, int intention, int clarity, int satisfaction, String date) {}

  public static Consultation consultation(String id, int i, int d, int s) {
    return new Consultation(id, i, d, s, "2025-03-15");
  }

  public static final StructType CONSULTATION_SCHEMA = new StructType()
      .add("city", DataTypes.StringType)
      .add("snapshot_year", DataTypes.IntegerType)
      .add("customer_id", DataTypes.StringType)
      .add("consult_date", DataTypes.DateType)
      .add("intention_score", DataTypes.IntegerType)
      .add("demand_clarity_score", DataTypes.IntegerType)
      .add("satisfaction_score", DataTypes.IntegerType);

  public static Dataset<Row> consultations(SparkSession spark, Consultation... rows) {
    List<Row> out = new ArrayList<>();
    for (Consultation c : rows) {
      out.add(RowFactory.create("hangzhou", 2025, c.id(), Date.valueOf(c.date()), c.intention(), c.clarity(),
          c.satisfaction()));
    }
    return spark.createDataFrame(out, CONSULTATION_SCHEMA);
  }

  /** A value-model customer. */
  public record Customer(String city, int year, String id, int consultations, int transactions, String amount,
      String repurchase, int[] months) {}

  /** A customer with the given amount and repurchase rate and middling activity. */
  public static Customer customer(String id, String amount, String repurchase) {
    return new Customer("chengdu", 2025, id, 2, 4, amount, repurchase, new int[] {1, 0, 1, 0, 1, 0});
  }

  public static Customer customer(String id, int consultations, int transactions, String amount, String repurchase,
      int... months) {
    return new Customer("chengdu", 2025, id, consultations, transactions, amount, repurchase, months);
  }

  public static Customer in(String city, int year, Customer c) {
    return new Customer(city, year, c.id(), c.consultations(), c.transactions(), c.amount(), c.repurchase(), c.months());
  }

  public static final StructType CUSTOMER_SCHEMA = new StructType()
      .add("city", DataTypes.StringType)
      .add("snapshot_year", DataTypes.IntegerType)
      .add("customer_id", DataTypes.StringType)
      .add("consultation_count", DataTypes.IntegerType)
      .add("transaction_count", DataTypes.IntegerType)
      .add("cumulative_amount", DataTypes.createDecimalType(18, 2))
      .add("repurchase_rate", DataTypes.createDecimalType(5, 4))
      .add("tx_m1", DataTypes.IntegerType)
      .add("tx_m2", DataTypes.IntegerType)
      .add("tx_m3", DataTypes.IntegerType)
      .add("tx_m4", DataTypes.IntegerType)
      .add("tx_m5", DataTypes.IntegerType)
      .add("tx_m6", DataTypes.IntegerType);

  public static Dataset<Row> customers(SparkSession spark, Customer... rows) {
    return customers(spark, Arrays.asList(rows));
  }

  public static Dataset<Row> customers(SparkSession spark, List<Customer> rows) {
    List<Row> out = new ArrayList<>();
    for (Customer c : rows) {
      int[] m = c.months();
      out.add(RowFactory.create(c.city(), c.year(), c.id(), c.consultations(), c.transactions(),
          new BigDecimal(c.amount()).setScale(2), new BigDecimal(c.repurchase()).setScale(4), m[0], m[1], m[2], m[3],
          m[4], m[5]));
    }
    return spark.createDataFrame(out, CUSTOMER_SCHEMA);
  }

  /** The spec's worked example: ten amounts in one city and year. */
  public static Customer[] specTenAmounts() {
    String[] amounts = {"90000", "90000", "70000", "50000", "40000", "30000", "20000", "10000", "5000", "0"};
    Customer[] out = new Customer[amounts.length];
    for (int i = 0; i < amounts.length; i++) {
      out[i] = customer("C" + i, amounts[i], "0");
    }
    return out;
  }
}
