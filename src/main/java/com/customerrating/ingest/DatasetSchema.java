package com.customerrating.ingest;

import com.customerrating.model.ConversionModel;
import com.customerrating.model.RatingModel;
import com.customerrating.model.ValueModel;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * The columns of a model's dataset (spec: datasets-and-tables.md) and the rules across columns.
 * Cross-column rules see typed values (null where the text was blank or did not parse) and the
 * snapshot's as-of date; a rule over a null value does not fire.
 */
public record DatasetSchema(String name, List<Field> fields, List<CrossRule> crossRules) implements Serializable {

  /** One row's typed values, by column name, and the snapshot it belongs to. */
  public interface Values {
    Integer integer(String column);

    LocalDate date(String column);

    /** The column's text was blank or a null marker (not merely unparseable). */
    boolean blank(String column);

    LocalDate asOf();

    int year();
  }

  /** A rule over several typed columns: the row is rejected with {@code reason} when {@code fails} holds. */
  public record CrossRule(String reason, Check fails) implements Serializable {}

  @FunctionalInterface
  public interface Check extends Serializable {
    boolean test(Values row);
  }

  private static CrossRule rule(String reason, Check check) {
    return new CrossRule(reason, check);
  }

  private static boolean after(LocalDate a, LocalDate b) {
    return a != null && b != null && a.isAfter(b);
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
          r -> r.date("consult_date") != null && r.date("consult_date").getYear() != r.year())));

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
              r -> monthlySum(r) != null && r.integer("transaction_count") != null
                  && monthlySum(r) > r.integer("transaction_count")),
          rule("last_transaction_date: must be empty when transaction_count is 0",
              r -> Integer.valueOf(0).equals(r.integer("transaction_count")) && r.date("last_transaction_date") != null),
          rule("last_transaction_date: required when transaction_count is above 0",
              r -> r.integer("transaction_count") != null && r.integer("transaction_count") > 0
                  && r.blank("last_transaction_date")),
          rule("last_transaction_date: after the as-of date",
              r -> after(r.date("last_transaction_date"), r.asOf())),
          rule("first_contact_date: after the as-of date",
              r -> after(r.date("first_contact_date"), r.asOf())),
          rule("last_transaction_date: before first_contact_date",
              r -> after(r.date("first_contact_date"), r.date("last_transaction_date")))));

  private static final List<String> MONTHS = List.of("tx_m1", "tx_m2", "tx_m3", "tx_m4", "tx_m5", "tx_m6");

  /** tx_m1 + … + tx_m6, or null when one of them is missing. */
  private static Long monthlySum(Values r) {
    long sum = 0;
    for (String month : MONTHS) {
      Integer m = r.integer(month);
      if (m == null) {
        return null;
      }
      sum += m;
    }
    return sum;
  }

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
