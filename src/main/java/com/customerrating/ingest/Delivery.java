package com.customerrating.ingest;

import com.customerrating.common.SkippedFile;
import com.customerrating.config.DatasetConfig;
import java.io.Serializable;
import java.util.List;

/**
 * One city's files for one snapshot year, as found in the landing zone.
 *
 * @param files the files to read: every file of the folder with the dataset's extension
 * @param skipped the folder's other entries, each with the reason it is not read
 * @param refusal why the delivery cannot be read as it stands (a data file with a hidden name), or null
 */
public record Delivery(String city, int year, String directory, List<String> files, List<SkippedFile> skipped,
    String refusal, DatasetConfig dataset) implements Serializable {

  /** A delivery of exactly these files, nothing skipped. */
  public Delivery(String city, int year, String directory, List<String> files, DatasetConfig dataset) {
    this(city, year, directory, files, List.of(), null, dataset);
  }

  public String key() {
    return city + "/" + year;
  }
}
