package org.orgcert.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The addresses a platform may register, and their origins, without Spring. */
class PlatformUrisTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ok", textBlock = """
            https://kmzhjy.example.gov.cn/login/oauth2/code/orgcert | ok
            https://kmzhjy.example.gov.cn:8443/cb?x=1               | ok
            http://127.0.0.1:8081/login/oauth2/code/orgcert         | ok
            http://localhost:8081/cb                                | ok
            http://[::1]:8081/cb                                    | ok
            http://kmzhjy.example.gov.cn/cb                         | uri-http-not-loopback
            http://127.0.0.2/cb                                     | uri-http-not-loopback
            https://kmzhjy.example.gov.cn/cb#                       | uri-fragment
            https://kmzhjy.example.gov.cn/cb#done                   | uri-fragment
            ftp://kmzhjy.example.gov.cn/cb                          | uri-scheme
            javascript://kmzhjy.example.gov.cn/%0aalert(1)          | uri-scheme
            /login/oauth2/code/orgcert                              | uri-invalid
            kmzhjy.example.gov.cn/cb                                | uri-invalid
            mailto:a@example.gov.cn                                 | uri-invalid
            https://user:pass@kmzhjy.example.gov.cn/cb              | uri-invalid
            https://kmzhjy example/cb                               | uri-invalid
            """)
    void anAddressIsAbsoluteHttpsWithoutFragment(String uri, String problem) {
        assertThat(PlatformUris.problem(uri).map(p -> p.code().code()).orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://KMZHJY.Example.gov.cn/login/oauth2/code/orgcert | https://kmzhjy.example.gov.cn
            HTTPS://kmzhjy.example.gov.cn:443/cb                    | https://kmzhjy.example.gov.cn
            https://kmzhjy.example.gov.cn:8443/cb?x=1               | https://kmzhjy.example.gov.cn:8443
            http://127.0.0.1:8081/login/oauth2/code/orgcert         | http://127.0.0.1:8081
            http://localhost:80/cb                                  | http://localhost
            http://[::1]:8081/cb                                    | http://[::1]:8081
            http://localhost:8080                                   | http://localhost:8080
            """)
    void anOriginIsSchemeHostAndPortAsABrowserWritesIt(String uri, String origin) {
        assertThat(PlatformUris.origin(uri)).isEqualTo(origin);
    }

    @Test
    void controlCharactersAndLengthAreNamed() {
        assertThat(PlatformUris.problem("https://k.example.gov.cn/cb\u0000").orElseThrow().code())
                .isEqualTo(PlatformInputProblem.NOT_PLAIN_TEXT);
        assertThat(PlatformUris.problem("https://k.example.gov.cn/\ncb").orElseThrow().code())
                .isEqualTo(PlatformInputProblem.NOT_PLAIN_TEXT);
        assertThat(PlatformUris.problem("https://k.example.gov.cn/" + "a".repeat(2000)).orElseThrow().code())
                .isEqualTo(PlatformInputProblem.TOO_LONG);
    }
}
