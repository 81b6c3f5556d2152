package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * Production defaults (issue 12): nothing listens beyond loopback unless configured ({@code SERVER_ADDRESS}),
 * and such a default deployment is one whose certificates may name localhost.
 */
@ServiceTest
class ListeningDefaultsTest extends ServiceTestBase {
    @Autowired
    Environment environment;
    @Autowired
    PublicUrl publicUrl;
    @LocalServerPort
    int port;

    @Test
    void byDefaultTheServiceListensOnLoopbackOnly() throws IOException {
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(publicUrl.loopbackOnly()).isTrue();
        assertThat(publicUrl.settled()).isTrue();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        }
        Optional<InetAddress> outside = nonLoopbackAddress();
        assumeThat(outside).as("this machine has a non-loopback IPv4 address").isPresent();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(outside.get(), port), 5000);
            }
        }).isInstanceOf(IOException.class);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
