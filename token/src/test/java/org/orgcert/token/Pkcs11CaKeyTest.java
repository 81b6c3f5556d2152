package org.orgcert.token;

import org.orgcert.token.testing.SoftHsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.algorithm.PrivateKeySigner;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CaFactory;
import org.orgcert.pki.ca.CaKeyStore;
import org.orgcert.pki.ca.CertificateAuthority;
import org.orgcert.pki.ca.CertifiedSigner;
import org.orgcert.pki.csr.CsrBuilder;
import org.orgcert.pki.csr.CsrParser;
import org.orgcert.pki.issue.CertificateIssuer;
import org.orgcert.pki.issue.CertificateSubject;
import org.orgcert.pki.issue.IssueRequest;
import org.orgcert.pki.name.Uscc;
import org.orgcert.pki.profile.CertificateProfiles;
import org.orgcert.pki.testing.OpenSsl;

/**
 * A CA key generated on and used from a PKCS#11 token (an HSM in production, SoftHSM2 here): it lives in
 * the pki module's {@link CaKeyStore}, and is tested here because this module owns the SoftHSM2 fixture.
 */
class Pkcs11CaKeyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void caKeyOnTheTokenSignsAChainOpenSslAccepts(KeyAlgorithm algorithm) throws Exception {
        SoftHsm.Slot slot = SoftHsm.next();
        Provider hsm = Security.getProvider("SunPKCS11").configure(
                new Pkcs11Config(Pkcs11Config.SOFTHSM2, slot.id()).configText("OrgCertCa" + slot.id()));
        char[] pin = Pkcs11Token.hsmPin(slot.secret()).toCharArray();
        CaFactory factory = new CaFactory(CertificateProfiles.builtIn(), Clock.systemUTC());

        java.security.KeyStore login = java.security.KeyStore.getInstance("PKCS11", hsm);
        login.load(null, pin);
        KeyPair keys = CaKeyStore.generatePkcs11(hsm, algorithm);
        assertThat(keys.getPrivate().getEncoded()).as("the CA key must not leave the token").isNull();
        CertificateAuthority root = factory.createRoot(PrivateKeySigner.of(keys.getPrivate(), keys.getPublic(), hsm),
                CaFactory.name("测试CA", "HSM Root " + algorithm.label()));
        CaKeyStore.savePkcs11(hsm, pin, "root", keys.getPrivate(), root.certificate(), List.of());

        CertifiedSigner loaded = CaKeyStore.loadPkcs11(hsm, pin, "root");
        assertThat(loaded.certificate()).isEqualTo(root.certificate());
        CertificateAuthority reopened = new CertificateAuthority(loaded.signer(), loaded.certificate(), List.of(), null);
        CertificateAuthority issuing = factory.createIssuing(reopened, PrivateKeySigner.of(algorithm.generateKeyPair()),
                CaFactory.name("测试CA", "Employer CA " + algorithm.label()), CaEndpoints.under("http://127.0.0.1/s"));
        var csr = new CsrParser().parse(CsrBuilder.build(new X500Name("CN=x"), PrivateKeySigner.of(algorithm.generateKeyPair())));
        byte[] employer = new CertificateIssuer(issuing, CertificateProfiles.builtIn(), Clock.systemUTC())
                .issue(IssueRequest.of(CertificateProfiles.EMPLOYER_SIGNING,
                        new CertificateSubject.Employer("昆明市硬件测试有限公司", new Uscc("91110000600037341L")),
                        csr.publicKey())).der();

        OpenSsl.Result result = OpenSsl.run(dir, "verify",
                "-CAfile", OpenSsl.writePem(dir.resolve("root.pem"), "CERTIFICATE", root.certificate().getEncoded()).toString(),
                "-untrusted", OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE",
                        issuing.certificate().getEncoded()).toString(),
                OpenSsl.writePem(dir.resolve("employer.pem"), "CERTIFICATE", employer).toString());
        assertThat(result.output()).contains("employer.pem: OK");

        assertThatThrownBy(() -> CaKeyStore.loadPkcs11(hsm, pin, "missing")).isInstanceOf(PkiException.class)
                .hasMessageContaining("no key entry 'missing'");
        assertThatThrownBy(() -> CaKeyStore.generatePkcs11(hsm, KeyAlgorithm.SM2))
                .hasMessageContaining("SunPKCS11 has no SM2");
    }
}
