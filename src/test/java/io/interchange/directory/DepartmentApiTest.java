package io.interchange.directory;

import static io.interchange.support.Api.as;
import static io.interchange.support.Problems.invalid;
import static io.interchange.support.Problems.problem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interchange.platform.CheckCharacters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The directory: everyone reads it, only the hub admin changes it, and codes carry a valid check character. */
@QuarkusTest
@Tag("db")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DepartmentApiTest {

    static final String DEPARTMENTS = "/api/v1/departments";

    /** A fresh 统一社会信用代码 with a correct check character. */
    static String uscc() {
        StringBuilder first17 = new StringBuilder("11330000");
        for (int i = 0; i < 9; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        return first17.toString() + CheckCharacters.usccCheckChar(first17.toString());
    }

    /** A wrong check character for {@code code}. */
    static String withWrongCheckCharacter(String code) {
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        return code.substring(0, 17) + wrong;
    }

    static Map<String, Object> department() {
        Map<String, Object> body = new HashMap<>();
        body.put("id", "t-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("code", uscc());
        body.put("name", "测试厅");
        body.put("nameEn", "Test department");
        body.put("authority", false);
        return body;
    }

    static Response create(Map<String, Object> body) {
        return as("dsb-admin").body(body).post(DEPARTMENTS);
    }

    @Test
    void any_caller_lists_the_seeded_departments_with_valid_codes() {
        for (String client : List.of("psb-app", "mca-officer", "hrss-steward", "amr-auditor", "dsb-auditor")) {
            Response response = as(client).get(DEPARTMENTS);
            response.then()
                    .statusCode(200)
                    .body("size()", greaterThanOrEqualTo(7))
                    .body("id", hasItems("zj-dsb", "zj-psb", "zj-mca", "zj-hrss", "zj-amr", "zj-nhc", "zj-edu"));
            for (String code : response.jsonPath().getList("code", String.class)) {
                assertTrue(CheckCharacters.isValidUscc(code), code + " is a valid 统一社会信用代码");
            }
        }
    }

    @Test
    void any_caller_reads_one_department() {
        as("hrss-app")
                .get(DEPARTMENTS + "/zj-psb")
                .then()
                .statusCode(200)
                .body("id", equalTo("zj-psb"))
                .body("code", equalTo("11330000902104124J"));
    }

    @Test
    void an_unknown_department_is_not_found() {
        problem(as("psb-app").get(DEPARTMENTS + "/zj-nobody"), 404, "NOT_FOUND");
    }

    @Test
    void the_hub_admin_registers_a_department() {
        Map<String, Object> body = department();
        create(body)
                .then()
                .statusCode(201)
                .header("Location", endsWith(DEPARTMENTS + "/" + body.get("id")))
                .body("id", equalTo(body.get("id")))
                .body("code", equalTo(body.get("code")));
        as("psb-app").get(DEPARTMENTS + "/" + body.get("id")).then().statusCode(200);
    }

    @Test
    void a_code_with_a_wrong_check_character_is_refused_naming_code() {
        Map<String, Object> body = department();
        body.put("code", withWrongCheckCharacter((String) body.get("code")));
        invalid(create(body), "code");
        problem(as("psb-app").get(DEPARTMENTS + "/" + body.get("id")), 404, "NOT_FOUND");
    }

    @Test
    void a_code_that_is_not_18_characters_is_refused_naming_code() {
        Map<String, Object> body = department();
        body.put("code", "11330000902104124");
        invalid(create(body), "code");
    }

    @Test
    void every_invalid_member_is_listed_at_once() {
        Map<String, Object> body = department();
        body.put("id", "Not A Valid Id");
        body.put("code", "123");
        body.remove("name");
        invalid(create(body), "id", "code", "name").body("errors.size()", equalTo(3));
    }

    @Test
    void an_existing_id_is_a_conflict() {
        Map<String, Object> body = department();
        body.put("id", "zj-psb");
        problem(create(body), 409, "DEPARTMENT_EXISTS");
        as("psb-app").get(DEPARTMENTS + "/zj-psb").then().statusCode(200).body("name", equalTo("浙江省公安厅"));
    }

    @Test
    void a_code_that_belongs_to_another_department_is_a_conflict() {
        Map<String, Object> body = department();
        body.put("code", "11330000902104124J"); // zj-psb's
        problem(create(body), 409, "DEPARTMENT_CODE_EXISTS");
        problem(as("psb-app").get(DEPARTMENTS + "/" + body.get("id")), 404, "NOT_FOUND");
    }

    @Test
    void an_unknown_member_is_refused_naming_it() {
        Map<String, Object> body = department();
        body.put("budget", 1_000_000);
        problem(create(body), 400, "UNKNOWN_MEMBER", "budget");
    }

    @Test
    void only_the_hub_admin_registers_departments() {
        for (String client : List.of("psb-steward", "psb-officer", "psb-app", "psb-auditor", "dsb-auditor")) {
            Map<String, Object> body = department();
            problem(as(client).body(body).post(DEPARTMENTS), 403, "FORBIDDEN");
            problem(as("psb-app").get(DEPARTMENTS + "/" + body.get("id")), 404, "NOT_FOUND");
        }
    }

    @Test
    void only_the_hub_admin_updates_departments() {
        Map<String, Object> body = department();
        create(body).then().statusCode(201);
        body.put("name", "改名厅");
        problem(as("psb-steward").body(body).put(DEPARTMENTS + "/" + body.get("id")), 403, "FORBIDDEN");
        as("dsb-admin")
                .body(body)
                .put(DEPARTMENTS + "/" + body.get("id"))
                .then()
                .statusCode(200)
                .body("name", equalTo("改名厅"));
    }

    @Test
    void updating_an_unknown_department_is_not_found() {
        problem(as("dsb-admin").body(department()).put(DEPARTMENTS + "/zj-nobody"), 404, "NOT_FOUND");
    }

    @Test
    void an_update_whose_id_differs_from_the_path_is_refused_naming_id() {
        Map<String, Object> body = department();
        create(body).then().statusCode(201);
        Map<String, Object> other = new HashMap<>(body);
        other.put("id", "zj-psb");
        invalid(as("dsb-admin").body(other).put(DEPARTMENTS + "/" + body.get("id")), "id");
    }

    @Test
    void a_command_without_a_body_is_a_bad_request() {
        problem(as("dsb-admin").post(DEPARTMENTS), 400, "BAD_REQUEST", "body");
        problem(as("dsb-admin").put(DEPARTMENTS + "/zj-edu"), 400, "BAD_REQUEST", "body");
    }
}
