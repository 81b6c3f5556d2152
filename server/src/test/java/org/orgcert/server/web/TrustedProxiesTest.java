package org.orgcert.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * Issue 12 review, finding 6: whose X-Forwarded-For is believed. A Tomcat of its own with the service's
 * customizer and a servlet that says whom it sees: by default a spoofed header changes nothing; with the proxy's
 * address configured, the proxy's header names the client.
 */
class TrustedProxiesTest {

    @Test
    void byDefaultASpoofedForwardedForDoesNotChangeTheClientAddress() throws Exception {
        assertThat(seenWith(List.of(), "203.0.113.9")).isEqualTo("127.0.0.1 http");
    }

    @Test
    void theServicesDefaultsTrustNoProxy() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("server.forward-headers-strategy")).isEqualTo("none");
        assertThat(properties.getProperty("orgcert.http.trusted-proxies")).isEqualTo("${ORGCERT_TRUSTED_PROXIES:}");
    }

    @Test
    void fromAConfiguredProxyTheForwardedClientAndSchemeAreBelieved() throws Exception {
        assertThat(seenWith(List.of("127.0.0.1"), "198.51.100.4, 203.0.113.9")).isEqualTo("203.0.113.9 https");
    }

    @Test
    void aProxyNotNamedIsNotBelievedEvenOnLoopback() throws Exception {
        assertThat(seenWith(List.of("192.0.2.1"), "203.0.113.9")).isEqualTo("127.0.0.1 http");
    }

    private static String seenWith(List<String> proxies, String forwardedFor) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.setAddress(java.net.InetAddress.getLoopbackAddress());
        new TrustedProxies(proxies).customize(factory);
        WebServer server = factory.getWebServer(context -> context.addServlet("whom", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write(request.getRemoteAddr() + " " + request.getScheme());
            }
        }).addMapping("/whom"));
        server.start();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getPort() + "/whom"))
                    .header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", "https").build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.body();
        } finally {
            server.stop();
        }
    }
}
