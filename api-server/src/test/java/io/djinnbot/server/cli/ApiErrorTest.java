package io.djinnbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiErrorTest {
    @Test
    void detailAndErrorsBecomeOneLineEach() {
        ApiError error = ApiError.parse(Events.MAPPER, 400, """
                {"detail": "Template variable 'design' cannot be supplied",
                 "errors": [{"path": "steps[2].input", "message": "uses {{design}}"},
                            {"path": "human_context", "message": "too long"}]}
                """);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.describe()).containsExactly(
                "Template variable 'design' cannot be supplied",
                "  steps[2].input: uses {{design}}",
                "  human_context: too long");
    }

    @Test
    void listDetailIsReadAsProblems() {
        ApiError error = ApiError.parse(Events.MAPPER, 422,
                "{\"detail\": [{\"loc\": [\"body\", \"task_description\"], \"msg\": \"field required\"}]}");

        assertThat(error.describe()).containsExactly("the request was not accepted",
                "  body.task_description: field required");
    }

    @Test
    void bodyThatIsNotJsonIsShownAsItIs() {
        ApiError error = ApiError.parse(Events.MAPPER, 502, "<html>Bad gateway</html>");

        assertThat(error.describe()).containsExactly("HTTP 502: <html>Bad gateway</html>");
    }

    @Test
    void emptyBodyNamesTheStatus() {
        assertThat(ApiError.parse(Events.MAPPER, 500, "").describe()).containsExactly("HTTP 500");
    }
}
