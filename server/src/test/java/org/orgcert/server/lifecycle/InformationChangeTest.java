package org.orgcert.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Information change (R-FEE-1 c): a new certificate for the same key, replacing the old one; never a new USCC. */
@ServiceTest
@AutoConfigureRestTestClient
class InformationChangeTest extends ServiceTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    @Autowired
    ApplicationContext context;
    @Autowired
    RestTestClient client;
    @Autowired
    CertificateStore certificates;
    @Autowired
    AuditLog audit;

    private Map<String, Object> change(CertificateRecord certificate, Map<String, Object> body, int status) {
        return client.post().uri("/api/v1/certificates/" + certificate.serialHex() + "/information-change")
                .headers(TestStaff.as(TestStaff.SERVICE)).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void aNewNameGivesANewCertificateForTheSameKeyAndSupersedesTheOld_R_FEE_1_c() throws Exception {
        KeyHolders.Holder holder = new KeyHolders(context).produce(TestUscc.next());
        Map<String, Object> changed = change(holder.certificate(), Map.of("employerName", "昆明市更名后有限公司",
                "address", "昆明市盘龙区北京路 2 号"), 201);

        X509CertificateHolder renamed = new X509CertificateHolder(Base64.getDecoder().decode((String) changed.get("certificate")));
        X509CertificateHolder old = new X509CertificateHolder(holder.certificate().certificate().orElseThrow());
        assertThat(IETFUtils.valueToString(renamed.getSubject().getRDNs(BCStyle.O)[0].getFirst().getValue()))
                .isEqualTo("昆明市更名后有限公司");
        assertThat(renamed.getSubjectPublicKeyInfo()).isEqualTo(old.getSubjectPublicKeyInfo());
        assertThat(renamed.getNotAfter()).isEqualTo(old.getNotAfter());
        // The old one stays valid until the new one is on the key (SuccessorOnKeyTest).
        CertificateRecord replaced = certificates.findBySerial(holder.certificate().serial()).orElseThrow();
        assertThat(replaced.state()).isEqualTo(org.orgcert.server.certificate.CertificateState.VALID);
        assertThat(changed).containsEntry("replaces", replaced.serialHex());
        // The assistant fetches it and writes it to the same key.
        assertThat(client.get().uri("/api/v1/certificates/" + holder.certificate().serialHex() + "/successor").exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody())
                .containsEntry("reason", "INFO_CHANGE").containsEntry("serial", changed.get("serial"));
        byte[] der = renamed.getEncoded();
        holder.token().importCertificate(holder.pin(), der);
        assertThat(holder.token().certificate()).hasValueSatisfying(held -> assertThat(held).isEqualTo(der));
        assertThat(certificates.findBySerial(new java.math.BigInteger((String) changed.get("serial"), 16)).orElseThrow()
                .firstOfEmployer()).isTrue(); // still the first certificate's line (R-FEE-1 b for its renewal)
    }

    @Test
    void aUsccChangeOrAChangeOfNothingIsRefusedAndChangesNothing_R_FEE_1_c_R_CERT_5() {
        KeyHolders.Holder holder = new KeyHolders(context).produce(TestUscc.next());
        Map<String, Object> refused = change(holder.certificate(), Map.of("uscc", TestUscc.next().value(),
                "employerName", "昆明市另一家有限公司"), 409);
        assertThat(refused.get("type").toString()).endsWith("/uscc-cannot-change");
        assertThat(change(holder.certificate(), Map.of("employerName", KeyHolders.NAME), 400).get("type").toString())
                .endsWith("/nothing-changed");
        assertThat(certificates.findSuccessor(holder.certificate().serial())).isEmpty();
        assertThat(audit.history("certificate", holder.certificate().serialHex()))
                .extracting(r -> r.entry().action()).contains("certificate.information-change.refused");
        // Only customer service changes information.
        client.post().uri("/api/v1/certificates/" + holder.certificate().serialHex() + "/information-change")
                .headers(TestStaff.as(TestStaff.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("employerName", "x")).exchange().expectStatus().isForbidden();
    }
}
