package org.orgcert.pki.name;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The place in an employer certificate comes from the USCC's division code, and only as far as it proves it (R-CERT-5). */
class DivisionPlaceTest {

    @Test
    void rCert5_aPrefectureCodeGivesProvinceAndPrefecture() {
        assertThat(DivisionPlace.of(Uscc.complete("91", "530302", "MA6K0001")))
                .isEqualTo(new DivisionPlace("云南省", "曲靖市"));
        assertThat(DivisionPlace.ofDivision("530102")).isEqualTo(new DivisionPlace("云南省", "昆明市"));
        assertThat(DivisionPlace.ofDivision("530300")).isEqualTo(new DivisionPlace("云南省", "曲靖市"));
        assertThat(DivisionPlace.ofDivision("440305")).isEqualTo(new DivisionPlace("广东省", "深圳市"));
        assertThat(DivisionPlace.ofDivision("532901")).isEqualTo(new DivisionPlace("云南省", "大理白族自治州"));
    }

    @Test
    void rCert5_aProvinceLevelCodeGivesTheProvinceOnly() {
        assertThat(DivisionPlace.ofDivision("530000")).isEqualTo(new DivisionPlace("云南省", null));
        // A municipality is province-level: its districts have no prefecture above them.
        assertThat(DivisionPlace.ofDivision("110105")).isEqualTo(new DivisionPlace("北京市", null));
        assertThat(DivisionPlace.ofDivision("500235")).isEqualTo(new DivisionPlace("重庆市", null));
        // A county-level city directly under its province (济源市).
        assertThat(DivisionPlace.ofDivision("419001")).isEqualTo(new DivisionPlace("河南省", null));
    }

    @Test
    void rCert5_anUnknownCodeGivesNoPlace() {
        assertThat(DivisionPlace.ofDivision("999900")).isEqualTo(DivisionPlace.UNKNOWN);
        assertThat(DivisionPlace.ofDivision("100000")).isEqualTo(DivisionPlace.UNKNOWN); // a national authority
        assertThat(DivisionPlace.ofDivision("539900")).isEqualTo(DivisionPlace.UNKNOWN); // no such prefecture
        assertThat(DivisionPlace.ofDivision("652100")).isEqualTo(DivisionPlace.UNKNOWN); // retired in 2015
        assertThat(DivisionPlace.ofDivision("53010A")).isEqualTo(DivisionPlace.UNKNOWN);
    }
}
