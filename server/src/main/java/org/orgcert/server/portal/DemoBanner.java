package org.orgcert.server.portal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Whether the service runs as a demo ({@code orgcert.demo=true}): every portal page then says so at the top
 * and links to {@code /demo}, so that nobody takes the made-up data for real.
 */
@ControllerAdvice(basePackageClasses = DemoBanner.class)
class DemoBanner {
    private final boolean demo;

    DemoBanner(@Value("${orgcert.demo:false}") boolean demo) {
        this.demo = demo;
    }

    @ModelAttribute("demo")
    boolean demo() {
        return demo;
    }
}
