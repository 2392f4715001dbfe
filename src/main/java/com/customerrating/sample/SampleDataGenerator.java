package com.customerrating.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Deterministic generator of sample landing-zone data for the two regional datasets.
 *
 * <p>It writes {@code <out>/hangzhou/<year>/consultations.csv} and
 * {@code <out>/chengdu/<year>/customers.csv} (or {@code -part-NNNNN.csv} files when asked to split), UTF-8
 * without BOM, a header row, comma separated, RFC-4180 quoting where a value needs it, ISO dates and
 * {@code \n} line endings. Column names and order follow {@code datasets-and-tables.md}.
 *
 * <h2>Customers across years</h2>
 * Each city has a fixed number of <em>seats</em> (the row count of one year). A seat keeps its customer
 * from one year to the next, except that each year, independently per seat, with probability
 * {@value #RENEWAL_RATE} the customer leaves and a new customer takes the seat. A customer is identified
 * by the seat and the year it arrived, so the occupant of any seat in any year is computed by looking
 * back for the latest renewal, without any state: memory is constant whatever the row count, and the
 * content of a year does not depend on which other years are generated. Customer numbers are
 * {@code (arrival_year - 2000) * rows + seat + 1}, so newer customers have higher numbers.
 *
 * <h2>Determinism</h2>
 * Every random draw comes from a {@link SplittableRandom} seeded from (seed, city, customer) for the
 * customer's lasting attributes and from (seed, city, customer, year) for that year's figures. Floating
 * point math is strict Java arithmetic and {@link StrictMath}, so files are byte-identical on every JVM and
 * platform. Rows are therefore the same however the output is split into part files.
 */
@Command(name = "generate-sample-data", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes deterministic sample CSV data for the Hangzhou and Chengdu datasets.")
public final class SampleDataGenerator implements Callable<Integer> {

    public static final String HANGZHOU = "hangzhou";
    public static final String CHENGDU = "chengdu";
    public static final String HANGZHOU_FILE_BASE = "consultations";
    public static final String CHENGDU_FILE_BASE = "customers";

    public static final List<String> HANGZHOU_COLUMNS = List.of(
            "customer_id", "company_name", "district", "industry", "company_size", "contact_name",
            "contact_phone", "consult_channel", "product_interest", "consult_date", "intention_score",
            "demand_clarity_score", "satisfaction_score", "purchased");

    public static final List<String> CHENGDU_COLUMNS = List.of(
            "customer_id", "company_name", "district", "industry_segment", "company_size", "contact_name",
            "contact_phone", "first_contact_date", "consult_channel", "consultation_count", "transaction_count",
            "cumulative_amount", "last_transaction_date", "repurchase_rate", "tx_m1", "tx_m2", "tx_m3", "tx_m4",
            "tx_m5", "tx_m6", "service_content", "sales_owner");

    public static final long DEFAULT_SEED = 20250101L;
    public static final int DEFAULT_HANGZHOU_ROWS = 701;
    public static final int DEFAULT_CHENGDU_ROWS = 601;
    public static final List<Integer> DEFAULT_YEARS = List.of(2024, 2025);
    public static final String DEFAULT_OUT = "data/sample";

    /** First and last snapshot year the customer history model supports. */
    public static final int EPOCH_YEAR = 2000;
    public static final int LAST_YEAR = 2099;
    /** Yearly probability that a seat's customer leaves and a new one arrives. */
    public static final double RENEWAL_RATE = 0.18;
    public static final int MAX_FILES = 10_000;

    // ------------------------------------------------------------------ options and results

    /** Options of one generation run; defaults give the shipped sample data. */
    public static final class Options {
        private List<Integer> years = DEFAULT_YEARS;
        private int hangzhouRows = DEFAULT_HANGZHOU_ROWS;
        private int chengduRows = DEFAULT_CHENGDU_ROWS;
        private long seed = DEFAULT_SEED;
        private int files = 1;
        private List<String> cities = List.of(HANGZHOU, CHENGDU);

        public Options years(List<Integer> value) { this.years = List.copyOf(value); return this; }
        public Options years(Integer... value) { return years(List.of(value)); }
        public Options hangzhouRows(int value) { this.hangzhouRows = value; return this; }
        public Options chengduRows(int value) { this.chengduRows = value; return this; }
        /** Sets the row count of both cities. */
        public Options rows(int value) { this.hangzhouRows = value; this.chengduRows = value; return this; }
        public Options seed(long value) { this.seed = value; return this; }
        public Options files(int value) { this.files = value; return this; }
        public Options cities(List<String> value) { this.cities = List.copyOf(value); return this; }
        public Options cities(String... value) { return cities(List.of(value)); }

        public List<Integer> years() { return years; }
        public int hangzhouRows() { return hangzhouRows; }
        public int chengduRows() { return chengduRows; }
        public long seed() { return seed; }
        public int files() { return files; }
        public List<String> cities() { return cities; }

        public int rowsFor(String city) { return HANGZHOU.equals(city) ? hangzhouRows : chengduRows; }

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
                if (!HANGZHOU.equals(c) && !CHENGDU.equals(c)) {
                    throw new IllegalArgumentException("unknown city '" + c + "': only " + HANGZHOU
                            + " and " + CHENGDU + " are supported");
                }
            }
            if (hangzhouRows < 1 || chengduRows < 1) {
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

    // ------------------------------------------------------------------ command line

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT,
            description = "Output root (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--years", split = ",", paramLabel = "YEAR",
            description = "Snapshot years, comma separated (default: 2024,2025).")
    List<Integer> years;

    @Option(names = "--hangzhou-rows", paramLabel = "N",
            description = "Hangzhou rows per year (default: " + DEFAULT_HANGZHOU_ROWS + ").")
    Integer hangzhouRows;

    @Option(names = "--chengdu-rows", paramLabel = "N",
            description = "Chengdu rows per year (default: " + DEFAULT_CHENGDU_ROWS + ").")
    Integer chengduRows;

    @Option(names = "--rows", paramLabel = "N",
            description = "Rows per year for every city; --hangzhou-rows / --chengdu-rows take precedence.")
    Integer rows;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--files", paramLabel = "N", defaultValue = "1",
            description = "Split each city and year into N part files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--cities", split = ",", paramLabel = "CITY",
            description = "Cities to generate: hangzhou, chengdu (default: both).")
    List<String> cities;

    /** Options as given on the command line. */
    public Options toOptions() {
        Options o = new Options().seed(seed).files(files);
        if (years != null) {
            o.years(years);
        }
        if (cities != null) {
            List<String> normalized = new ArrayList<>();
            for (String c : cities) {
                normalized.add(c.trim().toLowerCase(Locale.ROOT));
            }
            o.cities(new ArrayList<>(new LinkedHashSet<>(normalized)));
        }
        if (rows != null) {
            o.rows(rows);
        }
        if (hangzhouRows != null) {
            o.hangzhouRows(hangzhouRows);
        }
        if (chengduRows != null) {
            o.chengduRows(chengduRows);
        }
        return o;
    }

    @Override
    public Integer call() throws IOException {
        Options options = toOptions();
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Result result = generate(out, options);
        PrintWriter ps = spec.commandLine().getOut();
        for (CityYear cy : result.outputs()) {
            ps.println(cy.city() + " " + cy.year() + ": " + cy.rows() + " rows in " + cy.files().size()
                    + " file(s) under " + cy.files().get(0).getParent());
        }
        ps.printf(Locale.ROOT, "%d rows in %.2f s (%.0f rows/s)%n", result.totalRows(),
                result.elapsedNanos() / 1e9, result.rowsPerSecond());
        ps.flush();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SampleDataGenerator()).execute(args));
    }

    // ------------------------------------------------------------------ public API

    /** Generates every requested city and year under {@code outRoot}. */
    public static Result generate(Path outRoot, Options options) throws IOException {
        Objects.requireNonNull(outRoot, "outRoot");
        List<Integer> sortedYears = options.validate();
        long start = System.nanoTime();
        List<CityYear> outputs = new ArrayList<>();
        long total = 0;
        for (String city : options.cities()) {
            for (int year : sortedYears) {
                CityYear cy = generateCityYear(outRoot, city, year, options.rowsFor(city), options.seed(),
                        options.files());
                outputs.add(cy);
                total += cy.rows();
            }
        }
        return new Result(Collections.unmodifiableList(outputs), total, System.nanoTime() - start);
    }

    /** Relative path of the directory of one city and year: {@code <city>/<year>}. */
    public static Path cityYearDir(Path outRoot, String city, int year) {
        return outRoot.resolve(city).resolve(Integer.toString(year));
    }

    static String fileBase(String city) {
        return HANGZHOU.equals(city) ? HANGZHOU_FILE_BASE : CHENGDU_FILE_BASE;
    }

    static CityYear generateCityYear(Path outRoot, String city, int year, int rows, long seed, int files)
            throws IOException {
        Path dir = cityYearDir(outRoot, city, year);
        Files.createDirectories(dir);
        String base = fileBase(city);
        deleteOwnFiles(dir, base);
        RowGenerator gen = HANGZHOU.equals(city)
                ? new HangzhouRows(seed, rows, year)
                : new ChengduRows(seed, rows, year);
        List<Path> written = new ArrayList<>(files);
        for (int part = 0; part < files; part++) {
            int from = (int) ((long) rows * part / files);
            int to = (int) ((long) rows * (part + 1) / files);
            String name = files == 1 ? base + ".csv" : base + "-part-" + pad5(part) + ".csv";
            Path target = dir.resolve(name);
            Path tmp = dir.resolve("." + name + ".inprogress");
            try (Writer w = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
                gen.writeRows(w, from, to);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(target);
        }
        return new CityYear(city, year, rows, Collections.unmodifiableList(written));
    }

    /** Removes files an earlier run of this generator left for the same city and year. */
    private static void deleteOwnFiles(Path dir, String base) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.equals(base + ".csv") || (n.startsWith(base + "-part-") && n.endsWith(".csv"))
                        || (n.startsWith("." + base) && n.endsWith(".inprogress"))) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
    }

    private static String pad5(int n) {
        String s = Integer.toString(n);
        return "00000".substring(Math.min(5, s.length())) + s;
    }

    // ------------------------------------------------------------------ shared row machinery

    /** Stafford's mix13, the finalizer of SplittableRandom. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** Writes one city and year, row by row, into a reused buffer. */
    abstract static class RowGenerator {
        final int rows;
        final int year;
        final long citySalt;
        final int idWidth;
        final String idPrefix;
        final boolean leapYear;
        final LineBuffer sb = new LineBuffer();

        RowGenerator(long seed, long cityCode, String idPrefix, int rows, int year) {
            this.rows = rows;
            this.year = year;
            this.citySalt = mix64(seed ^ mix64(cityCode * GOLDEN));
            this.idPrefix = idPrefix;
            this.idWidth = Math.max(6, Long.toString(100L * rows).length());
            this.leapYear = isLeap(year);
        }

        abstract List<String> columns();

        abstract void appendRow(int seat);

        void writeRows(Writer w, int fromSeat, int toSeat) throws IOException {
            w.write(String.join(",", columns()));
            w.write('\n');
            for (int seat = fromSeat; seat < toSeat; seat++) {
                sb.clear();
                appendRow(seat);
                sb.append('\n');
                w.write(sb.chars, 0, sb.length);
            }
        }

        /** Whether the customer on {@code seat} leaves before {@code y} and a new one takes the seat. */
        final boolean renews(int seat, int y) {
            long h = mix64(citySalt + mix64(seat * GOLDEN + 0x632be59bd9b4e019L) + y * 0xd1b54a32d192ed03L);
            return (h >>> 11) * 0x1.0p-53 < RENEWAL_RATE;
        }

        /** Arrival year of the customer holding {@code seat} in {@code y}. */
        final int arrivalYear(int seat, int y) {
            for (int k = y; k > EPOCH_YEAR; k--) {
                if (renews(seat, k)) {
                    return k;
                }
            }
            return EPOCH_YEAR;
        }

        final long customerNumber(int seat, int arrival) {
            return (long) (arrival - EPOCH_YEAR) * rows + seat + 1;
        }

        final long customerSeed(long customerNumber) {
            return mix64(citySalt ^ mix64(customerNumber * GOLDEN + 0x2545f4914f6cdd1dL));
        }

        final long yearSeed(long customerSeed, int y) {
            return mix64(customerSeed + (long) y * 0x9e3779b97f4a7c15L + 0x7f4a7c159e3779b9L);
        }

        // ---- field writers

        final void sep() {
            sb.append(',');
        }

        final void appendId(long number) {
            sb.append(idPrefix);
            int digits = digits(number);
            for (int i = digits; i < idWidth; i++) {
                sb.append('0');
            }
            sb.append(number);
        }

        final void appendDate(int y, int dayOfYear) {
            boolean leap = isLeap(y);
            int[] cum = leap ? CUM_LEAP : CUM;
            int m = 1;
            while (m < 12 && dayOfYear > cum[m]) {
                m++;
            }
            appendDate(y, m, dayOfYear - cum[m - 1]);
        }

        final void appendDate(int y, int month, int day) {
            sb.append(y).append('-');
            if (month < 10) {
                sb.append('0');
            }
            sb.append(month).append('-');
            if (day < 10) {
                sb.append('0');
            }
            sb.append(day);
        }

        final void appendCompanyName(String cityName, SplittableRandom r, String[] words) {
            sb.append(cityName);
            sb.append(BRAND[r.nextInt(BRAND.length)]);
            sb.append(BRAND[r.nextInt(BRAND.length)]);
            if (r.nextInt(4) == 0) {
                sb.append(BRAND[r.nextInt(BRAND.length)]);
            }
            sb.append(words[r.nextInt(words.length)]);
            sb.append(r.nextInt(7) == 0 ? "股份有限公司" : "有限公司");
        }

        final void appendPersonName(SplittableRandom r) {
            sb.append(SURNAMES[pick(r, SURNAME_CUM)]);
            sb.append(GIVEN[r.nextInt(GIVEN.length)]);
            if (r.nextInt(10) < 7) {
                sb.append(GIVEN[r.nextInt(GIVEN.length)]);
            }
        }

        /** A fake mobile number: 13x, 15x or 18x followed by eight digits. */
        final void appendPhone(long phone) {
            sb.append(phone);
        }

        static long phone(SplittableRandom r) {
            int second = MOBILE_SECOND[r.nextInt(MOBILE_SECOND.length)];
            long prefix = 100 + second * 10L + r.nextInt(10);
            return prefix * 100_000_000L + r.nextInt(100_000_000);
        }
    }

    // ------------------------------------------------------------------ Hangzhou

    static final class HangzhouRows extends RowGenerator {
        HangzhouRows(long seed, int rows, int year) {
            super(seed, 1, "HZ", rows, year);
        }

        @Override
        List<String> columns() {
            return HANGZHOU_COLUMNS;
        }

        @Override
        void appendRow(int seat) {
            int arrival = arrivalYear(seat, year);
            long number = customerNumber(seat, arrival);
            long cseed = customerSeed(number);
            SplittableRandom c = new SplittableRandom(cseed);

            // lasting attributes: always drawn in the same order
            int district = pick(c, HZ_DISTRICT_CUM);
            int industry = pick(c, HZ_INDUSTRY_CUM);
            int size = pick(c, SIZE_CUM);
            long nameSeed = c.nextLong();
            long contactSeed = c.nextLong();
            long phone = RowGenerator.phone(c);
            double propensity = 0.75 * gauss(c) + SIZE_INTENT[size];
            double drift = 0.22 * gauss(c);
            int preferredChannel = pick(c, CHANNEL_CUM);
            int preferredProduct = pick(c, HZ_PRODUCT_CUM[size]);

            // this year's figures
            SplittableRandom r = new SplittableRandom(yearSeed(cseed, year));
            int tenure = Math.min(year - arrival, 5);
            boolean leaving = renews(seat, year + 1);
            double latent = propensity + drift * tenure + 0.55 * gauss(r) - (leaving ? 0.45 : 0.0);
            int intention = score(3.0 + 1.05 * latent + 0.55 * gauss(r));
            int clarity = score(3.05 + 0.85 * latent + 0.70 * gauss(r));
            int satisfaction = score(3.35 + 0.55 * latent + 0.80 * gauss(r));
            double composite = (4 * intention + 3 * clarity + 3 * satisfaction) / 10.0;
            double pBuy = 1.0 / (1.0 + StrictMath.exp(-2.1 * (composite - 3.8)));
            boolean purchased = r.nextDouble() < pBuy;
            int channel = r.nextInt(10) < 6 ? preferredChannel : pick(r, CHANNEL_CUM);
            int product = r.nextInt(10) < 7 ? preferredProduct : pick(r, HZ_PRODUCT_CUM[size]);
            int day = 1 + r.nextInt(leapYear ? 366 : 365);

            appendId(number);
            sep();
            appendCompanyName("杭州", new SplittableRandom(nameSeed), HZ_INDUSTRY_WORDS[industry]);
            sep();
            sb.append(HZ_DISTRICTS[district]);
            sep();
            sb.append(HZ_INDUSTRIES[industry]);
            sep();
            sb.append(SIZES[size]);
            sep();
            appendPersonName(new SplittableRandom(contactSeed));
            sep();
            appendPhone(phone);
            sep();
            sb.append(CHANNELS[channel]);
            sep();
            sb.append(HZ_PRODUCTS_CSV[product]);
            sep();
            appendDate(year, day);
            sep();
            sb.append(intention);
            sep();
            sb.append(clarity);
            sep();
            sb.append(satisfaction);
            sep();
            sb.append(purchased ? "true" : "false");
        }
    }

    // ------------------------------------------------------------------ Chengdu

    static final class ChengduRows extends RowGenerator {
        private final int[] monthCounts = new int[13];

        ChengduRows(long seed, int rows, int year) {
            super(seed, 2, "CD", rows, year);
        }

        @Override
        List<String> columns() {
            return CHENGDU_COLUMNS;
        }

        @Override
        void appendRow(int seat) {
            int arrival = arrivalYear(seat, year);
            long number = customerNumber(seat, arrival);
            long cseed = customerSeed(number);
            SplittableRandom c = new SplittableRandom(cseed);

            // lasting attributes: always drawn in the same order
            int district = pick(c, CD_DISTRICT_CUM);
            int segment = pick(c, CD_SEGMENT_CUM);
            int size = pick(c, SIZE_CUM);
            long nameSeed = c.nextLong();
            long contactSeed = c.nextLong();
            long phone = RowGenerator.phone(c);
            // first contact: some day of the arrival year; the earliest customers go back to 1996
            int firstYear = arrival > EPOCH_YEAR ? arrival : EPOCH_YEAR - 4 + c.nextInt(5);
            int firstDay = 1 + c.nextInt(isLeap(firstYear) ? 366 : 365);
            double engagement = 0.7 * gauss(c) + SIZE_ENGAGEMENT[size];
            double drift = 0.25 * gauss(c);
            double perTxMedian = SIZE_TX_MEDIAN[size] * StrictMath.exp(0.45 * gauss(c));
            int preferredChannel = pick(c, CHANNEL_CUM);
            int preferredService = pick(c, CD_SERVICE_CUM);
            int owner = c.nextInt(SALES_OWNERS.length);

            // this year's figures
            SplittableRandom r = new SplittableRandom(yearSeed(cseed, year));
            boolean joinedThisYear = arrival == year;
            int tenure = Math.min(year - arrival, 6);
            boolean leaving = renews(seat, year + 1);
            double e = engagement + drift * tenure + 0.45 * gauss(r)
                    - (leaving ? 0.6 : 0.0) - (joinedThisYear ? 0.25 : 0.0);

            // transactions this year
            double pNone = 1.0 / (1.0 + StrictMath.exp(2.2 + 1.7 * e));
            int tc;
            if (r.nextDouble() < pNone) {
                tc = 0;
            } else {
                tc = 1 + (int) Math.floor(StrictMath.exp(0.75 + 0.55 * e + 0.55 * gauss(r)));
                tc = Math.min(tc, 15);
            }
            int cc = (int) Math.floor(StrictMath.exp(0.85 + 0.30 * e + 0.45 * gauss(r))) - 1
                    + (joinedThisYear ? 1 : 0);
            cc = Math.max(0, Math.min(cc, 10));

            // months of those transactions; new customers only trade from their first contact on
            int startMonth = 1;
            int startDay = 1;
            if (joinedThisYear) {
                int[] cum = leapYear ? CUM_LEAP : CUM;
                startMonth = 1;
                while (startMonth < 12 && firstDay > cum[startMonth]) {
                    startMonth++;
                }
                startDay = firstDay - cum[startMonth - 1];
            }
            // leaving customers trade early in the year, growing ones late
            int tilt = leaving ? -1 : (drift > 0.15 ? 1 : 0);
            int[] mc = monthCounts;
            for (int m = 1; m <= 12; m++) {
                mc[m] = 0;
            }
            int lastMonth = 0;
            int span = 13 - startMonth;
            for (int k = 0; k < tc; k++) {
                double u = r.nextDouble();
                if (tilt < 0) {
                    u = Math.min(u, r.nextDouble());
                } else if (tilt > 0 && r.nextBoolean()) {
                    u = Math.max(u, r.nextDouble());
                }
                int m = startMonth + Math.min(span - 1, (int) (span * u));
                mc[m]++;
                if (m > lastMonth) {
                    lastMonth = m;
                }
            }
            int lastDay = 0;
            if (tc > 0) {
                int dim = daysInMonth(year, lastMonth);
                int lo = lastMonth == startMonth ? startDay : 1;
                lastDay = lo + r.nextInt(dim - lo + 1);
            }

            // amount in cents: log-normal around the size's median, a few exactly on band edges
            long cents = 0;
            double edge = r.nextDouble();
            double amountNoise = gauss(r);
            if (tc > 0) {
                if (edge < 0.015) {
                    cents = 1_000_000L;
                } else if (edge < 0.030) {
                    cents = 5_000_000L;
                } else if (edge < 0.035) {
                    cents = 999_999L;
                } else if (edge < 0.040) {
                    cents = 5_000_001L;
                } else {
                    double amount = perTxMedian * TX_VOLUME[tc]
                            * StrictMath.exp(0.15 * e + 0.75 * amountNoise);
                    cents = Math.max(1L, (long) Math.floor(amount * 100.0 + 0.5));
                }
            }

            // repurchase rate in ten-thousandths: share of transactions that were repeat purchases
            int rate = 0;
            double rr = r.nextDouble();
            double rateNoise = gauss(r);
            if (tc >= 2) {
                double pNoRepeat = 1.0 / (1.0 + StrictMath.exp(0.6 + 1.1 * e));
                if (rr >= pNoRepeat) {
                    double share = 1.0 / (1.0 + StrictMath.exp(-(0.6 * e + 0.8 * rateNoise + 0.3)));
                    double maxShare = (tc - 1) / (double) tc;
                    rate = (int) Math.floor(share * maxShare * 10_000.0 + 0.5);
                    rate = Math.max(1, Math.min(10_000, rate));
                }
            }

            int channel = r.nextInt(10) < 7 ? preferredChannel : pick(r, CHANNEL_CUM);
            int service = r.nextInt(10) < 7 ? preferredService : pick(r, CD_SERVICE_CUM);
            if (r.nextInt(10) == 0) {
                owner = r.nextInt(SALES_OWNERS.length);
            }

            appendId(number);
            sep();
            appendCompanyName("成都", new SplittableRandom(nameSeed), CD_SEGMENT_WORDS[segment]);
            sep();
            sb.append(CD_DISTRICTS[district]);
            sep();
            sb.append(CD_SEGMENTS[segment]);
            sep();
            sb.append(SIZES[size]);
            sep();
            appendPersonName(new SplittableRandom(contactSeed));
            sep();
            appendPhone(phone);
            sep();
            appendDate(firstYear, firstDay);
            sep();
            sb.append(CHANNELS[channel]);
            sep();
            sb.append(cc);
            sep();
            sb.append(tc);
            sep();
            sb.append(cents / 100).append('.');
            int fraction = (int) (cents % 100);
            if (fraction < 10) {
                sb.append('0');
            }
            sb.append(fraction);
            sep();
            if (tc > 0) {
                appendDate(year, lastMonth, lastDay);
            }
            sep();
            sb.append(rate / 10_000).append('.');
            int frac4 = rate % 10_000;
            if (frac4 < 1000) {
                sb.append('0');
            }
            if (frac4 < 100) {
                sb.append('0');
            }
            if (frac4 < 10) {
                sb.append('0');
            }
            sb.append(frac4);
            for (int k = 1; k <= 6; k++) {
                sep();
                sb.append(mc[13 - k]);
            }
            sep();
            sb.append(CD_SERVICES_CSV[service]);
            sep();
            sb.append(SALES_OWNERS[owner]);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A reusable line of characters; cheaper than a StringBuilder that mixes Latin-1 and CJK text. */
    static final class LineBuffer {
        char[] chars = new char[1024];
        int length;

        void clear() {
            length = 0;
        }

        private void ensure(int extra) {
            if (length + extra > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + extra));
            }
        }

        LineBuffer append(char ch) {
            ensure(1);
            chars[length++] = ch;
            return this;
        }

        LineBuffer append(String s) {
            int n = s.length();
            ensure(n);
            s.getChars(0, n, chars, length);
            length += n;
            return this;
        }

        LineBuffer append(int v) {
            ensure(11);
            if (v < 0) {
                return append((long) v);
            }
            if (v < 10) {
                chars[length++] = (char) ('0' + v);
                return this;
            }
            int end = length + digits(v);
            for (int i = end - 1; i >= length; i--) {
                int q = v / 10;
                chars[i] = (char) ('0' + (v - q * 10));
                v = q;
            }
            length = end;
            return this;
        }

        LineBuffer append(long v) {
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                return append((int) v);
            }
            ensure(20);
            if (v < 0) {
                if (v == Long.MIN_VALUE) {
                    return append(Long.toString(v));
                }
                chars[length++] = '-';
                v = -v;
            }
            int end = length + digits(v);
            for (int i = end - 1; i >= length; i--) {
                long q = v / 10;
                chars[i] = (char) ('0' + (int) (v - q * 10));
                v = q;
            }
            length = end;
            return this;
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }
    }

    /** Approximately standard normal (Irwin-Hall of four uniforms), bounded to about ±3.5. */
    static double gauss(SplittableRandom r) {
        double s = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble();
        return (s - 2.0) * 1.7320508075688772;
    }

    /** tc^0.9 for the transaction counts used, from a fixed table. */
    static final double[] TX_VOLUME = new double[16];

    static {
        for (int i = 0; i < TX_VOLUME.length; i++) {
            TX_VOLUME[i] = StrictMath.pow(i, 0.9);
        }
    }

    static int score(double x) {
        int v = (int) Math.floor(x + 0.5);
        return v < 1 ? 1 : Math.min(v, 5);
    }

    /** Picks an index by cumulative integer weights. */
    static int pick(SplittableRandom r, int[] cum) {
        int u = r.nextInt(cum[cum.length - 1]);
        int i = 0;
        while (u >= cum[i]) {
            i++;
        }
        return i;
    }

    static int[] cumulative(int... weights) {
        int[] cum = new int[weights.length];
        int s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            cum[i] = s;
        }
        return cum;
    }

    static boolean isLeap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    static int daysInMonth(int y, int month) {
        int[] cum = isLeap(y) ? CUM_LEAP : CUM;
        return cum[month] - cum[month - 1];
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
        100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** Number of decimal digits of a non-negative number. */
    static int digits(long n) {
        int d = 1;
        while (d < POW10.length && n >= POW10[d]) {
            d++;
        }
        return d;
    }

    /** RFC-4180 form of a value: quoted, with doubled quotes, when it holds a comma, quote or line break. */
    static String csv(String v) {
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String[] csvAll(String... values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = csv(values[i]);
        }
        return out;
    }

    // cumulative days before each month (index 0 = before January, 12 = whole year)
    static final int[] CUM = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    static final int[] CUM_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};

    // ------------------------------------------------------------------ vocabularies

    static final String[] SIZES = {"micro", "small", "medium", "large"};
    static final int[] SIZE_CUM = cumulative(30, 36, 24, 10);
    static final double[] SIZE_INTENT = {-0.25, -0.05, 0.15, 0.3};
    static final double[] SIZE_ENGAGEMENT = {-0.45, -0.1, 0.25, 0.6};
    static final double[] SIZE_TX_MEDIAN = {1_200.0, 2_800.0, 6_500.0, 16_000.0};

    static final String[] CHANNELS = {"phone", "online", "visit", "exhibition", "referral"};
    static final int[] CHANNEL_CUM = cumulative(30, 32, 15, 8, 15);

    static final String[] HZ_DISTRICTS = {"西湖区", "滨江区", "上城区", "拱墅区", "余杭区", "萧山区",
        "临平区", "钱塘区", "富阳区", "临安区"};
    static final int[] HZ_DISTRICT_CUM = cumulative(16, 15, 13, 11, 15, 12, 6, 6, 4, 2);

    static final String[] HZ_INDUSTRIES = {"manufacturing", "wholesale", "retail", "e-commerce", "construction",
        "logistics", "catering", "software", "professional services", "healthcare", "education"};
    static final int[] HZ_INDUSTRY_CUM = cumulative(20, 10, 10, 13, 7, 8, 6, 9, 8, 5, 4);
    static final String[][] HZ_INDUSTRY_WORDS = {
        {"机械制造", "电子", "精密机械", "新材料", "纺织", "五金制品"},
        {"贸易", "商贸", "进出口", "供应链"},
        {"商贸", "百货", "零售连锁", "便利"},
        {"电子商务", "网络科技", "电商"},
        {"建设工程", "建筑装饰", "市政工程"},
        {"物流", "供应链管理", "快运"},
        {"餐饮管理", "食品", "餐饮"},
        {"科技", "软件", "信息技术", "网络科技"},
        {"企业管理咨询", "会计服务", "人力资源", "广告"},
        {"医疗器械", "生物科技", "健康科技"},
        {"教育科技", "培训", "文化传媒"},
    };

    static final String[] HZ_PRODUCTS_CSV = csvAll("general ledger", "invoicing", "payroll", "tax", "ERP");
    // by company size: micro firms ask about invoicing and tax, large ones about ERP
    static final int[][] HZ_PRODUCT_CUM = {
        cumulative(25, 30, 10, 30, 5),
        cumulative(28, 24, 16, 22, 10),
        cumulative(25, 15, 20, 15, 25),
        cumulative(18, 8, 20, 10, 44),
    };

    static final String[] CD_DISTRICTS = {"高新区", "武侯区", "锦江区", "青羊区", "金牛区", "成华区",
        "天府新区", "双流区", "郫都区", "龙泉驿区", "新都区"};
    static final int[] CD_DISTRICT_CUM = cumulative(28, 13, 9, 8, 7, 7, 12, 6, 5, 3, 2);

    static final String[] CD_SEGMENTS = {"software", "cloud", "semiconductors", "AI", "IT services",
        "big data", "cybersecurity"};
    static final int[] CD_SEGMENT_CUM = cumulative(26, 14, 9, 13, 22, 9, 7);
    static final String[][] CD_SEGMENT_WORDS = {
        {"软件", "软件技术", "信息科技"},
        {"云计算", "云科技", "云服务"},
        {"半导体", "微电子", "集成电路"},
        {"智能科技", "人工智能", "智能技术"},
        {"信息技术", "信息服务", "网络技术"},
        {"数据科技", "大数据", "数据服务"},
        {"网络安全", "信息安全", "安全技术"},
    };
    // one bundled contract holds a comma, so readers meet RFC-4180 quoting
    static final String[] CD_SERVICES_CSV = csvAll("cloud migration", "custom development", "IT maintenance",
        "data services", "system integration", "security assessment", "IT maintenance, data services");
    static final int[] CD_SERVICE_CUM = cumulative(18, 22, 22, 15, 10, 8, 5);

    static final String[] SALES_OWNERS = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
        "周杰", "吴婷", "徐明", "孙丽"};

    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹"};
    static final int[] SURNAME_CUM = cumulative(72, 71, 70, 54, 46, 32, 24, 21, 21, 19, 18, 16, 13, 12, 12, 12,
        11, 10, 10, 9, 9, 8, 8, 8, 7, 7, 6, 6, 6, 6);
    static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "玲", "斌", "宇", "浩", "鑫", "婷",
        "欣", "晨", "佳", "子", "雪", "琳", "俊", "晓", "建", "国", "海", "峰", "红", "波", "辉", "梅", "慧"};
    static final int[] MOBILE_SECOND = {3, 5, 8};

    static final String[] BRAND = {"华", "信", "达", "恒", "瑞", "泰", "鑫", "诚", "宏", "盛", "博", "联", "创",
        "智", "云", "数", "天", "海", "新", "源", "锦", "正", "德", "明", "科", "远", "中", "金", "宇", "辰",
        "安", "和", "益", "丰", "嘉", "启", "致", "睿", "志", "合", "众", "泽", "景", "通", "捷", "亿", "星",
        "航", "峰", "汇", "易", "维", "迅", "朗", "凯", "弘", "卓", "越", "百", "优"};
}
