package io.djinnbot.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.djinnbot.server.app.errors.ApiExceptionMapper;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AgentResourceTest {
    private static final Path USER_DIR = createUserDir();
    private static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(() -> new AgentResource(new AgentRegistry(List.of(USER_DIR), true)))
            .addProvider(ApiExceptionMapper.class)
            .build();
    private static final GenericType<List<Map<String, Object>>> LIST = new GenericType<>() { };
    private static final GenericType<Map<String, Object>> OBJECT = new GenericType<>() { };

    /** ResourceExtension is built before JUnit injects @TempDir, so this class makes its own folder. */
    private static Path createUserDir() {
        try {
            Path dir = Files.createTempDirectory("agents-resource-test");
            Path zara = Files.createDirectories(dir.resolve("zara"));
            Files.writeString(zara.resolve("IDENTITY.md"), "**Name:** Zara\n**Role:** Tester\n");
            Files.writeString(zara.resolve("SOUL.md"), "x".repeat(600));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeUserDir() throws IOException {
        try (var paths = Files.walk(USER_DIR)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void listReturnsSnakeCaseSummariesWithAndWithoutTrailingSlash() {
        List<Map<String, Object>> agents = RESOURCES.target("/v1/agents").request().get(LIST);
        List<Map<String, Object>> slashed = RESOURCES.target("/v1/agents/").request().get(LIST);

        assertThat(agents).extracting(agent -> agent.get("id"))
                .containsExactly("felix", "ines", "kai", "lena", "nadia", "omar", "rosa", "tomas", "zara");
        assertThat(slashed).hasSameSizeAs(agents);
        assertThat(agents.getFirst()).containsOnlyKeys("id", "name", "emoji", "role", "description", "persona_files",
                "model", "built_in").containsEntry("built_in", true).containsEntry("model", null);
        assertThat(agents.getLast()).containsEntry("built_in", false).containsEntry("model", null);
    }

    @Test
    void detailHasFilesSoulPreviewAndConfig() {
        Map<String, Object> kai = RESOURCES.target("/v1/agents/kai").request().get(OBJECT);
        Map<String, Object> zara = RESOURCES.target("/v1/agents/zara").request().get(OBJECT);

        assertThat(kai).containsKeys("files", "soul_preview", "config").containsEntry("role", "Software Engineer");
        assertThat((Map<String, Object>) kai.get("files"))
                .containsKeys("IDENTITY.md", "SOUL.md", "AGENTS.md", "DECISION.md");
        assertThat((Map<String, Object>) kai.get("config")).containsEntry("thinking_level", "low");
        assertThat((String) zara.get("soul_preview")).hasSize(500);
    }

    @Test
    void unknownAgentIsNotFoundWithDetail() {
        Response response = RESOURCES.target("/v1/agents/ghost").request().get();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.readEntity(OBJECT)).containsEntry("detail", "Agent 'ghost' not found");
    }

    @Test
    void putConfigStoresSnakeCaseAndAnswersWithTheWholeConfig() {
        Response response = RESOURCES.target("/v1/agents/zara/config").request()
                .put(Entity.entity(Map.of("thinkingLevel", "high", "model", "offline/simulated"),
                        MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.getStatus()).isEqualTo(200);
        Map<String, Object> body = response.readEntity(OBJECT);
        assertThat(body).containsEntry("status", "updated");
        assertThat((Map<String, Object>) body.get("config")).containsEntry("thinking_level", "high")
                .containsEntry("model", "offline/simulated");
        assertThat(USER_DIR.resolve("zara/config.yml")).content().contains("thinking_level: high");
    }

    @Test
    void putConfigWithNonObjectBodyIsRejectedNamingTheBody() {
        Response response = RESOURCES.target("/v1/agents/zara/config").request()
                .put(Entity.entity("[1, 2]", MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat((String) response.readEntity(OBJECT).get("detail")).contains("request body")
                .contains("JSON object").contains("array");
    }

    @Test
    void putConfigOfUnknownAgentIsNotFound() {
        Response response = RESOURCES.target("/v1/agents/ghost/config").request()
                .put(Entity.entity(Map.of("model", "x"), MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.getStatus()).isEqualTo(404);
    }
}
