package org.orgcert.examples.kmzhjy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo platform in a JVM of its own, as {@code examples/kmzhjy/run} starts it: its own class path (the module's
 * runtime class path, written by the build to {@code target/runtime-classpath.txt}), so nothing of the service the
 * test runs in-process reaches it. Its console goes to {@code target/kmzhjy-platform.log}.
 */
final class DemoPlatform implements AutoCloseable {
    private static final Path LOG = Path.of("target", "kmzhjy-platform.log");
    private final Process process;
    private final String url;

    private DemoPlatform(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static DemoPlatform start(int port, String providerUrl) throws IOException, InterruptedException {
        String classPath = Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                KmzhjyApplication.class.getName(), "--server.port=" + port, "--kmzhjy.provider-url=" + providerUrl))
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        DemoPlatform platform = new DemoPlatform(process, "http://127.0.0.1:" + port);
        platform.awaitHomePage();
        return platform;
    }

    /** {@code http://127.0.0.1:<port>}, the base URL it was registered with. */
    String url() {
        return url;
    }

    private void awaitHomePage() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the demo platform ended at start: " + tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the demo platform did not answer within 2 minutes: " + tail());
    }

    private static String tail() throws IOException {
        List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
