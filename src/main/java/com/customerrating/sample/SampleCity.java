package com.customerrating.sample;

import java.util.List;

/** The city datasets the generator writes: folder name, file base, columns and row generator. */
enum SampleCity {
    HANGZHOU(HangzhouConsultations.CITY, HangzhouConsultations.FILE_BASE, HangzhouConsultations.COLUMNS,
            HangzhouConsultations::new),
    CHENGDU(ChengduCustomers.CITY, ChengduCustomers.FILE_BASE, ChengduCustomers.COLUMNS,
            ChengduCustomers::new),
    SUZHOU(SuzhouProspects.CITY, SuzhouProspects.FILE_BASE, SuzhouProspects.COLUMNS, SuzhouProspects::new);

    /** Makes the rows of one year: {@code (seed, rows, year)}. */
    interface RowsFactory {
        CityRows create(long seed, int rows, int year);
    }

    final String folder;
    final String fileBase;
    final List<String> columns;
    private final RowsFactory factory;

    SampleCity(String folder, String fileBase, List<String> columns, RowsFactory factory) {
        this.folder = folder;
        this.fileBase = fileBase;
        this.columns = columns;
        this.factory = factory;
    }

    CityRows rows(long seed, int rows, int year) {
        return factory.create(seed, rows, year);
    }

    /** The city of a folder name, or null. */
    static SampleCity of(String folder) {
        for (SampleCity c : values()) {
            if (c.folder.equals(folder)) {
                return c;
            }
        }
        return null;
    }

    /** The folder names for messages: "a, b and c". */
    static String folderList() {
        SampleCity[] all = values();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                sb.append(i == all.length - 1 ? " and " : ", ");
            }
            sb.append(all[i].folder);
        }
        return sb.toString();
    }
}
