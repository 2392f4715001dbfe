package com.customerrating.sample;

import static com.customerrating.sample.Draws.cumulative;
import static com.customerrating.sample.Draws.gauss;
import static com.customerrating.sample.Draws.pick;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Suzhou software-sales prospects (model {@code sales-pipeline}, seed 003): one row per prospect and
 * year. Prospects persist across years by the same seat model as the other cities; their deals follow
 * {@link SuzhouPipeline}.
 */
final class SuzhouProspects extends CityRows {
    static final String CITY = "suzhou";
    static final String FILE_BASE = "prospects";
    static final int DEFAULT_ROWS = 360;
    static final List<String> COLUMNS = List.of(
            "customer_id", "company_name", "district", "industry", "company_size", "contact_name",
            "contact_phone", "informatized", "expected_close_date", "estimated_amount", "sales_owner",
            "outcome");

    private static final long CITY_CODE = 3;

    private final SuzhouPipeline deal = new SuzhouPipeline();

    SuzhouProspects(long seed, int rows, int year) {
        super(seed, CITY_CODE, "SZ", COLUMNS, WORDS, rows, year);
    }

    @Override
    void appendCustomer(int seat, int arrival, long cseed, SplittableRandom c) {
        // lasting attributes: always drawn in the same order, after the firm
        int size = firm.size;
        boolean informatized = c.nextDouble() < INFORMATIZED_SHARE[size];
        double fit = 0.8 * gauss(c);
        int owner = c.nextInt(SALES_OWNERS.length);
        // the prospect's record keeps the boolean literal it was first entered with
        String[] literal = BOOLEAN_LITERALS[pick(c, LITERAL_CUM)];

        deal.follow(cseed, arrival, year, size, fit, seats.renews(seat, year + 1));

        // this year's figures beside the deal
        SplittableRandom r = new SplittableRandom(Seeds.yearSeed(cseed, year));
        boolean amountMissing = r.nextInt(100) < 7;
        if (r.nextInt(10) == 0) {
            owner = r.nextInt(SALES_OWNERS.length);
        }

        line.append(literal[informatized ? 0 : 1]);
        sep();
        LocalDate close = deal.close;
        if (close != null) {
            line.appendDate(close.getYear(), close.getMonthValue(), close.getDayOfMonth());
        }
        sep();
        if (!amountMissing) {
            line.appendDecimal(deal.amountCents(), 2);
        }
        sep();
        line.append(SALES_OWNERS[owner]);
        sep();
        line.append(OUTCOMES[deal.outcome]);
    }

    // ------------------------------------------------------------------ vocabulary

    /** By outcome code of {@link SuzhouPipeline}: open, won, lost, blank. */
    static final String[] OUTCOMES = {"open", "won", "lost", ""};

    /** Most records say true/false; a few older imports yes/no or 1/0. */
    static final String[][] BOOLEAN_LITERALS = {{"true", "false"}, {"yes", "no"}, {"1", "0"}};
    static final int[] LITERAL_CUM = cumulative(92, 4, 4);

    /** Share of prospects already running an information system (已信息化), by company size. */
    static final double[] INFORMATIZED_SHARE = {0.30, 0.48, 0.68, 0.85};

    static final String[] DISTRICTS = {"工业园区", "姑苏区", "吴中区", "相城区", "虎丘区", "吴江区"};
    static final int[] DISTRICT_CUM = cumulative(26, 14, 16, 12, 18, 14);

    static final String[] INDUSTRIES_CSV = CsvLine.csvAll("manufacturing", "retail", "wholesale", "logistics",
        "construction", "healthcare", "education", "finance", "professional services");
    static final int[] INDUSTRY_CUM = cumulative(28, 11, 8, 10, 7, 9, 8, 8, 11);
    static final String[][] INDUSTRY_WORDS = {
        {"精密机械", "电子", "新材料", "纺织", "光电", "汽车零部件"},
        {"商贸", "百货", "零售连锁"},
        {"贸易", "进出口", "供应链"},
        {"物流", "供应链管理", "仓储"},
        {"建设工程", "建筑装饰"},
        {"医疗器械", "生物医药", "健康科技"},
        {"教育科技", "培训", "文化发展"},
        {"融资租赁", "投资管理", "商业保理"},
        {"企业管理咨询", "会计服务", "人力资源"},
    };

    static final Firm.Words WORDS = new Firm.Words("苏州", DISTRICTS, DISTRICT_CUM, INDUSTRIES_CSV, INDUSTRY_CUM,
            INDUSTRY_WORDS);

    static final String[] SALES_OWNERS = {"沈佳", "顾磊", "陆婷", "钱涛", "周敏", "吴浩"};
}
