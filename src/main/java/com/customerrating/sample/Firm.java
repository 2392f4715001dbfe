package com.customerrating.sample;

import static com.customerrating.sample.Draws.pick;
import static com.customerrating.sample.Vocabulary.SIZES;
import static com.customerrating.sample.Vocabulary.SIZE_CUM;

import java.util.SplittableRandom;

/**
 * The lasting identity of a firm, the same in every city dataset: company name, district, industry, size
 * and a contact with a phone number, the columns after {@code customer_id}. It is the first thing drawn
 * from a customer's lasting stream, always in the same order, so a firm keeps it from year to year.
 */
final class Firm {

    /** A city's words for its firms; industries as written to the file. */
    record Words(String cityName, String[] districts, int[] districtCum, String[] industries, int[] industryCum,
            String[][] industryWords) { }

    int district;
    int industry;
    int size;
    private long nameSeed;
    private long contactSeed;
    private long phone;

    /** Draws the identity from the customer's lasting stream {@code c}. */
    void draw(SplittableRandom c, Words words) {
        district = pick(c, words.districtCum());
        industry = pick(c, words.industryCum());
        size = pick(c, SIZE_CUM);
        nameSeed = c.nextLong();
        contactSeed = c.nextLong();
        phone = FakeNames.phone(c);
    }

    /** Appends company_name, district, industry, company_size, contact_name and contact_phone. */
    void append(CsvLine line, Words words) {
        FakeNames.appendCompanyName(line, words.cityName(), new SplittableRandom(nameSeed),
                words.industryWords()[industry]);
        line.sep();
        line.append(words.districts()[district]);
        line.sep();
        line.append(words.industries()[industry]);
        line.sep();
        line.append(SIZES[size]);
        line.sep();
        FakeNames.appendPersonName(line, new SplittableRandom(contactSeed));
        line.sep();
        line.append(phone);
    }
}
