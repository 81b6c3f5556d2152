package org.orgcert.server.privacy;

import org.orgcert.server.OrgCertProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the personal data key once at start-up ({@link PersonalDataKey}); the service does not start without it. */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    PersonalDataCipher personalDataCipher(OrgCertProperties properties,
            @Value("${orgcert.personal-data-key:}") String base64Key) {
        return new PersonalDataCipher(PersonalDataKey.load(base64Key, properties.dataDir()));
    }
}
