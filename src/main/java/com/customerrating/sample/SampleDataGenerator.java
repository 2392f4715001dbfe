package com.customerrating.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import picocli.CommandLine;

/**
 * Deterministic generator of sample landing-zone data for the regional datasets: the entry point, its
 * options and what a run returns.
 *
 * <p>It writes {@code <out>/hangzhou/<year>/consultations.csv},
 * {@code <out>/chengdu/<year>/customers.csv} and {@code <out>/suzhou/<year>/prospects.csv} (or
 * {@code -part-NNNNN.csv} files when asked to split), UTF-8 without BOM, a header row, comma separated, RFC-4180 quoting where a value needs it, ISO dates and
 * {@code \n} line endings. Column names and order follow {@code datasets-and-tables.md}.
 *
 * <p>Customers persist across years by the seat model of {@link SeatHistory}. Every random draw comes
 * from a {@link java.util.SplittableRandom} seeded by {@link Seeds} from (seed, city, customer) for the
 * customer's lasting attributes and from (seed, city, customer, year) for that year's figures. Floating
 * point math is strict Java arithmetic and {@link StrictMath}, so files are byte-identical on every JVM and
 * platform, and rows are the same however the output is split into part files.
 *
 * <p>The command line is {@link SampleDataCommand}; each dataset has its own generator
 * ({@link HangzhouConsultations}, {@link ChengduCustomers},
 * {@link SuzhouProspects}), and {@link LandingZoneWriter} writes the files.
 */
public final class SampleDataGenerator {

    public static final String HANGZHOU = HangzhouConsultations.CITY;
    public static final String CHENGDU = ChengduCustomers.CITY;
    public static final String HANGZHOU_FILE_BASE = HangzhouConsultations.FILE_BASE;
    public static final String SUZHOU = SuzhouProspects.CITY;
    public static final String CHENGDU_FILE_BASE = ChengduCustomers.FILE_BASE;
    public static final String SUZHOU_FILE_BASE = SuzhouProspects.FILE_BASE;

    public static final List<String> HANGZHOU_COLUMNS = HangzhouConsultations.COLUMNS;
    public static final List<String> CHENGDU_COLUMNS = ChengduCustomers.COLUMNS;
    public static final List<String> SUZHOU_COLUMNS = SuzhouProspects.COLUMNS;

    public static final long DEFAULT_SEED = 20250101L;
    public static final int DEFAULT_HANGZHOU_ROWS = HangzhouConsultations.DEFAULT_ROWS;
    public static final int DEFAULT_CHENGDU_ROWS = ChengduCustomers.DEFAULT_ROWS;
    public static final int DEFAULT_SUZHOU_ROWS = SuzhouProspects.DEFAULT_ROWS;
    public static final List<Integer> DEFAULT_YEARS = List.of(2024, 2025);
    public static final List<String> DEFAULT_CITIES = List.of(HANGZHOU, CHENGDU, SUZHOU);
    public static final String DEFAULT_OUT = "data/sample";

    /** First and last snapshot year the customer history model supports. */
    public static final int EPOCH_YEAR = SeatHistory.EPOCH_YEAR;
    public static final int LAST_YEAR = SeatHistory.LAST_YEAR;
    /** Yearly probability that a seat's customer leaves and a new one arrives. */
    public static final double RENEWAL_RATE = SeatHistory.RENEWAL_RATE;
    public static final int MAX_FILES = 10_000;

    private SampleDataGenerator() {
    }

    /** Runs the command line of {@link SampleDataCommand}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SampleDataCommand()).execute(args));
    }

    // ------------------------------------------------------------------ options and results

    /** Options of one generation run; defaults give the shipped sample data. */
    public static final class Options {
        private List<Integer> years = DEFAULT_YEARS;
        private int hangzhouRows = DEFAULT_HANGZHOU_ROWS;
        private int chengduRows = DEFAULT_CHENGDU_ROWS;
        private int suzhouRows = DEFAULT_SUZHOU_ROWS;
        private long seed = DEFAULT_SEED;
        private int files = 1;
        private List<String> cities = DEFAULT_CITIES;

