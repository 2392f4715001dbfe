package com.customerrating.sample;

import static com.customerrating.sample.SampleDataGenerator.DEFAULT_CHENGDU_ROWS;
import static com.customerrating.sample.SampleDataGenerator.DEFAULT_HANGZHOU_ROWS;
import static com.customerrating.sample.SampleDataGenerator.DEFAULT_OUT;
import static com.customerrating.sample.SampleDataGenerator.DEFAULT_SEED;
import static com.customerrating.sample.SampleDataGenerator.DEFAULT_SUZHOU_ROWS;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of {@link SampleDataGenerator}: turns the options into
 * {@link SampleDataGenerator.Options}, runs the generation and prints what was written.
 */
@Command(name = "generate-sample-data", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes deterministic sample CSV data for the Hangzhou, Chengdu and Suzhou datasets.")
public final class SampleDataCommand implements Callable<Integer> {

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

    @Option(names = "--suzhou-rows", paramLabel = "N",
            description = "Suzhou rows per year (default: " + DEFAULT_SUZHOU_ROWS + ").")
    Integer suzhouRows;

    @Option(names = "--rows", paramLabel = "N",
            description = "Rows per year for every city; --hangzhou-rows, --chengdu-rows and --suzhou-rows "
                    + "take precedence.")
    Integer rows;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--files", paramLabel = "N", defaultValue = "1",
            description = "Split each city and year into N part files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--cities", split = ",", paramLabel = "CITY",
            description = "Cities to generate: hangzhou, chengdu, suzhou (default: all three).")
    List<String> cities;

    /** Options as given on the command line. */
    public SampleDataGenerator.Options toOptions() {
        SampleDataGenerator.Options o = new SampleDataGenerator.Options().seed(seed).files(files);
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
        if (suzhouRows != null) {
            o.suzhouRows(suzhouRows);
        }
        return o;
    }

    @Override
    public Integer call() throws IOException {
        SampleDataGenerator.Options options = toOptions();
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SampleDataGenerator.Result result = SampleDataGenerator.generate(out, options);
        PrintWriter ps = spec.commandLine().getOut();
        for (SampleDataGenerator.CityYear cy : result.outputs()) {
            ps.println(cy.city() + " " + cy.year() + ": " + cy.rows() + " rows in " + cy.files().size()
                    + " file(s) under " + cy.files().get(0).getParent());
        }
        ps.printf(Locale.ROOT, "%d rows in %.2f s (%.0f rows/s)%n", result.totalRows(),
                result.elapsedNanos() / 1e9, result.rowsPerSecond());
        ps.flush();
        return 0;
    }
}
