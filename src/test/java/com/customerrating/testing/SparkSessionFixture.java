package com.customerrating.testing;

import org.apache.spark.sql.SparkSession;

/** Mix into a test class to get the shared, Delta-ready SparkSession of this JVM. */
public interface SparkSessionFixture {
  default SparkSession spark() {
    return SparkTestSession.get();
  }
}
