package org.orgcert.server.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Whose {@code X-Forwarded-For}/{@code -Proto} the service believes (issue 12 review, finding 6). By default
 * nobody's: the client is the socket's peer, whatever headers it sends, since a client that may name its own
 * address escapes every per-client limit (sign-in codes). Only when the operator names the reverse proxy's
 * address(es) in {@code orgcert.http.trusted-proxies} does a request <em>from exactly those addresses</em> get
 * its client address and scheme from those headers (Tomcat's RemoteIpValve); no ranges, no "internal"
 * networks, since any local program or neighbour on a private network could otherwise speak for anyone.
 * ({@code server.forward-headers-strategy} is {@code none}, so Spring Boot adds no valve of its own.)
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private final List<String> proxies;

    TrustedProxies(@Value("${orgcert.http.trusted-proxies:}") List<String> proxies) {
        this.proxies = proxies.stream().map(String::trim).filter(p -> !p.isEmpty()).map(TrustedProxies::literal)
                .toList();
    }

    /** A proxy's address as Tomcat writes it ({@code getRemoteAddr}); names are refused, not looked up. */
    private static String literal(String address) {
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("orgcert.http.trusted-proxies takes IP addresses, not '" + address + "'");
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address in orgcert.http.trusted-proxies: " + address, e);
        }
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (proxies.isEmpty()) {
            return;
        }
        RemoteIpValve valve = new RemoteIpValve();
        String exactly = proxies.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        valve.setInternalProxies(exactly);
        valve.setTrustedProxies("");
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        factory.addEngineValves(valve);
    }
}
