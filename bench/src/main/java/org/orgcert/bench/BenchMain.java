package org.orgcert.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
            default -> throw new IllegalArgumentException("unknown suite '" + suite
                    + "'; known: pki (and service, which bench/run starts from bench/target/classpath.txt)");
        };
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static List<String> pki() throws Exception {
        List<String> lines = new ArrayList<>();
        // Issuing and its limit, raw signing, one thread each, in the same run.
        for (RunResult result : run(IssueBenchmark.class.getSimpleName() + ".(issue|rawSign)", 1)) {
            String algorithm = result.getParams().getParam("algorithm").toLowerCase(Locale.ROOT).replace('_', '-');
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            double score = result.getPrimaryResult().getScore();
            if (method.equals("issue")) {
                lines.add(line("pki.issue." + algorithm, score, "certs/s"));
            } else {
                lines.add(line("pki.sign." + algorithm + ".raw", score, "sigs/s"));
            }
        }
        lines.addAll(shareOfRaw(lines));
        // OCSP in-process with as many threads as cores, as a responder behind HTTP would run.
        int cores = Runtime.getRuntime().availableProcessors();
        for (RunResult result : run(OcspBenchmark.class.getSimpleName(), cores)) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            lines.add(line("pki.ocsp." + method, result.getPrimaryResult().getScore(), "responses/s"));
        }
        lines.addAll(forked(CrlMillion.class, "-Xmx256m"));
        lines.sort(null);
        return lines;
    }

    /** For each algorithm, issuing as a percentage of raw signing in the same run: the target is 70% for ECDSA. */
    private static List<String> shareOfRaw(List<String> lines) {
        List<String> shares = new ArrayList<>();
        for (String issue : lines) {
            if (!issue.startsWith("pki.issue.")) {
                continue;
            }
            String algorithm = issue.split(" ")[0].substring("pki.issue.".length());
            lines.stream().filter(l -> l.startsWith("pki.sign." + algorithm + ".raw ")).findFirst().ifPresent(raw ->
                    shares.add(line("pki.issue." + algorithm + ".share-of-raw",
                            100 * Double.parseDouble(issue.split(" ")[1]) / Double.parseDouble(raw.split(" ")[1]), "%")));
        }
        return shares;
    }

    /** Runs {@code main} in a new JVM with {@code jvmOption} and returns the figure lines it printed. */
    static List<String> forked(Class<?> main, String jvmOption) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, jvmOption, "-cp", System.getProperty("java.class.path"),
                main.getName()).redirectErrorStream(true).start();
        List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed:\n" + String.join("\n", output));
        }
        return output.stream().filter(l -> l.matches("\\S+ [0-9.]+ \\S+")).toList();
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
