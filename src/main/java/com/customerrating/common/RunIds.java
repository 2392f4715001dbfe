package com.customerrating.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/** Run ids: written to every row a run writes and to run_log; they also name a run's staging folder. */
public final class RunIds {

  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private RunIds() {}

  /** UTC time of the start plus a random suffix, e.g. {@code 20251231T235959Z-1a2b3c4d}. */
  public static String newId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The id itself, or a failure naming the rule it breaks. */
  public static String check(String id) {
    if (id == null || !PATTERN.matcher(id).matches()) {
      throw new IllegalArgumentException("--run-id: must match " + PATTERN.pattern());
    }
    return id;
  }
}
