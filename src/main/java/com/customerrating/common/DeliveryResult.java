package com.customerrating.common;

import java.util.List;
import java.util.Map;

/**
 * What happened to one city and year in a run.
 *
 * @param outcome {@code succeeded}, {@code rejected_delivery} (too many bad rows, or the files
 *     could not be read as a whole: nothing published) or {@code failed}
 * @param skippedFiles the files of the delivery folder that were not read, with the reason
 * @param tierCounts rows per tier or grade as published
 */
public record DeliveryResult(
    String city,
    int year,
    String modelId,
    int modelVersion,
    List<String> inputFiles,
    List<SkippedFile> skippedFiles,
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    String outcome,
    String message,
    Map<String, Long> tierCounts,
    long startedAtMillis,
    long endedAtMillis) {

  public static final String SUCCEEDED = "succeeded";
  public static final String REJECTED_DELIVERY = "rejected_delivery";
  public static final String FAILED = "failed";

  public boolean ok() {
    return SUCCEEDED.equals(outcome);
  }
}
