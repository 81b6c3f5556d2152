package org.orgcert.pki.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * A set of certificate profiles read from a properties file, so a CA changes what it issues by editing
 * data, not code. The built-in set is {@code profiles.properties} beside this class.
 *
 * <p>Each profile is a group of keys {@code <id>.<setting>}; see the built-in file for every setting.
 */
public final class CertificateProfiles {
    /** The id of the employer signing profile (R-CERT-1, R-CERT-4, R-CERT-5). */
    public static final String EMPLOYER_SIGNING = "employer-signing";
    /** The id of the employer encryption profile. */
    public static final String EMPLOYER_ENCRYPTION = "employer-encryption";
    /** The id of the OCSP signer profile. */
    public static final String OCSP_SIGNER = "ocsp-signer";
    /** The id of the issuing CA profile. */
    public static final String ISSUING_CA = "issuing-ca";
    /** The id of the root CA profile. */
    public static final String ROOT_CA = "root-ca";

    private final Map<String, CertificateProfile> profiles;

    private CertificateProfiles(Map<String, CertificateProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /** The profiles that ship with OrgCert. */
    public static CertificateProfiles builtIn() {
        try (InputStream in = CertificateProfiles.class.getResourceAsStream("profiles.properties")) {
            if (in == null) {
                throw new IllegalStateException("profiles.properties is missing from the pki jar");
            }
            return load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in profiles", e);
        }
    }

    /**
     * Reads profiles from a UTF-8 properties source.
     *
     * @throws IllegalArgumentException naming the profile and setting that is missing or wrong
     */
    public static CertificateProfiles load(Reader source) throws IOException {
        Properties properties = new Properties();
        properties.load(source);
        Set<String> ids = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("profile setting '" + key + "' is not of the form <id>.<setting>");
            }
            ids.add(key.substring(0, dot));
        }
        Map<String, CertificateProfile> profiles = new LinkedHashMap<>();
        for (String id : ids) {
            profiles.put(id, read(id, properties));
        }
        return new CertificateProfiles(profiles);
    }

    /**
     * The profile with this id.
     *
     * @throws PkiException LINT for an id that names no profile (a request or a recorded certificate that
     *                      does not fit this CA's profiles)
     */
    public CertificateProfile get(String id) {
        CertificateProfile profile = id == null ? null : profiles.get(id);
        if (profile == null) {
            throw new PkiException(PkiException.Kind.LINT,
                    "no certificate profile '" + id + "'; known: " + profiles.keySet());
        }
        return profile;
    }

    /** Every profile by id. */
    public Map<String, CertificateProfile> all() {
        return profiles;
    }

    private static CertificateProfile read(String id, Properties p) {
        Setting s = new Setting(id, p);
        ProfileKind kind = s.required("kind", ProfileKind::valueOf);
        String subject = s.optional("subject", null);
        CertificateProfile.SubjectTemplate template = null;
        if (subject != null) {
            if (subject.contains(",") || subject.isBlank()) {
                // A fixed ST and L once made every certificate say 云南省 昆明市, wherever the employer was.
                throw new IllegalArgumentException("profile " + id + ": subject is the country only, e.g. 'CN';"
                        + " ST and L come from the employer's USCC (DivisionPlace)");
            }
            template = new CertificateProfile.SubjectTemplate(subject.strip());
        }
        return new CertificateProfile(
                id,
                kind,
                s.required("validity", Period::parse),
                Period.parse(s.optional("max-carry-over", "P0D")),
                s.list("key-usage").stream().map(KeyUsageBit::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(KeyUsageBit.class))),
                keyUsageByAlgorithm(s),
                s.list("extended-key-usage"),
                Integer.parseInt(s.optional("path-length", "-1")),
                s.list("key-algorithms").stream().map(KeyAlgorithm::parse)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(KeyAlgorithm.class))),
                Boolean.parseBoolean(s.optional("crl-distribution-point", "false")),
                Boolean.parseBoolean(s.optional("authority-info-access", "false")),
                Boolean.parseBoolean(s.optional("ocsp-no-check", "false")),
                s.list("policies"),
                s.optional("identity-code-oid", null, CertificateProfiles::oid),
                s.optional("uscc-extension-oid", null, CertificateProfiles::oid),
                template,
                Integer.parseInt(s.optional("max-name-length", "64")));
    }

    /** An object identifier in dotted form, checked now so a typo fails at loading, not at the first issue. */
    private static String oid(String value) {
        return new org.bouncycastle.asn1.ASN1ObjectIdentifier(value).getId();
    }

    /** {@code key-usage.<algorithm>} settings, e.g. {@code key-usage.ecdsa-p256=KEY_AGREEMENT}. */
    private static Map<KeyAlgorithm, Set<KeyUsageBit>> keyUsageByAlgorithm(Setting s) {
        Map<KeyAlgorithm, Set<KeyUsageBit>> byAlgorithm = new EnumMap<>(KeyAlgorithm.class);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            List<String> bits = s.list("key-usage." + algorithm.label());
            if (!bits.isEmpty()) {
                byAlgorithm.put(algorithm, bits.stream().map(KeyUsageBit::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(KeyUsageBit.class))));
            }
        }
        return byAlgorithm;
    }

    /** Reads the settings of one profile, naming the profile and key in every error. */
    private record Setting(String id, Properties properties) {
        String optional(String key, String fallback) {
            String value = properties.getProperty(id + "." + key);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        /** An optional setting that must parse when present; {@code fallback} when absent. */
        <T> T optional(String key, T fallback, Function<String, T> parser) {
            return optional(key, null) == null ? fallback : required(key, parser);
        }

        <T> T required(String key, Function<String, T> parser) {
            String value = optional(key, null);
            if (value == null) {
                throw new IllegalArgumentException("profile " + id + " has no setting '" + key + "'");
            }
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("profile " + id + ": '" + key + "' = '" + value + "' is not valid", e);
            }
        }

        List<String> list(String key) {
            String value = optional(key, "");
            return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
        }
    }
}
