package org.orgcert.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Drives the application and review REST API in tests, as a client would, with JSON maps. Each call signs in
 * (HTTP Basic) as the {@link TestStaff} member whose role does that step: the window's clerk or the CA clerk
 * submits, the reviewer reviews, and so on; the {@code …As} methods name the user.
 */
public final class ApplicationApi {
    /** The organisation name every test form uses. */
    public static final String NAME = "昆明市流程测试有限公司";
    /** The legal representative every test form names. */
    public static final String LEGAL_REP = "张三";

    private final RestTestClient client;

    public ApplicationApi(RestTestClient client) {
        this.client = client;
    }

    /** A complete NEW application form for a fresh USCC. */
    public static Map<String, Object> form(String channel, String delivery, String window, boolean mail) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", "NEW");
        form.put("employerName", NAME);
        form.put("uscc", TestUscc.next().value());
        form.put("category", "ENTERPRISE_OR_INDIVIDUAL_BUSINESS");
        form.put("legalRepresentative", LEGAL_REP);
        form.put("legalRepInPerson", false);
        form.put("agentName", "李四");
        form.put("channel", channel);
        form.put("delivery", delivery);
        form.put("windowId", window);
        if (mail) {
            form.put("mailingAddress", Map.of("recipient", "李四", "phone", "13812345678", "province", "云南省",
                    "city", "昆明市", "district", "五华区", "street", "正义路1号", "postalCode", "650000"));
        }
        return form;
    }

    /** POSTs a form as the clerk who takes it (the window's, or the CA's) and expects {@code status}. */
    public Map<String, Object> submit(Map<String, Object> form, int status) {
        Object window = form.get("windowId");
        boolean atWindow = "WINDOW".equals(form.get("channel")) && window != null;
        // A window that does not exist: a real clerk's form, refused for its windowId (400).
        return submitAs(!atWindow ? TestStaff.CA_CLERK : TestStaff.clerk(TestStaff.WINDOWS.contains(window.toString())
                ? window.toString() : "wuhua"), form, status);
    }

    /** POSTs a form as {@code user} and expects {@code status}; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> submitAs(String user, Map<String, Object> form, int status) {
        return client.post().uri("/api/v1/applications").headers(TestStaff.as(user))
                .contentType(MediaType.APPLICATION_JSON).body(form).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    /** Applies a process event as the role that does it (the application's window clerk for window steps). */
    public Map<String, Object> event(Object id, String event, int status) {
        return eventAs(actorFor(id, event), id, event, status);
    }

    /** Applies a process event as {@code user} and expects {@code status}; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> eventAs(String user, Object id, String event, int status) {
        return client.post().uri("/api/v1/applications/{id}/events/{event}", id, event).headers(TestStaff.as(user))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "test")).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    /** The test user whose role applies {@code event} to application {@code id}. */
    public String actorFor(Object id, String event) {
        return switch (event) {
            case "FORWARD", "ARRIVE_AT_WINDOW", "NOTIFY", "COLLECT", "RETURN_AND_CANCEL" -> {
                Object window = get(id).get("windowId");
                yield window == null ? TestStaff.CA_CLERK : TestStaff.clerk(window.toString());
            }
            case "START_REVIEW", "RETURN_FOR_MERGE", "RECORDS_MERGED", "ASK_PHONE_CONFIRMATION", "APPROVE", "REJECT",
                    "CONFIRM_BY_PHONE", "DECLINE_BY_PHONE" -> TestStaff.REVIEWER;
            case "START_PRODUCTION", "COMPLETE_PRODUCTION", "HAND_OVER", "SHIP", "CONFIRM_DELIVERY" -> TestStaff.OPERATOR;
            default -> TestStaff.CA_CLERK; // RECEIVE, AWAIT_PAYMENT, PAYMENT_SETTLED, WITHDRAW
        };
    }

    /** The application as the API shows it (read by the bureau administrator). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(Object id) {
        return client.get().uri("/api/v1/applications/{id}", id).headers(TestStaff.as(TestStaff.ADMIN)).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    /** Ticks every required material (R-MAT). */
    @SuppressWarnings("unchecked")
    public void tickAll(Object id) {
        tickAllAs(TestStaff.REVIEWER, id);
    }

    /** Ticks every required material as {@code user} (a window's clerk while the application is at the window). */
    @SuppressWarnings("unchecked")
    public void tickAllAs(String user, Object id) {
        for (Object item : (List<Object>) get(id).get("requiredMaterials")) {
            client.post().uri("/api/v1/applications/{id}/materials/{item}", id, item)
                    .headers(TestStaff.as(user)).exchange().expectStatus().isOk();
        }
    }

    /** Imports insurance records for {@code uscc}: pairs of (name, legal representative) (R-REV). */
    public void registry(Object uscc, String... nameAndLegalRepPairs) {
        StringBuilder csv = new StringBuilder("record_id,uscc,name,legal_representative,insuring_division\n");
        for (int i = 0; i < nameAndLegalRepPairs.length; i += 2) {
            csv.append("R-").append(uscc).append('-').append(i).append(',').append(uscc).append(',')
                    .append(nameAndLegalRepPairs[i]).append(',').append(nameAndLegalRepPairs[i + 1]).append(",530102\n");
        }
        client.post().uri("/api/v1/registry/import").headers(TestStaff.as(TestStaff.REVIEWER)).contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isOk();
    }

    /** Runs the insurance check and expects {@code status}; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> check(Object id, int status) {
        return client.post().uri("/api/v1/applications/{id}/review/check", id).headers(TestStaff.as(TestStaff.REVIEWER))
                .exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    /**
     * Submits and takes an application to UNDER_REVIEW with all materials ticked (at a window by its clerk before
     * forwarding, R-MAT, R-CH-4); returns the body.
     */
    public Map<String, Object> underReview(String channel, String delivery, String window, boolean mail) {
        Map<String, Object> created = submit(form(channel, delivery, window, mail), 201);
        Object id = created.get("id");
        if (channel.equals("WINDOW")) {
            tickAllAs(TestStaff.clerk(window), id);
            client.post().uri("/api/v1/applications/batches").headers(TestStaff.as(TestStaff.clerk(window)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("windowId", window, "applicationIds", List.of(id))).exchange().expectStatus().isOk();
        }
        event(id, "RECEIVE", 200);
        event(id, "START_REVIEW", 200);
        if (!channel.equals("WINDOW")) {
            tickAll(id);
        }
        return created;
    }
}
