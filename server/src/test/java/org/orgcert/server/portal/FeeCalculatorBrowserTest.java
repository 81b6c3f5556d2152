package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.TestUscc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/** The fee calculator in a real browser (R-FEE-1..3): by keyboard, the quotes, the USCC's errors. */
class FeeCalculatorBrowserTest extends BrowserTest {
    @Autowired
    MessageSource messages;

    @Test
    void theKeyboardReachesTheUsccTheKindAndTheButtonWithAVisibleFocusAndSubmits_R_FEE_1_a() {
        open("/fees");
        List<String> reached = new ArrayList<>();
        Actions keys = new Actions(browser);
        for (int i = 0; i < 40 && !reached.contains("calculate"); i++) {
            keys.sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            String id = focused.getAttribute("id");
            if (List.of("uscc", "kind", "calculate").contains(id)) {
                reached.add(id);
                // The focus ring: a 3 px solid outline (portal.css), not the browser's faint default or none.
                assertThat(focused.getCssValue("outline-style")).as(id).isEqualTo("solid");
                assertThat(focused.getCssValue("outline-width")).as(id).isEqualTo("3px");
            }
            if (id.equals("uscc")) {
                keys.sendKeys(TestUscc.next().value()).perform();
            }
        }
        assertThat(reached).containsExactly("uscc", "kind", "calculate");
        keys.sendKeys(Keys.ENTER).perform();
        waitFor(d -> !d.findElements(By.id("quote")).isEmpty());
        assertThat(find("#employer-pays").getAttribute("data-yuan")).isEqualTo("0.00");
    }

    @Test
    void aKunmingEmployersFirstNewCertificateCostsItNothing_R_FEE_1_a() {
        quote(TestUscc.next(), "NEW");
        assertThat(find("#employer-pays").getAttribute("data-yuan")).isEqualTo("0.00");
        assertThat(find("#employer-pays").getText()).isEqualTo("用人单位支付：0.00元");
        assertThat(find("#bureau-pays").getAttribute("data-yuan")).isEqualTo("220.00");
        assertThat(column(".rule")).containsOnly("R-FEE-1 a").hasSize(2);
        assertThat(column(".amount")).containsExactly("60.00", "160.00");
        assertThat(column(".payer")).containsOnly("昆明市劳动就业服务局");
        assertThat(column(".reason")).allSatisfy(reason -> assertThat(reason).contains("首个证书"));
        assertThat(find("#quote").getText()).contains("该单位属昆明市辖区", "此证书为首个证书");
    }

    @Test
    void aFirstCertificateOutsideKunmingCosts220_R_FEE_3() {
        Uscc beijing = TestUscc.of("91", "110105", TestUscc.next().value().substring(8, 16));
        quote(beijing, "NEW");
        assertThat(find("#employer-pays").getAttribute("data-yuan")).isEqualTo("220.00");
        assertThat(find("#employer-pays").getText()).isEqualTo("用人单位支付：220.00元");
        assertThat(find("#bureau-pays").getAttribute("data-yuan")).isEqualTo("0.00");
        assertThat(column(".rule")).containsOnly("R-FEE-3").hasSize(2);
        assertThat(column(".amount")).containsExactly("60.00", "160.00");
        assertThat(find("#quote").getText()).contains("该单位不属昆明市辖区", "R-FEE-4");
    }

    @Test
    void anUnlockIsFreeToTheEmployerAndTheQuoteReadsInEnglishToo_R_FEE_1_d() {
        open("/fees?lang=en");
        fill(TestUscc.next(), "UNLOCK");
        assertThat(find("#employer-pays").getText()).isEqualTo("You pay: 0.00 yuan");
        assertThat(column(".rule")).containsExactly("R-FEE-1 d");
        assertThat(column(".payer")).containsExactly("The bureau");
        // English reasons are the fee rules' own sentences.
        assertThat(column(".reason")).singleElement().satisfies(reason -> assertThat(reason).contains("free to the"
                + " employer"));
    }

    @Test
    void aWrongCheckCharacterIsShownNextToTheFieldAndNothingIsQuoted() {
        String valid = TestUscc.next().value();
        String typo = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
        quote(typo, "NEW");
        WebElement field = find("#uscc");
        WebElement error = find("#uscc-error");
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).isEqualTo(messages.getMessage("fees.uscc.error.CHECK_CHARACTER", null,
                Locale.SIMPLIFIED_CHINESE));
        // Next to the field: in the same form group, right after the input, and announced with it.
        assertThat(error.findElement(By.xpath("preceding-sibling::*[1]"))).isEqualTo(field);
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).contains("uscc-error");
        assertThat(field.getAttribute("value")).isEqualTo(typo);
        assertThat(findAll("#quote")).isEmpty();
        assertThat(find(".error-summary").getText()).isEqualTo("请更正标出的栏目。");

        open("/fees?lang=en");
        fill(valid.substring(0, 10), "NEW");
        assertThat(find("#uscc-error").getText()).isEqualTo("A unified social credit code has 18 characters; you"
                + " entered 10.");
    }

    private void quote(Object uscc, String kind) {
        open("/fees");
        fill(uscc, kind);
    }

    private void fill(Object uscc, String kind) {
        find("#uscc").clear();
        find("#uscc").sendKeys(uscc.toString());
        new Select(find("#kind")).selectByValue(kind);
        find("#calculate").click();
        waitFor(d -> d.getCurrentUrl().contains("uscc="));
    }

    private List<String> column(String css) {
        return findAll("tr.quote-line " + css).stream().map(WebElement::getText).toList();
    }
}
