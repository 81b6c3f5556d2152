package org.orgcert.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orgcert.server.application.ApplicationKind;

/** The guide's prices, one row per case (R-FEE-1..3, R-REN-3); money in fen. */
class FeeRulesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    /** The guide's prices, plus what the bureau pays the CA for an information change (30) and an unlock (20). */
    private static final Map<PriceItem, Long> PRICES = Map.of(PriceItem.MEDIUM, 6000L, PriceItem.SERVICE_YEAR, 16000L,
            PriceItem.INFO_CHANGE, 3000L, PriceItem.UNLOCK, 2000L);

    private static Price price(PriceItem item, LocalDate day) {
        return new Price(UUID.nameUUIDFromBytes(item.name().getBytes()), item, new Fen(PRICES.get(item)),
                LocalDate.of(2022, 1, 1), null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // kind, inside Kunming, first, employer pays, bureau pays, rule
                Arguments.of("R-FEE-1 a", ApplicationKind.NEW, true, true, 0, 22000),
                Arguments.of("R-FEE-3", ApplicationKind.NEW, false, true, 22000, 0),
                Arguments.of("R-FEE-2", ApplicationKind.NEW, true, false, 22000, 0), // after R-CH-7, expiry, loss
                Arguments.of("R-FEE-2", ApplicationKind.ADDITIONAL, true, false, 22000, 0),
                Arguments.of("R-FEE-2", ApplicationKind.REISSUE, true, true, 22000, 0),
                Arguments.of("R-FEE-2", ApplicationKind.REISSUE, true, false, 22000, 0),
                Arguments.of("R-FEE-1 b", ApplicationKind.RENEWAL, true, true, 0, 16000),
                Arguments.of("R-REN-3", ApplicationKind.RENEWAL, true, false, 16000, 0),
                Arguments.of("R-REN-3", ApplicationKind.RENEWAL, false, true, 16000, 0),
                Arguments.of("R-FEE-1 c", ApplicationKind.INFO_CHANGE, true, false, 0, 3000),
                Arguments.of("R-FEE-1 c", ApplicationKind.INFO_CHANGE, false, false, 0, 3000),
                Arguments.of("R-FEE-1 d", ApplicationKind.UNLOCK, false, false, 0, 2000));
    }

    @ParameterizedTest(name = "{0}: {1} inside={2} first={3} -> employer {4}, bureau {5}")
    @MethodSource("cases")
    void eachCaseChargesTheRightPartyTheRightAmount(String rule, ApplicationKind kind, boolean inside, boolean first,
            long employer, long bureau) {
        Quote quote = FeeRules.quote(new FeeFacts(kind, inside, first, DAY), FeeRulesTest::price);
        assertThat(quote.total(Payer.EMPLOYER)).isEqualTo(new Fen(employer));
        assertThat(quote.total(Payer.BUREAU)).isEqualTo(new Fen(bureau));
        assertThat(quote.lines()).allSatisfy(line -> {
            assertThat(line.rule()).startsWith(rule.substring(0, 5));
            assertThat(line.reason()).isNotBlank();
        });
        assertThat(quote.lines()).anySatisfy(line -> assertThat(line.rule()).isEqualTo(rule));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cancellingCostsNothing(boolean first) {
        assertThat(FeeRules.quote(new FeeFacts(ApplicationKind.CANCEL, true, first, DAY), FeeRulesTest::price).lines())
                .isEmpty();
    }

    /** Property: whoever pays, a quote's lines add up to the price list's prices of its items (seeded, 2,000 cases). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void employerPlusBureauIsAlwaysThePriceListsTotal(long seed) {
        Random random = new Random(seed);
        ApplicationKind[] kinds = ApplicationKind.values();
        for (int i = 0; i < 2000; i++) {
            FeeFacts facts = new FeeFacts(kinds[random.nextInt(kinds.length)], random.nextBoolean(), random.nextBoolean(),
                    DAY.plusDays(random.nextInt(365)));
            Quote quote = FeeRules.quote(facts, FeeRulesTest::price);
            long listed = quote.lines().stream().mapToLong(l -> PRICES.get(l.item())).sum();
            assertThat(quote.total(Payer.EMPLOYER).plus(quote.total(Payer.BUREAU))).isEqualTo(new Fen(listed));
            assertThat(quote.total()).isEqualTo(new Fen(listed));
        }
    }
}
