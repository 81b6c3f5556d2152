package org.orgcert.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Challenges and responses read over the phone (R-FEE-1 d): they round-trip and typos are caught. */
class UnblockCodeTest {

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void challengesAndResponsesRoundTrip(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            UnblockChallenge challenge = new UnblockChallenge(ParserFuzzTest.bytes(random, 10));
            String text = challenge.text();
            assertThat(text).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+");
            assertThat(UnblockChallenge.parse(text)).isEqualTo(challenge);
            // people type lower case, spaces instead of hyphens, O for 0 and I or L for 1
            String typed = text.toLowerCase().replace('-', ' ').replace('0', 'o').replace('1', 'l');
            assertThat(UnblockChallenge.parse(typed)).isEqualTo(challenge);

            UnblockResponse response = new UnblockResponse(ParserFuzzTest.bytes(random, 16));
            assertThat(UnblockResponse.parse(response.text())).isEqualTo(response);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {14, 15})
    void aSingleMistypedCharacterIsReportedAsMalformed(long seed) {
        Random random = new Random(seed);
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        for (int i = 0; i < 300; i++) {
            String text = new UnblockResponse(ParserFuzzTest.bytes(random, 16)).text();
            int at;
            do {
                at = random.nextInt(text.length());
            } while (text.charAt(at) == '-');
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            } while (replacement == text.charAt(at));
            String typo = text.substring(0, at) + replacement + text.substring(at + 1);
            assertThatThrownBy(() -> UnblockResponse.parse(typo)).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.MALFORMED));
        }
    }

    @Test
    void aChallengeIsNotAcceptedAsAResponse() {
        String challenge = new UnblockChallenge(new byte[10]).text();
        assertThatThrownBy(() -> UnblockResponse.parse(challenge)).isInstanceOf(TokenException.class);
        // shorter to read over the phone than the first design's 44 and 68 characters
        assertThat(challenge).hasSize(20 + 4);
        assertThat(new UnblockResponse(new byte[16]).text()).hasSize(29 + 7);
    }

    @Test
    void seedsAreCheckedAndKeepTheirAnswersOutOfToString() {
        UnblockAuthority authority = new UnblockAuthority(new byte[32]);
        UnblockSeeds seeds = authority.provision("S1", 4);
        assertThat(seeds.seeds()).hasSize(4);
        assertThat(seeds.seeds()).allSatisfy(seed -> assertThat(authority.respond("S1",
                new UnblockChallenge(seed.challenge())).answer()).isEqualTo(seed.answer()));
        assertThat(seeds.toString()).doesNotContain(java.util.HexFormat.of().formatHex(seeds.seeds().get(0).answer()))
                .contains("hidden");
        UnblockSeed one = seeds.seeds().get(0);
        for (Runnable bad : java.util.List.<Runnable>of(
                () -> new UnblockSeeds("S1", java.util.List.of()),
                () -> new UnblockSeeds("S1", java.util.List.of(one, one)),
                () -> new UnblockSeeds("bad serial", java.util.List.of(one)),
                () -> authority.provision("S1", 0),
                () -> authority.provision("S1", UnblockSeeds.MAX + 1),
                () -> new UnblockSeed(new byte[9], new byte[16]),
                () -> authority.respond("S1", null))) {
            assertThatThrownBy(bad::run).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.MALFORMED));
        }
    }
}
