package com.customerrating.sample;

import static com.customerrating.sample.Draws.cumulative;
import static com.customerrating.sample.Draws.gauss;
import static com.customerrating.sample.Draws.pick;
import static com.customerrating.sample.Vocabulary.CHANNELS;
import static com.customerrating.sample.Vocabulary.CHANNEL_CUM;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Hangzhou financial-software consultations (model {@code consultation-conversion}): one row per
 * enterprise and year. The three scores follow one latent intent per customer, which drifts with tenure
 * and drops in the year before a customer leaves, and purchases follow the weighted scores.
 */
final class HangzhouConsultations extends CityRows {
    static final String CITY = "hangzhou";
    static final String FILE_BASE = "consultations";
    static final int DEFAULT_ROWS = 701;
    static final List<String> COLUMNS = List.of(
            "customer_id", "company_name", "district", "industry", "company_size", "contact_name",
            "contact_phone", "consult_channel", "product_interest", "consult_date", "intention_score",
            "demand_clarity_score", "satisfaction_score", "purchased");

    private static final long CITY_CODE = 1;

    HangzhouConsultations(long seed, int rows, int year) {
        super(seed, CITY_CODE, "HZ", COLUMNS, WORDS, rows, year);
    }

    @Override
    void appendCustomer(int seat, int arrival, long cseed, SplittableRandom c) {
        // lasting attributes: always drawn in the same order, after the firm
        int size = firm.size;
        double propensity = 0.75 * gauss(c) + SIZE_INTENT[size];
        double drift = 0.22 * gauss(c);
        int preferredChannel = pick(c, CHANNEL_CUM);
        int preferredProduct = pick(c, PRODUCT_CUM[size]);

        // this year's figures
        SplittableRandom r = new SplittableRandom(Seeds.yearSeed(cseed, year));
        int tenure = Math.min(year - arrival, 5);
        boolean leaving = seats.renews(seat, year + 1);
        double latent = propensity + drift * tenure + 0.55 * gauss(r) - (leaving ? 0.45 : 0.0);
        int intention = score(3.0 + 1.05 * latent + 0.55 * gauss(r));
        int clarity = score(3.05 + 0.85 * latent + 0.70 * gauss(r));
        int satisfaction = score(3.35 + 0.55 * latent + 0.80 * gauss(r));
        double composite = (4 * intention + 3 * clarity + 3 * satisfaction) / 10.0;
        double pBuy = 1.0 / (1.0 + StrictMath.exp(-2.1 * (composite - 3.8)));
        boolean purchased = r.nextDouble() < pBuy;
        int channel = r.nextInt(10) < 6 ? preferredChannel : pick(r, CHANNEL_CUM);
        int product = r.nextInt(10) < 7 ? preferredProduct : pick(r, PRODUCT_CUM[size]);
        int day = 1 + r.nextInt(leapYear ? 366 : 365);

        line.append(CHANNELS[channel]);
        sep();
        line.append(PRODUCTS_CSV[product]);
        sep();
        line.appendDate(year, day);
        sep();
        line.append(intention);
        sep();
        line.append(clarity);
        sep();
        line.append(satisfaction);
        sep();
        line.append(purchased ? "true" : "false");
    }

    /** A score rounded half up and held to 1..5. */
    static int score(double x) {
        int v = (int) Math.floor(x + 0.5);
        return v < 1 ? 1 : Math.min(v, 5);
    }

    // ------------------------------------------------------------------ vocabulary

    static final double[] SIZE_INTENT = {-0.25, -0.05, 0.15, 0.3};

    static final String[] DISTRICTS = {"西湖区", "滨江区", "上城区", "拱墅区", "余杭区", "萧山区",
        "临平区", "钱塘区", "富阳区", "临安区"};
    static final int[] DISTRICT_CUM = cumulative(16, 15, 13, 11, 15, 12, 6, 6, 4, 2);

    static final String[] INDUSTRIES = {"manufacturing", "wholesale", "retail", "e-commerce", "construction",
        "logistics", "catering", "software", "professional services", "healthcare", "education"};
    static final int[] INDUSTRY_CUM = cumulative(20, 10, 10, 13, 7, 8, 6, 9, 8, 5, 4);
    static final String[][] INDUSTRY_WORDS = {
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

    static final Firm.Words WORDS = new Firm.Words("杭州", DISTRICTS, DISTRICT_CUM, INDUSTRIES, INDUSTRY_CUM,
            INDUSTRY_WORDS);

    static final String[] PRODUCTS_CSV = CsvLine.csvAll("general ledger", "invoicing", "payroll", "tax", "ERP");
    // by company size: micro firms ask about invoicing and tax, large ones about ERP
    static final int[][] PRODUCT_CUM = {
        cumulative(25, 30, 10, 30, 5),
        cumulative(28, 24, 16, 22, 10),
        cumulative(25, 15, 20, 15, 25),
        cumulative(18, 8, 20, 10, 44),
    };
}
