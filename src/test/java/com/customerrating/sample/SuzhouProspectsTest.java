package com.customerrating.sample;

import static com.customerrating.sample.SampleDataGeneratorTest.SUZHOU_HEADER;
import static com.customerrating.sample.SampleDataGeneratorTest.byId;
import static com.customerrating.sample.SampleDataGeneratorTest.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Checks the Suzhou prospects (model {@code sales-pipeline}) by reading the default sample back in plain
 * Java. Months to close are computed here from the spec's rule with {@link LocalDate#plusMonths}, apart
 * from the generator's own code.
 */
class SuzhouProspectsTest {

    static final Set<String> DISTRICTS = Set.of("工业园区", "姑苏区", "吴中区", "相城区", "虎丘区", "吴江区");
    static final Set<String> INDUSTRIES = Set.of("manufacturing", "retail", "wholesale", "logistics",
            "construction", "healthcare", "education", "finance", "professional services");
    static final Set<String> SIZES = Set.of("micro", "small", "medium", "large");
    static final Set<String> TRUE_LITERALS = Set.of("true", "yes", "1");
    static final Set<String> FALSE_LITERALS = Set.of("false", "no", "0");
    static final Set<String> OUTCOMES = Set.of("won", "lost", "open", "");
    static final Pattern SZ_ID = Pattern.compile("SZ[0-9]{6}");
    static final Pattern PHONE = Pattern.compile("1[358][0-9]{9}");
    static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]*)\\.[0-9]{2}");
    static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    static final Pattern CJK_COMPANY = Pattern.compile("苏州\\p{IsHan}+公司");
    static final Pattern CJK_NAME = Pattern.compile("\\p{IsHan}{2,3}");

    /** Buckets of a close date: the four grades with overdue and undated dates apart. */
    static final String OVERDUE = "overdue";
    static final String MISSING = "missing";

    @TempDir
    static Path shared;

    static Path defaults;

    @BeforeAll
    static void generateDefaults() throws IOException {
        defaults = shared.resolve("defaults");
        SampleDataGenerator.generate(defaults, new SampleDataGenerator.Options());
    }

    static Path file(Path root, int year) {
        return root.resolve("suzhou").resolve(Integer.toString(year)).resolve("prospects.csv");
    }

    static List<Map<String, String>> rows(int year) throws IOException {
        return read(file(defaults, year));
    }

    // ------------------------------------------------------------------ the spec's rule, computed here

    /** The smallest m ≥ 0 with e ≤ add_months(T, m); plusMonths is Spark 3's add_months. */
    static int monthsToClose(LocalDate asOf, LocalDate e) {
        int m = 0;
        while (e.isAfter(asOf.plusMonths(m))) {
            m++;
        }
        return m;
    }

    static String grade(int m) {
        return m <= 3 ? "A" : m <= 6 ? "B" : m <= 12 ? "C" : "D";
    }

    /** The bucket of a row: overdue, missing, or the grade of a date on or after T. */
    static String bucket(LocalDate asOf, String closeText) {
        if (closeText.isEmpty()) {
            return MISSING;
        }
        LocalDate e = LocalDate.parse(closeText);
        return e.isBefore(asOf) ? OVERDUE : grade(monthsToClose(asOf, e));
    }

    /** The model's grade of a row: overdue prospects have m = 0 (A), undated ones are D. */
    static String modelGrade(LocalDate asOf, String closeText) {
        String b = bucket(asOf, closeText);
        return b.equals(OVERDUE) ? "A" : b.equals(MISSING) ? "D" : b;
    }

    @Test
    void monthsToCloseFollowsTheSpecsWorkedExamples() {
        LocalDate t = LocalDate.of(2025, 12, 31);
        Object[][] examples = {{"2026-03-31", 3}, {"2026-04-01", 4}, {"2026-12-31", 12}, {"2027-01-01", 13},
            {"2025-06-30", 0}, {"2026-02-28", 2}, {"2026-03-01", 3}, {"2025-12-31", 0}};
        for (Object[] ex : examples) {
            LocalDate e = LocalDate.parse((String) ex[0]);
            assertEquals(ex[1], monthsToClose(t, e), "test's rule for " + ex[0]);
            assertEquals(ex[1], SuzhouPipeline.monthsToClose(t, e), "generator's rule for " + ex[0]);
        }
        LocalDate midYear = LocalDate.of(2025, 6, 30);
        assertEquals(1, SuzhouPipeline.monthsToClose(midYear, LocalDate.of(2025, 7, 30)));
        assertEquals(2, SuzhouPipeline.monthsToClose(midYear, LocalDate.of(2025, 7, 31)));
        // the generator's rule agrees with the loop on every day from a year before T to three after
        for (LocalDate e = LocalDate.of(2025, 1, 1); e.isBefore(LocalDate.of(2029, 1, 1)); e = e.plusDays(1)) {
            assertEquals(monthsToClose(t, e), SuzhouPipeline.monthsToClose(t, e), e.toString());
        }
    }

    // ------------------------------------------------------------------ layout and fields

    @Test
    void headerColumnOrderAndFields() throws IOException {
        assertEquals(List.of("customer_id", "company_name", "district", "industry", "company_size",
                "contact_name", "contact_phone", "informatized", "expected_close_date", "estimated_amount",
                "sales_owner", "outcome"), SampleDataGenerator.SUZHOU_COLUMNS);
        assertEquals(String.join(",", SampleDataGenerator.SUZHOU_COLUMNS), SUZHOU_HEADER);
        assertEquals(360, SampleDataGenerator.DEFAULT_SUZHOU_ROWS);
        for (int year : new int[] {2024, 2025}) {
            List<String> lines = Files.readAllLines(file(defaults, year), StandardCharsets.UTF_8);
            assertEquals(SUZHOU_HEADER, lines.get(0));
            List<Map<String, String>> rows = rows(year);
            assertEquals(360, rows.size());
            Set<String> ids = new HashSet<>();
            Set<String> owners = new HashSet<>();
            int plainBooleans = 0;
            int informatized = 0;
            int missingAmount = 0;
            for (Map<String, String> r : rows) {
                String id = r.get("customer_id");
                assertTrue(SZ_ID.matcher(id).matches(), id);
                assertTrue(ids.add(id), "duplicate id " + id);
                assertTrue(CJK_COMPANY.matcher(r.get("company_name")).matches(), r.get("company_name"));
                assertTrue(DISTRICTS.contains(r.get("district")), r.get("district"));
                assertTrue(INDUSTRIES.contains(r.get("industry")), r.get("industry"));
                assertTrue(SIZES.contains(r.get("company_size")), r.get("company_size"));
                assertTrue(CJK_NAME.matcher(r.get("contact_name")).matches(), r.get("contact_name"));
                assertTrue(PHONE.matcher(r.get("contact_phone")).matches(), r.get("contact_phone"));
                String inf = r.get("informatized");
                assertTrue(TRUE_LITERALS.contains(inf) || FALSE_LITERALS.contains(inf), "informatized " + inf);
                plainBooleans += inf.equals("true") || inf.equals("false") ? 1 : 0;
                informatized += TRUE_LITERALS.contains(inf) ? 1 : 0;
                String close = r.get("expected_close_date");
                if (!close.isEmpty()) {
                    assertTrue(DATE.matcher(close).matches(), close);
                    LocalDate.parse(close);
                }
                String amount = r.get("estimated_amount");
                if (amount.isEmpty()) {
                    missingAmount++;
                } else {
                    assertTrue(AMOUNT.matcher(amount).matches(), amount);
                    BigDecimal a = new BigDecimal(amount);
                    assertTrue(a.compareTo(new BigDecimal("20000")) >= 0
                            && a.compareTo(new BigDecimal("5000000")) <= 0, amount);
                }
                assertFalse(r.get("sales_owner").isEmpty());
                owners.add(r.get("sales_owner"));
                assertTrue(OUTCOMES.contains(r.get("outcome")), "outcome '" + r.get("outcome") + "'");
            }
            assertTrue(plainBooleans >= 0.85 * rows.size(), "mostly true/false: " + plainBooleans);
            assertTrue(plainBooleans < rows.size(), "some yes/no or 1/0 literals");
            assertTrue(informatized > 0.3 * rows.size() && informatized < 0.7 * rows.size(),
                    "both informatized and not: " + informatized);
            assertTrue(missingAmount > 0 && missingAmount < 0.15 * rows.size(), "missing amounts " + missingAmount);
            assertTrue(owners.size() >= 3 && owners.size() <= 8, "a handful of owners: " + owners);
        }
    }

    @Test
    void amountsAreSkewed() throws IOException {
        for (int year : new int[] {2024, 2025}) {
            List<BigDecimal> amounts = rows(year).stream().map(r -> r.get("estimated_amount"))
                    .filter(a -> !a.isEmpty()).map(BigDecimal::new).sorted().collect(Collectors.toList());
            BigDecimal median = amounts.get(amounts.size() / 2);
            BigDecimal mean = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(amounts.size()), 2, RoundingMode.HALF_UP);
            assertTrue(mean.compareTo(median.multiply(new BigDecimal("1.3"))) > 0,
                    "mean " + mean + " well above median " + median);
            assertTrue(amounts.get(amounts.size() - 1).compareTo(new BigDecimal("1000000")) > 0, "some big deals");
            assertTrue(amounts.stream().anyMatch(a -> a.remainder(new BigDecimal("1000")).signum() != 0),
                    "not all estimates are round");
        }
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void sameSeedSameBytesAndAYearStandsAlone() throws IOException {
        Path again = shared.resolve("again");
        SampleDataGenerator.generate(again, new SampleDataGenerator.Options().cities("suzhou"));
        Path only2025 = shared.resolve("only-2025");
        SampleDataGenerator.generate(only2025, new SampleDataGenerator.Options().years(2025));
        for (int year : new int[] {2024, 2025}) {
            assertArrayEquals(Files.readAllBytes(file(defaults, year)), Files.readAllBytes(file(again, year)));
        }
        assertArrayEquals(Files.readAllBytes(file(defaults, 2025)), Files.readAllBytes(file(only2025, 2025)));
        Path other = shared.resolve("other-seed");
        SampleDataGenerator.generate(other, new SampleDataGenerator.Options().seed(42).years(2025));
        assertNotEquals(Files.readString(file(defaults, 2025)), Files.readString(file(other, 2025)));
    }

    @Test
    void partFilesHoldTheSameRows(@TempDir Path dir) throws IOException {
        SampleDataGenerator.Options options = new SampleDataGenerator.Options().cities("suzhou").years(2025)
                .suzhouRows(1000);
        SampleDataGenerator.generate(dir.resolve("one"), options);
        SampleDataGenerator.Result split = SampleDataGenerator.generate(dir.resolve("four"), options.files(4));
        assertEquals(1000, split.totalRows());
        List<String> single = Files.readAllLines(file(dir.resolve("one"), 2025), StandardCharsets.UTF_8);
        List<String> joined = new ArrayList<>();
        Path partDir = dir.resolve("four/suzhou/2025");
        List<Path> parts;
        try (Stream<Path> s = Files.list(partDir)) {
            parts = s.sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("prospects-part-00000.csv", "prospects-part-00001.csv", "prospects-part-00002.csv",
                "prospects-part-00003.csv"), parts.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toList()));
        for (Path p : parts) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            assertEquals(SUZHOU_HEADER, lines.get(0));
            joined.addAll(lines.subList(1, lines.size()));
        }
        assertEquals(single.subList(1, single.size()), joined);
    }

    @Test
    void commandLineOptions(@TempDir Path dir) throws IOException {
        CommandLine cli = new CommandLine(new SampleDataCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute("--out", dir.resolve("a").toString(), "--cities", "Suzhou", "--years", "2025",
                "--rows", "30", "--suzhou-rows", "50"));
        assertEquals(51, Files.readAllLines(file(dir.resolve("a"), 2025)).size());
        assertFalse(Files.exists(dir.resolve("a/hangzhou")));

        SampleDataCommand cmd = new SampleDataCommand();
        new CommandLine(cmd).parseArgs("--rows", "30");
        assertEquals(30, cmd.toOptions().suzhouRows());
        assertEquals(List.of("hangzhou", "chengdu", "suzhou"), cmd.toOptions().cities());
        SampleDataCommand defaultsCmd = new SampleDataCommand();
        new CommandLine(defaultsCmd).parseArgs();
        assertEquals(360, defaultsCmd.toOptions().suzhouRows());
        assertEquals(30, defaultsCmd.toOptions().rows(30).rowsFor("suzhou"));
    }

    // ------------------------------------------------------------------ the grading and its outcomes

    @Test
    void closeDatesGiveEveryGradeInPlausibleShares() throws IOException {
        for (int year : new int[] {2024, 2025}) {
            LocalDate asOf = LocalDate.of(year, 12, 31);
            List<Map<String, String>> rows = rows(year);
            Map<String, Integer> counts = new HashMap<>();
            for (Map<String, String> r : rows) {
                counts.merge(bucket(asOf, r.get("expected_close_date")), 1, Integer::sum);
            }
            String msg = year + " " + counts;
            assertShare(counts, "A", 0.14, 0.28, rows.size(), msg);
            assertShare(counts, "B", 0.14, 0.28, rows.size(), msg);
            assertShare(counts, "C", 0.17, 0.33, rows.size(), msg);
            assertShare(counts, "D", 0.14, 0.28, rows.size(), msg);
            assertShare(counts, MISSING, 0.05, 0.15, rows.size(), msg);
            assertShare(counts, OVERDUE, 0.03, 0.10, rows.size(), msg);
        }
    }

    private static void assertShare(Map<String, Integer> counts, String key, double lo, double hi, int n,
            String msg) {
        double share = counts.getOrDefault(key, 0) / (double) n;
        assertTrue(share >= lo && share <= hi, key + " share " + share + " outside [" + lo + ", " + hi + "]: " + msg);
    }

    @Test
    void datesSitOnTheGradeEdges() throws IOException {
        int total = 0;
        for (int year : new int[] {2024, 2025}) {
            LocalDate t = LocalDate.of(year, 12, 31);
            Set<LocalDate> dates = rows(year).stream().map(r -> r.get("expected_close_date"))
                    .filter(s -> !s.isEmpty()).map(LocalDate::parse).collect(Collectors.toSet());
            List<LocalDate> edges = List.of(
                    t,                                      // m = 0, not overdue
                    t.plusMonths(2),                        // <year+1>-02-28 (or 29): m = 2
                    t.plusMonths(3),                        // <year+1>-03-31: m = 3, the last A
                    t.plusMonths(3).plusDays(1),            // <year+1>-04-01: m = 4, the first B
                    t.plusMonths(6),                        // <year+1>-06-30: m = 6, the last B
                    t.plusMonths(6).plusDays(1),            // <year+1>-07-01: m = 7, the first C
                    t.plusMonths(12),                       // <year+1>-12-31: m = 12, the last C
                    t.plusMonths(12).plusDays(1));          // <year+2>-01-01: m = 13, the first D
            for (LocalDate edge : edges) {
                assertTrue(dates.contains(edge), "no close date on the edge " + edge + " in " + year);
            }
            assertEquals(LocalDate.of(year + 1, 2, 28), t.plusMonths(2));
            assertEquals(LocalDate.of(year + 2, 1, 1), t.plusMonths(12).plusDays(1));
            for (Map<String, String> r : rows(year)) {
                String close = r.get("expected_close_date");
                total += !close.isEmpty() && edges.contains(LocalDate.parse(close)) ? 1 : 0;
            }
        }
        assertTrue(total >= 40, "a good number of edge dates: " + total);
    }

    @Test
    void winRateFallsFromGradeAToD() throws IOException {
        for (int year : new int[] {2024, 2025}) {
            LocalDate asOf = LocalDate.of(year, 12, 31);
            List<Map<String, String>> rows = rows(year);
            Map<String, int[]> wonLost = new HashMap<>();
            int known = 0;
            Set<String> seen = new HashSet<>();
            for (Map<String, String> r : rows) {
                String outcome = r.get("outcome");
                seen.add(outcome);
                if (outcome.equals("won") || outcome.equals("lost")) {
                    known++;
                    int[] wl = wonLost.computeIfAbsent(modelGrade(asOf, r.get("expected_close_date")),
                            g -> new int[2]);
                    wl[outcome.equals("won") ? 0 : 1]++;
                }
            }
            assertEquals(OUTCOMES, seen, "won, lost, open and empty all occur in " + year);
            double knownShare = known / (double) rows.size();
            assertTrue(knownShare >= 0.55 && knownShare <= 0.65, "known outcomes " + knownShare + " in " + year);
            double previous = 1.0;
            for (String g : List.of("A", "B", "C", "D")) {
                int[] wl = wonLost.get(g);
                assertTrue(wl != null && wl[0] + wl[1] >= 20, "enough known outcomes in grade " + g);
                double rate = wl[0] / (double) (wl[0] + wl[1]);
                assertTrue(rate < previous, "win rate of " + g + " (" + rate + ") below the grade above in " + year);
                previous = rate;
            }
            double rateA = wonLost.get("A")[0] / (double) (wonLost.get("A")[0] + wonLost.get("A")[1]);
            assertTrue(rateA - previous > 0.3, "A wins far more often than D in " + year);
        }
    }

    // ------------------------------------------------------------------ prospects across years

    @Test
    void prospectsPersistAndTheirDealsMoveOn() throws IOException {
        Map<String, Map<String, String>> y2024 = byId(rows(2024));
        Map<String, Map<String, String>> y2025 = byId(rows(2025));
        Set<String> both = new HashSet<>(y2024.keySet());
        both.retainAll(y2025.keySet());
        double share = both.size() / (double) y2024.size();
        assertTrue(share >= 0.75 && share <= 0.90, "share of prospects in both years: " + share);
        assertTrue(y2025.size() - both.size() > 30, "new prospects arrive");
        assertTrue(y2024.size() - both.size() > 30, "some prospects are gone");

        LocalDate t2024 = LocalDate.of(2024, 12, 31);
        LocalDate t2025 = LocalDate.of(2025, 12, 31);
        int decided = 0;
        int closer = 0;
        int further = 0;
        for (String id : both) {
            Map<String, String> a = y2024.get(id);
            Map<String, String> b = y2025.get(id);
            for (String col : List.of("company_name", "district", "industry", "company_size", "contact_name",
                    "contact_phone")) {
                assertEquals(a.get(col), b.get(col), col + " of " + id);
            }
            assertEquals(TRUE_LITERALS.contains(a.get("informatized")),
                    TRUE_LITERALS.contains(b.get("informatized")), "informatized of " + id);
            if (a.get("outcome").equals("won") || a.get("outcome").equals("lost")) {
                decided++;
            } else if (!a.get("expected_close_date").isEmpty() && !b.get("expected_close_date").isEmpty()) {
                int m2024 = monthsToClose(t2024, LocalDate.parse(a.get("expected_close_date")));
                int m2025 = monthsToClose(t2025, LocalDate.parse(b.get("expected_close_date")));
                closer += m2025 < m2024 ? 1 : 0;
                further += m2025 > m2024 ? 1 : 0;
            }
        }
        assertTrue(closer > 3 * further, "open deals mostly come closer: " + closer + " closer, " + further
                + " further");
        assertTrue(decided + closer >= 0.7 * both.size(),
                "most prospects in both years resolved or moved closer: " + (decided + closer) + " of "
                        + both.size());
        // new prospects carry higher numbers than everyone already there
        int maxKept = both.stream().mapToInt(id -> Integer.parseInt(id.substring(2))).max().orElseThrow();
        assertTrue(y2025.keySet().stream().filter(id -> !both.contains(id))
                .allMatch(id -> Integer.parseInt(id.substring(2)) > maxKept));
    }
}
