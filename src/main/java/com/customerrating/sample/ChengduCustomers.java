package com.customerrating.sample;

import static com.customerrating.sample.Draws.cumulative;
import static com.customerrating.sample.Draws.gauss;
import static com.customerrating.sample.Draws.pick;
import static com.customerrating.sample.Vocabulary.CHANNELS;
import static com.customerrating.sample.Vocabulary.CHANNEL_CUM;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Chengdu technology-industry customers (model {@code customer-value}): one row per customer and year.
 * One engagement per customer, drifting with tenure, drives the transaction count, the months they fall
 * in, the skewed amount and the repurchase rate; many customers never repurchase, and a few amounts sit
 * exactly on the model's band edges.
 */
final class ChengduCustomers extends CityRows {
    static final String CITY = "chengdu";
    static final String FILE_BASE = "customers";
    static final int DEFAULT_ROWS = 601;
    static final List<String> COLUMNS = List.of(
            "customer_id", "company_name", "district", "industry_segment", "company_size", "contact_name",
            "contact_phone", "first_contact_date", "consult_channel", "consultation_count", "transaction_count",
            "cumulative_amount", "last_transaction_date", "repurchase_rate", "tx_m1", "tx_m2", "tx_m3", "tx_m4",
            "tx_m5", "tx_m6", "service_content", "sales_owner");

    private static final long CITY_CODE = 2;

    private final int[] monthCounts = new int[13];

    ChengduCustomers(long seed, int rows, int year) {
        super(seed, CITY_CODE, "CD", COLUMNS, WORDS, rows, year);
    }

    @Override
    void appendCustomer(int seat, int arrival, long cseed, SplittableRandom c) {
        // lasting attributes: always drawn in the same order, after the firm
        int size = firm.size;
        // first contact: some day of the arrival year; the earliest customers go back to 1996
        int firstYear = arrival > SeatHistory.EPOCH_YEAR ? arrival : SeatHistory.EPOCH_YEAR - 4 + c.nextInt(5);
        int firstDay = 1 + c.nextInt(YearDays.isLeap(firstYear) ? 366 : 365);
        double engagement = 0.7 * gauss(c) + SIZE_ENGAGEMENT[size];
        double drift = 0.25 * gauss(c);
        double perTxMedian = SIZE_TX_MEDIAN[size] * StrictMath.exp(0.45 * gauss(c));
        int preferredChannel = pick(c, CHANNEL_CUM);
        int preferredService = pick(c, SERVICE_CUM);
        int owner = c.nextInt(SALES_OWNERS.length);

        // this year's figures
        SplittableRandom r = new SplittableRandom(Seeds.yearSeed(cseed, year));
        boolean joinedThisYear = arrival == year;
        int tenure = Math.min(year - arrival, 6);
        boolean leaving = seats.renews(seat, year + 1);
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
            startMonth = YearDays.monthOf(year, firstDay);
            startDay = firstDay - YearDays.cumulativeDays(year)[startMonth - 1];
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
            int dim = YearDays.daysInMonth(year, lastMonth);
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
        int service = r.nextInt(10) < 7 ? preferredService : pick(r, SERVICE_CUM);
        if (r.nextInt(10) == 0) {
            owner = r.nextInt(SALES_OWNERS.length);
        }

        line.appendDate(firstYear, firstDay);
        sep();
        line.append(CHANNELS[channel]);
        sep();
        line.append(cc);
        sep();
        line.append(tc);
        sep();
        line.appendDecimal(cents, 2);
        sep();
        if (tc > 0) {
            line.appendDate(year, lastMonth, lastDay);
        }
        sep();
        line.appendDecimal(rate, 4);
        for (int k = 1; k <= 6; k++) {
            sep();
            line.append(mc[13 - k]);
        }
        sep();
        line.append(SERVICES_CSV[service]);
        sep();
        line.append(SALES_OWNERS[owner]);
    }

    // ------------------------------------------------------------------ vocabulary and tables

    static final double[] SIZE_ENGAGEMENT = {-0.45, -0.1, 0.25, 0.6};
    static final double[] SIZE_TX_MEDIAN = {1_200.0, 2_800.0, 6_500.0, 16_000.0};

    /** tc^0.9 for the transaction counts used, from a fixed table. */
    static final double[] TX_VOLUME = new double[16];

    static {
        for (int i = 0; i < TX_VOLUME.length; i++) {
            TX_VOLUME[i] = StrictMath.pow(i, 0.9);
        }
    }

    static final String[] DISTRICTS = {"高新区", "武侯区", "锦江区", "青羊区", "金牛区", "成华区",
        "天府新区", "双流区", "郫都区", "龙泉驿区", "新都区"};
    static final int[] DISTRICT_CUM = cumulative(28, 13, 9, 8, 7, 7, 12, 6, 5, 3, 2);

    static final String[] SEGMENTS = {"software", "cloud", "semiconductors", "AI", "IT services",
        "big data", "cybersecurity"};
    static final int[] SEGMENT_CUM = cumulative(26, 14, 9, 13, 22, 9, 7);
    static final String[][] SEGMENT_WORDS = {
        {"软件", "软件技术", "信息科技"},
        {"云计算", "云科技", "云服务"},
        {"半导体", "微电子", "集成电路"},
        {"智能科技", "人工智能", "智能技术"},
        {"信息技术", "信息服务", "网络技术"},
        {"数据科技", "大数据", "数据服务"},
        {"网络安全", "信息安全", "安全技术"},
    };
    static final Firm.Words WORDS = new Firm.Words("成都", DISTRICTS, DISTRICT_CUM, SEGMENTS, SEGMENT_CUM,
            SEGMENT_WORDS);

    // one bundled contract holds a comma, so readers meet RFC-4180 quoting
    static final String[] SERVICES_CSV = CsvLine.csvAll("cloud migration", "custom development", "IT maintenance",
        "data services", "system integration", "security assessment", "IT maintenance, data services");
    static final int[] SERVICE_CUM = cumulative(18, 22, 22, 15, 10, 8, 5);

    static final String[] SALES_OWNERS = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
        "周杰", "吴婷", "徐明", "孙丽"};
}
