package org.orgcert.examples.kmzhjy;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A stand-in for “昆明智慧就业” (R-USE-1): a relying platform that signs employers in with their USB key through
 * OrgCert's OpenID Connect provider, with nothing of OrgCert but the kit's Spring Boot starter
 * (docs/signin.md, "The demo platform"). {@code examples/kmzhjy/run} starts it on http://127.0.0.1:8081 next to
 * {@code ./orgcert serve --demo}, which registers it as the public client {@code kmzhjy}.
 */
@SpringBootApplication
public class KmzhjyApplication {

    public static void main(String[] args) {
        // kmzhjy.properties, not application.properties: the end-to-end test puts these classes on the class path of
        // the service it starts, whose own application.properties must stay the one it reads.
        new SpringApplicationBuilder(KmzhjyApplication.class)
                .properties(Map.of("spring.config.name", "kmzhjy"))
                .run(args);
    }
}
