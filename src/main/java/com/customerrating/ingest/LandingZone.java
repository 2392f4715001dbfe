package com.customerrating.ingest;

import com.customerrating.config.DatasetConfig;
import com.customerrating.common.CityYear;
import com.customerrating.common.SkippedFile;
import com.customerrating.config.JobConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the deliveries under {@code <input-root>/<city>/<snapshot_year>/}. Works on any Hadoop
 * file system (local, HDFS, S3A): it lists directories, it reads no data.
 *
 * <p>City and year come from directory names and end up in paths and replaceWhere predicates, so a
 * name is accepted only when it matches a strict pattern and, for a city, has a dataset config.
 */
public final class LandingZone {

  public static final Pattern YEAR = Pattern.compile("(19|20)[0-9]{2}");

  private LandingZone() {}

  /** Raised when the landing zone cannot be used as asked; the message is one clear line. */
  public static final class LandingZoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LandingZoneException(String message) {
      super(message);
    }
  }

  /**
   * @param cities cities asked for (empty: every city found)
   * @param years years asked for (empty: every year found)
   */
  public static List<Delivery> discover(Configuration hadoop, String inputRoot, JobConfig config,
      Set<String> cities, Set<Integer> years) {
    try {
      Path root = new Path(inputRoot);
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new LandingZoneException("input root " + inputRoot + " is not a readable directory");
      }
      List<Delivery> out = new ArrayList<>();
      List<String> foundCities = new ArrayList<>();
      for (FileStatus cityDir : sorted(fs.listStatus(root))) {
        String city = cityDir.getPath().getName();
        if (!cityDir.isDirectory() || hidden(city)) {
          continue;
        }
        foundCities.add(city);
        if (!cities.isEmpty() && !cities.contains(city)) {
          continue;
        }
        if (!CityYear.CITY_NAME.matcher(city).matches()) {
          throw new LandingZoneException("refused landing-zone directory '" + cityDir.getPath()
              + "': a city folder name must match " + CityYear.CITY_NAME.pattern());
        }
        DatasetConfig ds = config.dataset(city);
        if (ds == null) {
          throw new LandingZoneException("landing-zone city '" + city + "' has no dataset config in "
              + config.file() + " (configured: " + String.join(", ", config.datasets().keySet().stream().sorted().toList()) + ")");
        }
        for (FileStatus yearDir : sorted(fs.listStatus(cityDir.getPath()))) {
          String y = yearDir.getPath().getName();
          if (!yearDir.isDirectory() || hidden(y)) {
            continue;
          }
          if (!YEAR.matcher(y).matches()) {
            throw new LandingZoneException("refused landing-zone directory '" + yearDir.getPath()
                + "': a snapshot-year folder name must be a four-digit year");
          }
          int year = Integer.parseInt(y);
          if (!years.isEmpty() && !years.contains(year)) {
            continue;
          }
          List<String> files = new ArrayList<>();
          List<SkippedFile> skipped = new ArrayList<>();
          List<String> hiddenData = new ArrayList<>();
          String ext = "." + ds.format();
          for (FileStatus f : sorted(fs.listStatus(yearDir.getPath()))) {
            String name = f.getPath().getName();
            boolean data = name.toLowerCase(java.util.Locale.ROOT).endsWith(ext);
            if (f.isDirectory()) {
              skipped.add(new SkippedFile(f.getPath().toString(), "a folder: only the files directly in "
                  + y + "/ are read"));
            } else if (data && hidden(name)) {
              hiddenData.add(name);
            } else if (data) {
              files.add(f.getPath().toString());
            } else {
              skipped.add(new SkippedFile(f.getPath().toString(), "not a " + ext + " file: the dataset config says "
                  + "format " + ds.format()));
            }
          }
          String refusal = hiddenData.isEmpty() ? null : yearDir.getPath() + ": " + String.join(", ", hiddenData)
              + (hiddenData.size() == 1 ? " has" : " have") + " a hidden name (starting with '_' or '.') and the "
              + ext + " extension: a file still being uploaded, or one Spark and Hadoop would leave out; rename it to "
              + "deliver it, or move it out of the folder, then run again (nothing of this delivery is published)";
          out.add(new Delivery(city, year, yearDir.getPath().toString(), List.copyOf(files), List.copyOf(skipped),
              refusal, ds));
        }
      }
      for (String c : cities) {
        if (!foundCities.contains(c)) {
          throw new LandingZoneException("city '" + c + "' was asked for but " + inputRoot + "/" + c + " does not exist");
        }
      }
      if (out.isEmpty()) {
        throw new LandingZoneException("no deliveries found under " + inputRoot
            + (cities.isEmpty() ? "" : " for cities " + cities) + (years.isEmpty() ? "" : " for years " + years));
      }
      return out;
    } catch (IOException e) {
      throw new LandingZoneException("cannot list input root " + inputRoot + ": " + e.getMessage());
    }
  }

  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  private static List<FileStatus> sorted(FileStatus[] s) {
    return Arrays.stream(s).sorted(Comparator.comparing(f -> f.getPath().getName())).toList();
  }
}
