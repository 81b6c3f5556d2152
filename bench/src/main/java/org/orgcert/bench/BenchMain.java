package org.orgcert.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a suite of benchmarks and prints one line per figure, {@code <name> <value> <unit>}, after JMH's
 * own report. Usage: {@code bench/run pki}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length > 0 ? args[0] : "pki";
        List<String> lines = switch (suite) {
            case "pki" -> pki();
            default -> throw new IllegalArgumentException("unknown suite '" + suite + "'; known: pki");
        };
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static List<String> pki() throws RunnerException {
        List<String> lines = new ArrayList<>();
        for (RunResult result : run(IssueBenchmark.class.getSimpleName(), 1)) {
            String algorithm = result.getParams().getParam("algorithm").toLowerCase(Locale.ROOT).replace('_', '-');
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            double score = result.getPrimaryResult().getScore();
            if (method.equals("issue")) {
                lines.add(line("pki.issue." + algorithm, score, "certs/s"));
            } else {
                lines.add(line("pki.sign." + algorithm + ".raw", score, "sigs/s"));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** One JMH run: throughput, one fork, short warm-up; enough for figures that differ by percents. */
    static Collection<RunResult> run(String include, int threads) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .threads(threads)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                .timeUnit(java.util.concurrent.TimeUnit.SECONDS)
                .build();
        return new Runner(options).run();
    }

    static String line(String name, double value, String unit) {
        String number = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return name + " " + number + " " + unit;
    }
}
