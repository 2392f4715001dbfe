package com.customerrating.testing;

/** Names from the shipped model files (conf/models) that tests read tables by. */
public final class Shipped {

  private Shipped() {}

  /** Model 1's ratings table (consultation-conversion). */
  public static final String CONVERSION_RATINGS = "conversion_ratings";
  /** Model 2's ratings table (customer-value). */
  public static final String VALUE_RATINGS = "value_ratings";
  /** Model 3's ratings table (sales-pipeline). */
  public static final String PIPELINE_RATINGS = "pipeline_ratings";
}
