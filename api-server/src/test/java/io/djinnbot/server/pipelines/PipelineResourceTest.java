package io.djinnbot.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.app.errors.ApiExceptionMapper;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path userDir;

    private ResourceExtension resources;

    @BeforeEach
    void startResource() throws Throwable {
        Files.writeString(userDir.resolve("mine.yml"), PipelineRegistryTest.pipeline("mine", "Mine"));
        Files.writeString(userDir.resolve("broken.yml"), "id: broken\nname: Broken\nsteps: []\n");
        resources = ResourceExtension.builder()
                .addResource(new PipelineResource(new PipelineRegistry(List.of(userDir), true)))
                .addProvider(ApiExceptionMapper.class)
                .build();
        resources.before();
    }

    @AfterEach
    void stopResource() throws Throwable {
        resources.after();
    }

    @Test
    void listAnswersWithAndWithoutTrailingSlash() throws Exception {
        JsonNode plain = get("/v1/pipelines", 200);
        JsonNode slashed = get("/v1/pipelines/", 200);

        assertThat(plain).isEqualTo(slashed);
        assertThat(ids(plain)).containsExactly("bugfix", "engineering", "execute", "feature", "mine", "planning",
                "review");
    }

    @Test
    void pipelineViewUsesSnakeCase() throws Exception {
        JsonNode engineering = get("/v1/pipelines/engineering", 200);

        assertThat(engineering.get("built_in").asBoolean()).isTrue();
        assertThat(engineering.get("file").asText()).isEqualTo("engineering.yml");
        assertThat(engineering.get("version").asText()).isEqualTo("1.0.0");
        assertThat(engineering.get("defaults").get("timeout_seconds").asInt()).isEqualTo(900);
        assertThat(engineering.get("defaults").get("model").isNull()).isTrue();
        JsonNode implement = engineering.get("steps").get(2);
        assertThat(implement.get("id").asText()).isEqualTo("IMPLEMENT");
        assertThat(implement.get("loop").get("over").asText()).isEqualTo("task_breakdown_json");
        assertThat(implement.get("loop").get("on_each_complete").asText()).isEqualTo("REVIEW");
        assertThat(implement.get("loop").get("on_all_complete").asText()).isEqualTo("DEPLOY");
        JsonNode review = engineering.get("steps").get(3);
        assertThat(review.get("on_result").get("CHANGES_REQUESTED").get("goto").asText()).isEqualTo("IMPLEMENT");
        assertThat(review.get("on_result").get("APPROVED").get("continue_loop").asBoolean()).isFalse();
        JsonNode test = engineering.get("steps").get(4);
        assertThat(test.get("on_result").get("PASS").get("continue_loop").asBoolean()).isTrue();
        assertThat(engineering.get("agents").get(0).has("thinking_level")).isTrue();
    }

    @Test
    void unknownPipelineIsNotFound() throws Exception {
        JsonNode body = get("/v1/pipelines/nope", 404);

        assertThat(body).isEqualTo(JSON.readTree("{\"detail\":\"Pipeline 'nope' not found\"}"));
    }

    @Test
    void invalidFileIsNotListedButCanBeValidated() throws Exception {
        get("/v1/pipelines/broken", 404);

        JsonNode body = post("/v1/pipelines/broken/validate", 200);

        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.get("pipeline_id").asText()).isEqualTo("broken");
        assertThat(body.get("errors")).isEqualTo(JSON.readTree(
                "[{\"path\":\"agents\",\"message\":\"missing 'agents': list the agents the steps use\"},"
                        + "{\"path\":\"steps\",\"message\":\"must list at least one step\"}]"));
        assertThat(body.get("warnings")).isEmpty();
    }

    @Test
    void validateOfAValidPipelineHasNoErrors() throws Exception {
        JsonNode body = post("/v1/pipelines/feature/validate", 200);

        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("errors")).isEmpty();
    }

    @Test
    void validateOfAnUnknownIdIsNotFound() throws Exception {
        JsonNode body = post("/v1/pipelines/nope/validate", 404);

        assertThat(body.get("detail").asText()).isEqualTo("Pipeline 'nope' not found");
    }

    @Test
    void rawReturnsTheFileText() throws Exception {
        JsonNode body = get("/v1/pipelines/mine/raw", 200);

        assertThat(body.get("pipeline_id").asText()).isEqualTo("mine");
        assertThat(body.get("file").asText()).isEqualTo("mine.yml");
        assertThat(body.get("yaml").asText()).isEqualTo(PipelineRegistryTest.pipeline("mine", "Mine"));
    }

    @Test
    void putSavesAndTheNextReadSeesIt() throws Exception {
        String yaml = PipelineRegistryTest.pipeline("mine", "Renamed");

        JsonNode body = put("/v1/pipelines/mine", Map.of("yaml_content", yaml), 200);

        assertThat(body).isEqualTo(JSON.readTree(
                "{\"status\":\"updated\",\"pipeline_id\":\"mine\",\"file\":\"mine.yml\"}"));
        assertThat(get("/v1/pipelines/mine", 200).get("name").asText()).isEqualTo("Renamed");
        assertThat(Files.readString(userDir.resolve("mine.yml"))).isEqualTo(yaml);
    }

    @Test
    void putAcceptsTheShortFieldName() throws Exception {
        JsonNode body = put("/v1/pipelines/other", Map.of("yaml", PipelineRegistryTest.pipeline("other", "O")), 200);

        assertThat(body.get("file").asText()).isEqualTo("other.yml");
    }

    @Test
    void putWithMismatchedIdIsRejected() throws Exception {
        JsonNode body = put("/v1/pipelines/mine", Map.of("yaml_content", PipelineRegistryTest.pipeline("x", "X")),
                400);

        assertThat(body.get("detail").asText())
                .isEqualTo("Pipeline id in the YAML ('x') does not match the id in the path ('mine')");
    }

    @Test
    void putWithInvalidYamlListsTheErrors() throws Exception {
        String yaml = PipelineRegistryTest.pipeline("mine", "M").replace("agent: a", "agent: kia");

        JsonNode body = put("/v1/pipelines/mine", Map.of("yaml_content", yaml), 400);

        assertThat(body.get("detail").asText()).isEqualTo("Pipeline 'mine' is invalid: 2 errors");
        assertThat(body.get("errors").get(0)).isEqualTo(JSON.readTree(
                "{\"path\":\"steps[0].agent\",\"message\":\"unknown agent 'kia' (agents: a)\"}"));
        assertThat(Files.readString(userDir.resolve("mine.yml"))).contains("name: Mine");
    }

    @Test
    void putWithoutTheYamlFieldNamesIt() throws Exception {
        JsonNode body = put("/v1/pipelines/mine", Map.of("content", "x"), 400);

        assertThat(body.get("detail").asText()).isEqualTo("Field 'yaml_content' is required");
        assertThat(body.get("errors").get(0).get("path").asText()).isEqualTo("yaml_content");
    }

    private JsonNode get(String path, int status) throws Exception {
        try (Response response = resources.target(path).request(MediaType.APPLICATION_JSON).get()) {
            return read(response, status);
        }
    }

    private JsonNode post(String path, int status) throws Exception {
        try (Response response = resources.target(path).request(MediaType.APPLICATION_JSON)
                .post(Entity.json("{}"))) {
            return read(response, status);
        }
    }

    private JsonNode put(String path, Map<String, String> body, int status) throws Exception {
        try (Response response = resources.target(path).request(MediaType.APPLICATION_JSON)
                .put(Entity.json(JSON.writeValueAsString(body)))) {
            return read(response, status);
        }
    }

    private static JsonNode read(Response response, int status) throws Exception {
        String text = response.readEntity(String.class);
        assertThat(response.getStatus()).as(text).isEqualTo(status);
        return JSON.readTree(text);
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(node -> node.get("id").asText())
                .toList();
    }
}
