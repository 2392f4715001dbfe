package com.customerrating.ingest;

import com.customerrating.config.DatasetConfig;
import java.io.Serializable;
import java.util.List;

/** One city's files for one snapshot year, as found in the landing zone. */
public record Delivery(String city, int year, String directory, List<String> files, DatasetConfig dataset)
    implements Serializable {

  public String key() {
    return city + "/" + year;
  }
}
