package com.customerrating.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.year;

import com.customerrating.model.ConversionModel;
import com.customerrating.model.RatingModel;
import com.customerrating.model.ValueModel;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The columns of a model's dataset (spec: datasets-and-tables.md) and the rules across columns.
 * Cross-column rules see typed columns (null where the text did not parse) and the as-of date.
 */
public record DatasetSchema(String name, List<Field> fields, List<CrossRule> crossRules) implements Serializable {

  /** A rule over several typed columns: the row is rejected with {@code reason} when {@code fails} holds. */
  public interface CrossRule extends Serializable {
    String reason();

    /** @param asOf the snapshot's as-of date column; @param year the snapshot year column */
    Column fails(Column asOf, Column year);
  }

  private record Rule(String reason, Check check) implements CrossRule {
    @Override
    public Column fails(Column asOf, Column year) {
      return check.apply(asOf, year);
    }
  }

  @FunctionalInterface
  private interface Check extends Serializable {
    Column apply(Column asOf, Column year);
  }

  private static CrossRule rule(String reason, Check check) {
    return new Rule(reason, check);
  }

  public static final List<String> SIZES = List.of("micro", "small", "medium", "large");

  /** Hangzhou financial-software consultations (model consultation-conversion). */
  public static final DatasetSchema CONSULTATIONS = new DatasetSchema("consultations", List.of(
      Field.requiredText("customer_id"),
      Field.requiredText("company_name"),
      Field.text("district"),
      Field.text("industry"),
      Field.oneOf("company_size", SIZES.toArray(String[]::new)),
      Field.personal("contact_name"),
      Field.personal("contact_phone"),
      Field.oneOf("consult_channel", "phone", "online", "visit", "exhibition", "referral"),
      Field.text("product_interest"),
      Field.date("consult_date", true),
      Field.intRange("intention_score", 1, 5),
      Field.intRange("demand_clarity_score", 1, 5),
      Field.intRange("satisfaction_score", 1, 5),
      Field.flag("purchased")),
      List.of(rule("consult_date: outside the snapshot year",
          (asOf, y) -> col("consult_date").isNotNull().and(year(col("consult_date")).notEqual(y)))));

  /** Chengdu technology-industry customers (model customer-value). */
  public static final DatasetSchema CUSTOMERS = new DatasetSchema("customers", List.of(
      Field.requiredText("customer_id"),
      Field.requiredText("company_name"),
      Field.text("district"),
      Field.text("industry_segment"),
      Field.oneOf("company_size", SIZES.toArray(String[]::new)),
      Field.personal("contact_name"),
      Field.personal("contact_phone"),
      Field.date("first_contact_date", false),
      Field.text("consult_channel"),
      Field.count("consultation_count"),
      Field.count("transaction_count"),
      Field.amount("cumulative_amount"),
      Field.date("last_transaction_date", false),
      Field.rate("repurchase_rate"),
      Field.count("tx_m1"),
      Field.count("tx_m2"),
      Field.count("tx_m3"),
      Field.count("tx_m4"),
      Field.count("tx_m5"),
      Field.count("tx_m6"),
      Field.text("service_content"),
      Field.text("sales_owner")),
      List.of(
          rule("tx_m1..tx_m6: monthly counts add up to more than transaction_count",
              (asOf, y) -> col("tx_m1").plus(col("tx_m2")).plus(col("tx_m3")).plus(col("tx_m4"))
                  .plus(col("tx_m5")).plus(col("tx_m6")).gt(col("transaction_count"))),
          rule("last_transaction_date: must be empty when transaction_count is 0",
              (asOf, y) -> col("transaction_count").equalTo(lit(0)).and(col("last_transaction_date").isNotNull())),
          rule("last_transaction_date: required when transaction_count is above 0",
              (asOf, y) -> col("transaction_count").gt(lit(0)).and(col("last_transaction_date").isNull())
                  .and(col("__blank_last_transaction_date"))),
          rule("last_transaction_date: after the as-of date",
              (asOf, y) -> col("last_transaction_date").gt(asOf)),
          rule("first_contact_date: after the as-of date",
              (asOf, y) -> col("first_contact_date").gt(asOf)),
          rule("last_transaction_date: before first_contact_date",
              (asOf, y) -> col("last_transaction_date").lt(col("first_contact_date")))));

  public static DatasetSchema forModel(RatingModel model) {
    if (model instanceof ConversionModel) {
      return CONSULTATIONS;
    }
    if (model instanceof ValueModel) {
      return CUSTOMERS;
    }
    throw new IllegalArgumentException("no dataset schema for model " + model.id());
  }

  public List<String> columnNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** Columns a file may leave out (read as empty); every other column must be in its header. */
  public static final List<String> OPTIONAL_COLUMNS = List.of("purchased");

  public List<String> headerColumns() {
    return fields.stream().map(Field::name).filter(n -> !OPTIONAL_COLUMNS.contains(n)).toList();
  }
}