        public Options years(List<Integer> value) { this.years = List.copyOf(value); return this; }
        public Options years(Integer... value) { return years(List.of(value)); }
        public Options hangzhouRows(int value) { this.hangzhouRows = value; return this; }
        public Options chengduRows(int value) { this.chengduRows = value; return this; }
        public Options suzhouRows(int value) { this.suzhouRows = value; return this; }
        /** Sets the row count of every city. */
        public Options rows(int value) {
            this.hangzhouRows = value;
            this.chengduRows = value;
            this.suzhouRows = value;
            return this;
        }
        public Options seed(long value) { this.seed = value; return this; }
        public Options files(int value) { this.files = value; return this; }
        public Options cities(List<String> value) { this.cities = List.copyOf(value); return this; }
        public Options cities(String... value) { return cities(List.of(value)); }

        public List<Integer> years() { return years; }
        public int hangzhouRows() { return hangzhouRows; }
        public int chengduRows() { return chengduRows; }
        public int suzhouRows() { return suzhouRows; }
        public long seed() { return seed; }
        public int files() { return files; }
        public List<String> cities() { return cities; }

        public int rowsFor(String city) {
            return HANGZHOU.equals(city) ? hangzhouRows : SUZHOU.equals(city) ? suzhouRows : chengduRows;
        }

        /** Checks the options; returns the years sorted and without duplicates. */
        List<Integer> validate() {
            if (years == null || years.isEmpty()) {
                throw new IllegalArgumentException("at least one year is required");
            }
            for (Integer y : years) {
                if (y == null || y < EPOCH_YEAR || y > LAST_YEAR) {
                    throw new IllegalArgumentException(
                            "year " + y + " is outside " + EPOCH_YEAR + ".." + LAST_YEAR);
                }
            }
            if (cities == null || cities.isEmpty()) {
                throw new IllegalArgumentException("at least one city is required");
            }
            for (String c : cities) {
                if (SampleCity.of(c) == null) {
                    throw new IllegalArgumentException("unknown city '" + c + "': only "
                            + SampleCity.folderList() + " are supported");
                }
            }
            if (hangzhouRows < 1 || chengduRows < 1 || suzhouRows < 1) {
                throw new IllegalArgumentException("row counts must be at least 1");
            }
            if (files < 1 || files > MAX_FILES) {
                throw new IllegalArgumentException("--files must be between 1 and " + MAX_FILES);
            }
            return new ArrayList<>(new TreeSet<>(years));
        }
    }

    /** What was written for one city and year. */
    public record CityYear(String city, int year, long rows, List<Path> files) { }

    /** What one run wrote and how long it took. */
    public record Result(List<CityYear> outputs, long totalRows, long elapsedNanos) {
        public double rowsPerSecond() {
            return elapsedNanos == 0 ? 0 : totalRows * 1e9 / elapsedNanos;
        }
    }

    // ------------------------------------------------------------------ generation

    /** Generates every requested city and year under {@code outRoot}. */
    public static Result generate(Path outRoot, Options options) throws IOException {
        Objects.requireNonNull(outRoot, "outRoot");
        List<Integer> sortedYears = options.validate();
        long start = System.nanoTime();
        List<CityYear> outputs = new ArrayList<>();
        long total = 0;
        for (String city : options.cities()) {
            for (int year : sortedYears) {
                CityYear cy = LandingZoneWriter.write(outRoot, SampleCity.of(city), year, options.rowsFor(city),
                        options.seed(), options.files());
                outputs.add(cy);
                total += cy.rows();
            }
        }
        return new Result(Collections.unmodifiableList(outputs), total, System.nanoTime() - start);
    }

    /** The directory of one city and year: {@code <outRoot>/<city>/<year>}. */
    public static Path cityYearDir(Path outRoot, String city, int year) {
        return LandingZoneWriter.cityYearDir(outRoot, city, year);
    }
}
