package com.customerrating.sample;

import static com.customerrating.sample.Draws.cumulative;
import static com.customerrating.sample.Draws.pick;

import java.util.SplittableRandom;

/**
 * Fake but plausible company names, contact names and mobile numbers. Contact names and phone numbers
 * are personal data in the datasets, so none of them belongs to anyone real.
 */
final class FakeNames {
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

    private FakeNames() {
    }

    /** City, a two or three character brand, a trade word and the legal form: 杭州华信电子有限公司. */
    static void appendCompanyName(CsvLine line, String cityName, SplittableRandom r, String[] words) {
        line.append(cityName);
        line.append(BRAND[r.nextInt(BRAND.length)]);
        line.append(BRAND[r.nextInt(BRAND.length)]);
        if (r.nextInt(4) == 0) {
            line.append(BRAND[r.nextInt(BRAND.length)]);
        }
        line.append(words[r.nextInt(words.length)]);
        line.append(r.nextInt(7) == 0 ? "股份有限公司" : "有限公司");
    }

    /** A surname by its frequency and one or two given-name characters. */
    static void appendPersonName(CsvLine line, SplittableRandom r) {
        line.append(SURNAMES[pick(r, SURNAME_CUM)]);
        line.append(GIVEN[r.nextInt(GIVEN.length)]);
        if (r.nextInt(10) < 7) {
            line.append(GIVEN[r.nextInt(GIVEN.length)]);
        }
    }

    /** A fake mobile number: 13x, 15x or 18x followed by eight digits. */
    static long phone(SplittableRandom r) {
        int second = MOBILE_SECOND[r.nextInt(MOBILE_SECOND.length)];
        long prefix = 100 + second * 10L + r.nextInt(10);
        return prefix * 100_000_000L + r.nextInt(100_000_000);
    }
}
