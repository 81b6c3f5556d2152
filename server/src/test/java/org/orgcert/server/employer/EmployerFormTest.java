package org.orgcert.server.employer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.server.domain.Refusal;

/** The form rules without Spring: every field checked, every mistake named at once (R-MAT-5). */
class EmployerFormTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 20);

    private static EmployerRequest valid() {
        return new EmployerRequest(" 91350100m000100y43 ", " 福州测试有限公司 ", null, "福州市鼓楼区 1 号",
                new EmployerRequest.Person("张三", "11010519491231002x", "138 1234 5678"),
                List.of(new EmployerRequest.ContactPerson("李四", "+8613912345678", " ")), null);
    }

    @Test
    void aValidRequestGivesCheckedValues() {
        EmployerForm.NewEmployer checked = EmployerForm.forCreate(valid(), TODAY);
        assertThat(checked.uscc().value()).isEqualTo("91350100M000100Y43");
        assertThat(checked.name()).isEqualTo("福州测试有限公司");
        assertThat(checked.claimedType()).isEmpty();
        assertThat(checked.legalRepresentative().idNumber().value()).isEqualTo("11010519491231002X");
        assertThat(checked.contacts()).singleElement().satisfies(c -> {
            assertThat(c.mobile().value()).isEqualTo("13912345678");
            assertThat(c.email()).isNull();
        });
    }

    @Test
    void everyWrongFieldIsNamed() {
        EmployerRequest request = new EmployerRequest("91350100M000100Y44", null, "charity", "",
                new EmployerRequest.Person("", "11010520300101002X", "1381234"),
                List.of(new EmployerRequest.ContactPerson("李四", "13912345678", "li@"),
                        new EmployerRequest.ContactPerson(" ", null, null)), null);
        Refusal problem = catchThrowableOfType(Refusal.class, () -> EmployerForm.forCreate(request, TODAY));
        assertThat(problem.type()).isEqualTo("invalid-input");
        @SuppressWarnings("unchecked")
        Map<String, String> errors = problem.fieldErrors();
        assertThat(errors).containsOnlyKeys("uscc", "name", "type", "address", "legalRepresentative.name",
                "legalRepresentative.idNumber", "legalRepresentative.mobile", "contacts[0].email",
                "contacts[1].name", "contacts[1].mobile");
        assertThat(errors.get("uscc")).contains("check character");
        assertThat(errors.get("legalRepresentative.idNumber")).isNotBlank();
        assertThat(errors.values()).noneMatch(m -> m.contains("1381234"));
    }

    @Test
    void aChangeNeedsTheVersionAndLeavesTheTypeToStaff() {
        EmployerRequest change = new EmployerRequest(null, "新名字", "SOCIAL_ORGANISATION", null, null, null, null);
        Refusal problem = catchThrowableOfType(Refusal.class, () -> EmployerForm.forUpdate(change, TODAY));
        @SuppressWarnings("unchecked")
        Map<String, String> errors = problem.fieldErrors();
        assertThat(errors).containsOnlyKeys("type", "version");

        EmployerForm.Changes ok = EmployerForm.forUpdate(
                new EmployerRequest(null, "新名字", null, null, null, null, 4L), TODAY);
        assertThat(ok.name()).isEqualTo("新名字");
        assertThat(ok.version()).isEqualTo(4);
        assertThat(ok.legalRepresentative()).isNull();
        assertThat(ok.contacts()).isNull();
    }
}
