package com.customerrating.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

/** Checks the sample data by reading the files back in plain Java. */
class SampleDataGeneratorTest {

    static final String HANGZHOU_HEADER = "customer_id,company_name,district,industry,company_size,contact_name,"
            + "contact_phone,consult_channel,product_interest,consult_date,intention_score,demand_clarity_score,"
            + "satisfaction_score,purchased";
    static final String CHENGDU_HEADER = "customer_id,company_name,district,industry_segment,company_size,"
            + "contact_name,contact_phone,first_contact_date,consult_channel,consultation_count,transaction_count,"
            + "cumulative_amount,last_transaction_date,repurchase_rate,tx_m1,tx_m2,tx_m3,tx_m4,tx_m5,tx_m6,"
            + "service_content,sales_owner";
    static final String SUZHOU_HEADER = "customer_id,company_name,district,industry,company_size,contact_name,"
            + "contact_phone,informatized,expected_close_date,estimated_amount,sales_owner,outcome";

    static final Set<String> SIZES = Set.of("micro", "small", "medium", "large");
    static final Set<String> CHANNELS = Set.of("phone", "online", "visit", "exhibition", "referral");
    static final Set<String> PRODUCTS = Set.of("general ledger", "invoicing", "payroll", "tax", "ERP");
    static final Set<String> HZ_DISTRICTS = Set.of("西湖区", "滨江区", "上城区", "拱墅区", "余杭区", "萧山区",
            "临平区", "钱塘区", "富阳区", "临安区");
    static final Pattern PHONE = Pattern.compile("1[358][0-9]{9}");
    static final Pattern HZ_ID = Pattern.compile("HZ[0-9]{6}");
    static final Pattern CD_ID = Pattern.compile("CD[0-9]{6}");
    static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]*)\\.[0-9]{2}");
    static final Pattern RATE = Pattern.compile("[01]\\.[0-9]{4}");
    static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    static final Pattern CJK_COMPANY = Pattern.compile("\\p{IsHan}+公司");
    static final Pattern CJK_NAME = Pattern.compile("\\p{IsHan}{2,3}");

    @TempDir
    static Path shared;

    static Path defaults;

    @BeforeAll
    static void generateDefaults() throws IOException {
        defaults = shared.resolve("defaults");
        SampleDataGenerator.Result result = SampleDataGenerator.generate(defaults, new SampleDataGenerator.Options());
        assertEquals(2 * 701 + 2 * 601 + 2 * 360, result.totalRows());
        assertEquals(6, result.outputs().size());
    }

    // ------------------------------------------------------------------ layout and format

    @Test
    void writesTheLandingZoneWithExactHeadersAndRowCounts() throws IOException {
        for (int year : new int[] {2024, 2025}) {
            Path hz = defaults.resolve("hangzhou").resolve(Integer.toString(year)).resolve("consultations.csv");
            Path cd = defaults.resolve("chengdu").resolve(Integer.toString(year)).resolve("customers.csv");
            assertFormat(hz, HANGZHOU_HEADER, 701);
            assertFormat(cd, CHENGDU_HEADER, 601);
            assertFormat(defaults.resolve("suzhou/" + year + "/prospects.csv"), SUZHOU_HEADER, 360);
        }
        try (Stream<Path> files = Files.walk(defaults)) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> defaults.relativize(p).toString().replace('\\', '/')).sorted()
                    .collect(Collectors.toList());
            assertEquals(List.of("chengdu/2024/customers.csv", "chengdu/2025/customers.csv",
                    "hangzhou/2024/consultations.csv", "hangzhou/2025/consultations.csv",
                    "suzhou/2024/prospects.csv", "suzhou/2025/prospects.csv"), names);
        }
    }

    private static void assertFormat(Path file, String header, int rows) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF, "no BOM in " + file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "\\n line endings only in " + file);
        assertTrue(text.endsWith("\n"), "last line ends with \\n in " + file);
        assertFalse(text.contains("E+") || text.contains("E-") || text.contains("NaN"), "no float artefacts");
        List<String> lines = List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        assertEquals(header, lines.get(0));
        assertEquals(rows, lines.size() - 1, "data rows in " + file);
        int fields = header.split(",").length;
        for (String line : lines) {
            assertEquals(fields, parseCsvLine(line).size(), "field count of: " + line);
        }
    }

    @Test
    void sameOptionsGiveByteIdenticalFilesAndOtherSeedsDoNot() throws IOException {
        Path again = shared.resolve("again");
        SampleDataGenerator.generate(again, new SampleDataGenerator.Options());
        for (String rel : List.of("hangzhou/2024/consultations.csv", "hangzhou/2025/consultations.csv",
                "chengdu/2024/customers.csv", "chengdu/2025/customers.csv", "suzhou/2024/prospects.csv",
                "suzhou/2025/prospects.csv")) {
            assertArrayEquals(Files.readAllBytes(defaults.resolve(rel)), Files.readAllBytes(again.resolve(rel)), rel);
        }
        Path other = shared.resolve("other-seed");
        SampleDataGenerator.generate(other, new SampleDataGenerator.Options().seed(42).years(2025));
        assertNotEquals(Files.readString(defaults.resolve("chengdu/2025/customers.csv")),
                Files.readString(other.resolve("chengdu/2025/customers.csv")));
    }

    @Test
    void aYearDoesNotDependOnWhichOtherYearsAreGenerated() throws IOException {
        Path only2025 = shared.resolve("only-2025");
        SampleDataGenerator.generate(only2025, new SampleDataGenerator.Options().years(2025));
        assertArrayEquals(Files.readAllBytes(defaults.resolve("hangzhou/2025/consultations.csv")),
                Files.readAllBytes(only2025.resolve("hangzhou/2025/consultations.csv")));
        assertArrayEquals(Files.readAllBytes(defaults.resolve("chengdu/2025/customers.csv")),
                Files.readAllBytes(only2025.resolve("chengdu/2025/customers.csv")));
        assertArrayEquals(Files.readAllBytes(defaults.resolve("suzhou/2025/prospects.csv")),
                Files.readAllBytes(only2025.resolve("suzhou/2025/prospects.csv")));
    }

    // ------------------------------------------------------------------ Hangzhou

    @Test
    void hangzhouRowsKeepTheContract() throws IOException {
        int high = 0;
        int highBought = 0;
        int low = 0;
        int lowBought = 0;
        double[] intention = new double[701];
        double[] clarity = new double[701];
        for (int year : new int[] {2024, 2025}) {
            List<Map<String, String>> rows = read(defaults.resolve("hangzhou/" + year + "/consultations.csv"));
            Set<String> ids = new HashSet<>();
            int i = 0;
            for (Map<String, String> r : rows) {
                String id = r.get("customer_id");
                assertTrue(HZ_ID.matcher(id).matches(), id);
                assertTrue(ids.add(id), "duplicate id " + id);
                assertTrue(r.get("company_name").startsWith("杭州"), r.get("company_name"));
                assertTrue(CJK_COMPANY.matcher(r.get("company_name")).matches(), r.get("company_name"));
                assertTrue(HZ_DISTRICTS.contains(r.get("district")), r.get("district"));
                assertFalse(r.get("industry").isEmpty());
                assertTrue(SIZES.contains(r.get("company_size")), r.get("company_size"));
                assertTrue(CJK_NAME.matcher(r.get("contact_name")).matches(), r.get("contact_name"));
                assertTrue(PHONE.matcher(r.get("contact_phone")).matches(), r.get("contact_phone"));
                assertTrue(CHANNELS.contains(r.get("consult_channel")), r.get("consult_channel"));
                assertTrue(PRODUCTS.contains(r.get("product_interest")), r.get("product_interest"));
                assertTrue(DATE.matcher(r.get("consult_date")).matches());
                assertEquals(year, LocalDate.parse(r.get("consult_date")).getYear());
                int in = score(r.get("intention_score"));
                int dc = score(r.get("demand_clarity_score"));
                int sa = score(r.get("satisfaction_score"));
                String purchased = r.get("purchased");
                assertTrue(purchased.equals("true") || purchased.equals("false"), purchased);
                int composite10 = 4 * in + 3 * dc + 3 * sa;
                if (composite10 >= 40) {
                    high++;
                    highBought += purchased.equals("true") ? 1 : 0;
                } else if (composite10 < 30) {
                    low++;
                    lowBought += purchased.equals("true") ? 1 : 0;
                }
                intention[i] = in;
                clarity[i] = dc;
                i++;
            }
            assertTrue(correlation(intention, clarity) > 0.3, "scores follow one latent intent");
            // every score value and every grade shows up
            for (String col : List.of("intention_score", "demand_clarity_score", "satisfaction_score")) {
                Set<String> values = rows.stream().map(r -> r.get(col)).collect(Collectors.toSet());
                assertEquals(Set.of("1", "2", "3", "4", "5"), values, col);
            }
        }
        assertTrue(high > 100 && low > 100, "grades A and C/D both well populated: " + high + ", " + low);
        double highRate = highBought / (double) high;
        double lowRate = lowBought / (double) low;
        assertTrue(highRate > 0.5 && lowRate < 0.2, "purchases follow the scores: " + highRate + " vs " + lowRate);
    }

    private static int score(String s) {
        int v = Integer.parseInt(s);
        assertTrue(v >= 1 && v <= 5, "score " + s);
        return v;
    }

    // ------------------------------------------------------------------ Chengdu

    @Test
    void chengduRowsKeepTheContract() throws IOException {
        int edge10k = 0;
        int edge50k = 0;
        int quoted = 0;
        for (int year : new int[] {2024, 2025}) {
            Path file = defaults.resolve("chengdu/" + year + "/customers.csv");
            quoted += (int) Files.readAllLines(file).stream().filter(l -> l.contains("\"")).count();
            List<Map<String, String>> rows = read(file);
            LocalDate asOf = LocalDate.of(year, 12, 31);
            Set<String> ids = new HashSet<>();
            int noRepurchase = 0;
            int noTransactions = 0;
            List<BigDecimal> amounts = new ArrayList<>();
            for (Map<String, String> r : rows) {
                String id = r.get("customer_id");
                assertTrue(CD_ID.matcher(id).matches(), id);
                assertTrue(ids.add(id), "duplicate id " + id);
                assertTrue(r.get("company_name").startsWith("成都"), r.get("company_name"));
                assertTrue(CJK_COMPANY.matcher(r.get("company_name")).matches(), r.get("company_name"));
                assertFalse(r.get("district").isEmpty());
                assertTrue(Set.of("software", "cloud", "semiconductors", "AI", "IT services", "big data",
                        "cybersecurity").contains(r.get("industry_segment")), r.get("industry_segment"));
                assertTrue(SIZES.contains(r.get("company_size")));
                assertTrue(CJK_NAME.matcher(r.get("contact_name")).matches(), r.get("contact_name"));
                assertTrue(PHONE.matcher(r.get("contact_phone")).matches(), r.get("contact_phone"));
                assertTrue(CHANNELS.contains(r.get("consult_channel")));
                assertFalse(r.get("service_content").isEmpty());
                assertFalse(r.get("sales_owner").isEmpty());

                LocalDate firstContact = LocalDate.parse(r.get("first_contact_date"));
                assertFalse(firstContact.isAfter(asOf), "first contact on or before the as-of date");

                int cc = Integer.parseInt(r.get("consultation_count"));
                int tc = Integer.parseInt(r.get("transaction_count"));
                assertTrue(cc >= 0 && cc <= 10, "consultation_count " + cc);
                assertTrue(tc >= 0 && tc <= 15, "transaction_count " + tc);

                String amountText = r.get("cumulative_amount");
                assertTrue(AMOUNT.matcher(amountText).matches(), amountText);
                BigDecimal amount = new BigDecimal(amountText);
                assertEquals(tc == 0, amount.signum() == 0, "amount is 0 exactly when there are no transactions");
                amounts.add(amount);
                edge10k += amount.compareTo(new BigDecimal("10000.00")) == 0 ? 1 : 0;
                edge50k += amount.compareTo(new BigDecimal("50000.00")) == 0 ? 1 : 0;

                String last = r.get("last_transaction_date");
                if (tc == 0) {
                    assertEquals("", last, "last_transaction_date is null without transactions");
                    noTransactions++;
                } else {
                    LocalDate lastDate = LocalDate.parse(last);
                    assertEquals(year, lastDate.getYear(), "last transaction inside the snapshot year");
                    assertFalse(lastDate.isBefore(firstContact), "last transaction after first contact");
                }

                String rateText = r.get("repurchase_rate");
                assertTrue(RATE.matcher(rateText).matches(), rateText);
                BigDecimal rate = new BigDecimal(rateText);
                assertTrue(rate.signum() >= 0 && rate.compareTo(BigDecimal.ONE) <= 0, rateText);
                if (tc <= 1) {
                    assertEquals(0, rate.signum(), "no repurchase with at most one transaction");
                }
                noRepurchase += rate.signum() == 0 ? 1 : 0;

                int sum = 0;
                int mostRecent = 0;
                for (int k = 6; k >= 1; k--) {
                    int m = Integer.parseInt(r.get("tx_m" + k));
                    assertTrue(m >= 0);
                    sum += m;
                    if (m > 0) {
                        mostRecent = k;
                    }
                }
                assertTrue(sum <= tc, "tx_m1..tx_m6 sum " + sum + " exceeds " + tc);
                if (mostRecent > 0) {
                    // tx_m1 is December: the last transaction lies in the most recent active month
                    assertEquals(13 - mostRecent, LocalDate.parse(last).getMonthValue(), "row " + id);
                } else if (tc > 0) {
                    assertTrue(LocalDate.parse(last).getMonthValue() <= 6, "no transaction in the last six months");
                }
            }
            double zeroShare = noRepurchase / (double) rows.size();
            assertTrue(zeroShare >= 0.40 && zeroShare <= 0.65, "share without repurchase " + zeroShare);
            assertTrue(noTransactions > 30, "customers without transactions: " + noTransactions);
            // skewed amounts: mean well above median
            List<BigDecimal> positive = amounts.stream().filter(a -> a.signum() > 0).sorted()
                    .collect(Collectors.toList());
            BigDecimal median = positive.get(positive.size() / 2);
            BigDecimal mean = positive.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(positive.size()), 2, java.math.RoundingMode.HALF_UP);
            assertTrue(mean.compareTo(median.multiply(new BigDecimal("1.3"))) > 0,
                    "amounts are skewed: mean " + mean + ", median " + median);
            assertTrue(amounts.stream().anyMatch(a -> a.compareTo(new BigDecimal("50000")) > 0));
        }
        assertTrue(edge10k > 0 && edge50k > 0, "band edges 10000.00 and 50000.00 are present");
        assertTrue(quoted > 0, "some values need RFC-4180 quoting");
    }

    // ------------------------------------------------------------------ customers across years

    @Test
    void customersPersistAcrossYearsWithStableAttributes() throws IOException {
        checkPersistence("hangzhou/%d/consultations.csv", List.of("company_name", "district", "industry",
                "company_size", "contact_name", "contact_phone"), "intention_score");
        checkPersistence("chengdu/%d/customers.csv", List.of("company_name", "district", "industry_segment",
                "company_size", "contact_name", "contact_phone", "first_contact_date"), "cumulative_amount");
    }

    private static void checkPersistence(String pattern, List<String> stable, String changing) throws IOException {
        Map<String, Map<String, String>> y2024 = byId(read(defaults.resolve(String.format(pattern, 2024))));
        Map<String, Map<String, String>> y2025 = byId(read(defaults.resolve(String.format(pattern, 2025))));
        Set<String> kept = new HashSet<>(y2024.keySet());
        kept.retainAll(y2025.keySet());
        double share = kept.size() / (double) y2024.size();
        assertTrue(share >= 0.75 && share <= 0.90, "share of customers kept: " + share);
        assertTrue(y2025.size() - kept.size() > 30, "new customers arrive");
        int changed = 0;
        for (String id : kept) {
            for (String col : stable) {
                assertEquals(y2024.get(id).get(col), y2025.get(id).get(col), col + " of " + id);
            }
            changed += y2024.get(id).get(changing).equals(y2025.get(id).get(changing)) ? 0 : 1;
        }
        assertTrue(changed > kept.size() / 3, "yearly figures change: " + changed + " of " + kept.size());
        // new customers carry higher numbers than everyone already there
        int maxKept = kept.stream().mapToInt(id -> Integer.parseInt(id.substring(2))).max().orElseThrow();
        assertTrue(y2025.keySet().stream().filter(id -> !kept.contains(id))
                .allMatch(id -> Integer.parseInt(id.substring(2)) > maxKept));
    }

    // ------------------------------------------------------------------ part files and options

    @Test
    void partFilesHoldTheSameRowsAsOneFile(@TempDir Path dir) throws IOException {
        SampleDataGenerator.Options options = new SampleDataGenerator.Options().years(2025).rows(1000);
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        SampleDataGenerator.generate(one, options);
        SampleDataGenerator.Result split = SampleDataGenerator.generate(three, options.files(3));
        assertEquals(3000, split.totalRows());
        for (String[] cf : new String[][] {{"hangzhou", "consultations", HANGZHOU_HEADER},
                {"chengdu", "customers", CHENGDU_HEADER}, {"suzhou", "prospects", SUZHOU_HEADER}}) {
            Path dirOne = one.resolve(cf[0]).resolve("2025");
            Path dirThree = three.resolve(cf[0]).resolve("2025");
            List<String> single = Files.readAllLines(dirOne.resolve(cf[1] + ".csv"), StandardCharsets.UTF_8);
            List<Path> parts = listCsv(dirThree);
            assertEquals(List.of(cf[1] + "-part-00000.csv", cf[1] + "-part-00001.csv", cf[1] + "-part-00002.csv"),
                    parts.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
            List<String> joined = new ArrayList<>();
            for (Path p : parts) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                assertEquals(cf[2], lines.get(0), "each part has the header");
                assertTrue(lines.size() > 300);
                joined.addAll(lines.subList(1, lines.size()));
            }
            assertEquals(single.subList(1, single.size()), joined);
        }
        // a rerun with one file replaces the part files instead of adding to them
        SampleDataGenerator.generate(three, options.files(1));
        assertEquals(List.of("customers.csv"), listCsv(three.resolve("chengdu/2025")).stream()
                .map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }

    @Test
    void commandLineOptions(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cli");
        CommandLine cli = new CommandLine(new SampleDataCommand());
        java.io.StringWriter printed = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(printed));
        int code = cli.execute("--out", out.toString(), "--years", "2023",
                "--rows", "40", "--hangzhou-rows", "25", "--seed", "7", "--files", "2");
        assertEquals(0, code);
        assertTrue(printed.toString().contains("105 rows"), printed.toString());
        assertEquals(25, countRows(listCsv(out.resolve("hangzhou/2023"))));
        assertEquals(40, countRows(listCsv(out.resolve("chengdu/2023"))));
        assertEquals(40, countRows(listCsv(out.resolve("suzhou/2023"))));
        assertEquals(2, listCsv(out.resolve("chengdu/2023")).size());

        SampleDataCommand cmd = new SampleDataCommand();
        new CommandLine(cmd).parseArgs("--cities", "chengdu");
        SampleDataGenerator.Options o = cmd.toOptions();
        assertEquals(List.of("chengdu"), o.cities());
        assertEquals(List.of(2024, 2025), o.years());
        assertEquals(701, o.hangzhouRows());
        assertEquals(601, o.chengduRows());
        assertEquals(360, o.suzhouRows());
        assertEquals(1, o.files());
        assertEquals(SampleDataGenerator.DEFAULT_SEED, o.seed());
        assertEquals(java.nio.file.Paths.get("data/sample"), cmd.out);

        CommandLine bad = new CommandLine(new SampleDataCommand());
        java.io.StringWriter errors = new java.io.StringWriter();
        bad.setErr(new java.io.PrintWriter(errors));
        assertNotEquals(0, bad.execute("--out", dir.resolve("bad").toString(), "--cities", "shanghai"));
        assertTrue(errors.toString().contains("unknown city 'shanghai'"), errors.toString());
        assertFalse(Files.exists(dir.resolve("bad")));
        assertThrows(IllegalArgumentException.class, () -> SampleDataGenerator.generate(dir.resolve("bad"),
                new SampleDataGenerator.Options().files(0)));
        assertThrows(IllegalArgumentException.class, () -> SampleDataGenerator.generate(dir.resolve("bad"),
                new SampleDataGenerator.Options().years(1999)));
    }

    @Test
    void scalesToLargerRowCounts(@TempDir Path dir) throws IOException {
        // light load: 200k rows in one city; enough to catch a per-row leak or a quadratic step
        SampleDataGenerator.Result r = SampleDataGenerator.generate(dir, new SampleDataGenerator.Options()
                .cities("chengdu").years(2025).chengduRows(200_000));
        Path file = dir.resolve("chengdu/2025/customers.csv");
        assertEquals(200_000, countRows(List.of(file)));
        // ids stay unique and 6 digits wide until the row count needs more
        Set<String> ids = new HashSet<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(l -> assertTrue(ids.add(l.substring(0, l.indexOf(',')))));
        }
        assertTrue(ids.stream().allMatch(id -> id.length() == 2 + 8), "ids sized for 100 years of 200k seats");
        assertTrue(r.rowsPerSecond() > 0);
    }

    // ------------------------------------------------------------------ helpers

    private static List<Path> listCsv(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().collect(Collectors.toList());
        }
    }

    private static long countRows(List<Path> files) throws IOException {
        long n = 0;
        for (Path p : files) {
            try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
                n += lines.count() - 1;
            }
        }
        return n;
    }

    static Map<String, Map<String, String>> byId(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> m = new HashMap<>();
        for (Map<String, String> r : rows) {
            m.put(r.get("customer_id"), r);
        }
        return m;
    }

    static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = parseCsvLine(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> values = parseCsvLine(line);
            assertEquals(header.size(), values.size(), line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** RFC-4180 fields of one line (the generator writes no line breaks inside fields). */
    static List<String> parseCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (inQuotes) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                assertEquals(0, cur.length(), "quote only at the start of a field: " + line);
                inQuotes = true;
                wasQuoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else {
                assertFalse(wasQuoted, "text after a closing quote: " + line);
                cur.append(ch);
            }
        }
        assertFalse(inQuotes, "unterminated quote: " + line);
        out.add(cur.toString());
        return out;
    }

    private static double correlation(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
