package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.Pki;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.issuance.ProductionTestBase;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Relying platforms check OCSP on every signature (R-USE-3), so clients that send their OCSP POST bodies a
 * byte at a time must not take the threads that answer everyone else. Functional, not timed: with more slow
 * bodies open than the server has worker threads (200), OCSP and the rest of the service still answer at
 * all (before the fix they answered nothing until the slow connections timed out). Other requests' bodies
 * get a bounded time.
 */
@ServiceTest
class SlowClientsTest extends ProductionTestBase {
    private static final int SLOW_CONNECTIONS = 300;

    @LocalServerPort
    int port;

    @Test
    void rUse3_ocspAndTheServiceAnswerWhileMoreSlowBodiesAreOpenThanThereAreThreads() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] issuer = http.send(HttpRequest.newBuilder(uri("/status/ecdsa-p256/ca.cer")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .setProvider(Pki.provider()).build().get(CertificateID.HASH_SHA1), new X509CertificateHolder(issuer),
                BigInteger.valueOf(0x5105))).build().getEncoded();

        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                // The whole head and the first byte of a body that never comes in full.
                socket.getOutputStream().write(("POST /status/ecdsa-p256/ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/ocsp-request\r\nContent-Length: " + request.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(request, 0, 1);
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            // Each has reached the server with its head: a second byte each, as a trickling client sends.
            for (Socket socket : slow) {
                socket.getOutputStream().write(request, 1, 1);
            }

            // A bounded wait, not a timing: before the fix these waited for the slow connections to time out.
            HttpResponse<byte[]> ocsp = http.send(HttpRequest.newBuilder(uri("/status/ecdsa-p256/ocsp"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ocsp.statusCode()).isEqualTo(200);
            assertThat(new OCSPResp(ocsp.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            // A slow body that does arrive in the end is answered like any other.
            Socket last = slow.get(slow.size() - 1);
            last.getOutputStream().write(request, 2, request.length - 2);
            last.setSoTimeout(20_000);
            assertThat(statusLine(last.getInputStream())).isEqualTo("HTTP/1.1 200 ");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aTricklingApiBodyIsAnswered408AndTheConnectionClosed() throws Exception {
        byte[] json = "{\"mobile\":\"13900000000\"}".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /api/v1/employer-login/code HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // A byte a second: the body's allowance (10 s, application.properties) runs out long before its end.
            InputStream in = socket.getInputStream();
            int sent = 0;
            while (sent < json.length - 1 && in.available() == 0) {
                socket.getOutputStream().write(json[sent++]);
                Thread.sleep(1000);
            }
            assertThat(sent).isLessThan(json.length - 1);
            assertThat(statusLine(in)).startsWith("HTTP/1.1 408");
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes
            assertThat(rest).containsIgnoringCase("connection: close").contains("request-body-timeout");
        }
    }

    /**
     * Issue 12 review, finding 3: a form or upload whose body Tomcat itself parses (the CSRF check asks for
     * {@code _csrf} by getParameter) is under the same deadline as every other body: a chunked form trickled to
     * the sign-in form, and an upload trickled, are answered 408 within the allowance.
     */
    @Test
    void aTricklingChunkedFormToTheSignInFormIsAnswered408() throws Exception {
        assertTricklingBodyAnswered408(chunkedFormHead(), chunkedByte());
    }

    @Test
    void aTricklingMultipartBodyToTheSignInFormIsAnswered408() throws Exception {
        assertTricklingBodyAnswered408(multipartHead(), "-".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * R-USE-3 with the review's probe (rv-probes/slow.py): more chunked forms and uploads trickling to the sign-in
     * form than there are worker threads, and OCSP and health still answer.
     */
    @Test
    void rUse3_ocspAnswersWhileMoreSlowFormsAndUploadsTrickleThanThereAreThreads() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] issuer = http.send(HttpRequest.newBuilder(uri("/status/ecdsa-p256/ca.cer")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .setProvider(Pki.provider()).build().get(CertificateID.HASH_SHA1), new X509CertificateHolder(issuer),
                BigInteger.valueOf(0x5106))).build().getEncoded();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 230; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.getOutputStream().write(i % 2 == 0 ? chunkedFormHead() : multipartHead());
                socket.getOutputStream().write(i % 2 == 0 ? chunkedByte() : "-".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            for (int i = 0; i < slow.size(); i++) {
                try {
                    slow.get(i).getOutputStream().write(i % 2 == 0 ? chunkedByte()
                            : "-".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException answeredAndClosed) {
                    // Turned away already (readers busy): the server closed this one.
                }
            }

            // A bounded wait, not a timing: before the fix these waited for the slow connections.
            HttpResponse<byte[]> ocsp = http.send(HttpRequest.newBuilder(uri("/status/ecdsa-p256/ocsp"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ocsp.statusCode()).isEqualTo(200);
            assertThat(new OCSPResp(ocsp.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * Review of issue 12, finding 4: one client opening more slow large bodies than there are body readers
     * gets its share only, and a code request from another client (127.0.0.2) is still served. Before, the
     * first 100 took every place and the other client's request was answered 503 body-readers-busy.
     */
    @Test
    void aCodeRequestFromAnotherClientIsServedWhileOneClientsSlowLargeBodiesTakeEveryPlaceTheyCan() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.getOutputStream().write(("POST /api/v1/employer-login/code HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            // A bounded wait until more than the places' count over 100 were turned away: then every place
            // this client could take is taken.
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long turnedAway = 0;
            while (System.nanoTime() < until) {
                turnedAway = 0;
                for (Socket socket : slow) {
                    if (socket.getInputStream().available() > 0) {
                        turnedAway++;
                    }
                }
                if (turnedAway >= 20) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(turnedAway).isGreaterThanOrEqualTo(20);

            byte[] json = "{\"mobile\":\"13900000000\"}".getBytes(StandardCharsets.US_ASCII);
            try (Socket other = new Socket()) {
                other.bind(new InetSocketAddress("127.0.0.2", 0));
                other.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                other.setSoTimeout(20_000);
                // A browser's request: the CSRF cookie echoed in its header.
                other.getOutputStream().write(("POST /api/v1/employer-login/code HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Cookie: XSRF-TOKEN=slow-clients-test\r\nX-XSRF-TOKEN: slow-clients-test\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                other.getOutputStream().write(json);
                other.getOutputStream().flush();
                assertThat(statusLine(other.getInputStream())).isEqualTo("HTTP/1.1 202 ");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Sends {@code head}, then {@code piece} once a second until an answer comes; expects a 408 in time. */
    private void assertTricklingBodyAnswered408(byte[] head, byte[] piece) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head);
            InputStream in = socket.getInputStream();
            int sent = 0;
            // The allowance is 10 s (application.properties); 30 pieces a second apart are far beyond it.
            while (sent < 30 && in.available() == 0) {
                socket.getOutputStream().write(piece);
                socket.getOutputStream().flush();
                sent++;
                Thread.sleep(1000);
            }
            assertThat(sent).isLessThan(30);
            assertThat(statusLine(in)).startsWith("HTTP/1.1 408");
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes
            assertThat(rest).containsIgnoringCase("connection: close").contains("request-body-timeout");
        }
    }

    private static byte[] chunkedFormHead() {
        return ("POST /staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One chunk of one byte of a form body. */
    private static byte[] chunkedByte() {
        return "1\r\nu\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] multipartHead() {
        return ("POST /staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 2000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
