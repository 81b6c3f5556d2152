package org.orgcert.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Drives the application and review REST API in tests, as a client would, with JSON maps. */
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

    /** POSTs a form and expects {@code status}; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> submit(Map<String, Object> form, int status) {
        return client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .header("X-OrgCert-Actor", "clerk").body(form).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    /** Applies a process event and expects {@code status}; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> event(Object id, String event, int status) {
        return client.post().uri("/api/v1/applications/{id}/events/{event}", id, event)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "test")).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    /** The application as the API shows it. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(Object id) {
        return client.get().uri("/api/v1/applications/{id}", id).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();
    }

    /** Ticks every required material (R-MAT). */
    @SuppressWarnings("unchecked")
    public void tickAll(Object id) {
        for (Object item : (List<Object>) get(id).get("requiredMaterials")) {
            client.post().uri("/api/v1/applications/{id}/materials/{item}", id, item).exchange().expectStatus().isOk();
        }
    }

    /** Imports insurance records for {@code uscc}: pairs of (name, legal representative) (R-REV). */
    public void registry(Object uscc, String... nameAndLegalRepPairs) {
        StringBuilder csv = new StringBuilder("record_id,uscc,name,legal_representative,insuring_division\n");
        for (int i = 0; i < nameAndLegalRepPairs.length; i += 2) {
            csv.append("R-").append(uscc).append('-').append(i).append(',').append(uscc).append(',')
                    .append(nameAndLegalRepPairs[i]).append(',').append(nameAndLegalRepPairs[i + 1]).append(",530102\n");
        }
        client.post().uri("/api/v1/registry/import").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isOk();
    }

    /** Runs the insurance check and expects {@code status}; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> check(Object id, int status) {
        return client.post().uri("/api/v1/applications/{id}/review/check", id).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }

    /** Submits and takes an application to UNDER_REVIEW with all materials ticked; returns the body. */
    public Map<String, Object> underReview(String channel, String delivery, String window, boolean mail) {
        Map<String, Object> created = submit(form(channel, delivery, window, mail), 201);
        Object id = created.get("id");
        if (channel.equals("WINDOW")) {
            client.post().uri("/api/v1/applications/batches").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("windowId", window, "applicationIds", List.of(id))).exchange().expectStatus().isOk();
        }
        event(id, "RECEIVE", 200);
        event(id, "START_REVIEW", 200);
        tickAll(id);
        return created;
    }
}
