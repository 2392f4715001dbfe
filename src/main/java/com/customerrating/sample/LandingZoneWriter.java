package com.customerrating.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes one city and year into the landing zone: {@code <out>/<city>/<year>/<base>.csv}, or
 * {@code <base>-part-NNNNN.csv} files when split, each with the header. UTF-8 without BOM, {@code \n}
 * line ends. Each file is written under a hidden in-progress name and moved into place atomically, and
 * the files an earlier run left for the same city and year are removed first, so a reader never sees a
 * half-written file nor a mix of two runs' part files.
 */
final class LandingZoneWriter {
    private LandingZoneWriter() {
    }

    /** The directory of one city and year: {@code <outRoot>/<city>/<year>}. */
    static Path cityYearDir(Path outRoot, String city, int year) {
        return outRoot.resolve(city).resolve(Integer.toString(year));
    }

    static SampleDataGenerator.CityYear write(Path outRoot, SampleCity city, int year, int rows, long seed,
            int files) throws IOException {
        Path dir = cityYearDir(outRoot, city.folder, year);
        Files.createDirectories(dir);
        String base = city.fileBase;
        deleteOwnFiles(dir, base);
        CityRows gen = city.rows(seed, rows, year);
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
        return new SampleDataGenerator.CityYear(city.folder, year, rows, Collections.unmodifiableList(written));
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
}
