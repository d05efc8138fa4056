package io.djinnbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOptionsTest {
    @Test
    void pipelineAndTaskAloneGiveDefaults() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("engineering", "Build a REST API for a todo app"));

        assertThat(options).isEqualTo(new RunOptions("engineering", "Build a REST API for a todo app", null, null,
                null, null, false));
    }

    @Test
    void everyOptionIsReadInEitherForm() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("--context", "use Java", "engineering", "--project=todo",
                "Build it", "--model", "offline/simulated", "--server=http://127.0.0.1:9000", "--quiet"));

        assertThat(options).isEqualTo(new RunOptions("engineering", "Build it", "use Java", "todo",
                "offline/simulated", "http://127.0.0.1:9000", true));
    }

    @Test
    void doubleDashLetsTheTaskStartWithDashes() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("bugfix", "--", "--verbose flag is ignored"));

        assertThat(options.task()).isEqualTo("--verbose flag is ignored");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                                   | PIPELINE and TASK are missing
            engineering                          | TASK is missing
            engineering,task,extra               | unexpected argument "extra"
            engineering,task,--bogus,1           | unknown option --bogus
            engineering,task,--context           | --context needs a value
            engineering,task,--model,gpt4        | --model must look like PROVIDER/MODEL
            engineering,task,--server,localhost  | --server must be an http:// or https:// URL
            engineering,task,--quiet=yes         | --quiet takes no value
            """)
    void wrongArgumentsAreUsageErrors(String args, String message) {
        List<String> list = args.isEmpty() ? List.of() : List.of(args.split(","));

        assertThatThrownBy(() -> RunOptions.parse(list))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void helpIsRecognisedBeforeDoubleDashOnly() {
        assertThat(RunOptions.wantsHelp(List.of("engineering", "--help"))).isTrue();
        assertThat(RunOptions.wantsHelp(List.of("-h"))).isTrue();
        assertThat(RunOptions.wantsHelp(List.of("engineering", "--", "-h"))).isFalse();
    }

    @Test
    void serverFlagWinsOverEnvironment() throws UsageException {
        ServerEndpoint endpoint = ServerEndpoint.resolve("http://127.0.0.1:9001/",
                Map.of("DJINNBOT_SERVER_URL", "http://127.0.0.1:9002"));

        assertThat(endpoint.display()).isEqualTo("http://127.0.0.1:9001");
        assertThat(endpoint.explicit()).isTrue();
    }

    @Test
    void serverUrlFromEnvironmentIsExplicit() throws UsageException {
        ServerEndpoint endpoint = ServerEndpoint.resolve(null, Map.of("DJINNBOT_SERVER_URL", "http://127.0.0.1:9002",
                "DJINNBOT_PORT", "9999"));

        assertThat(endpoint.display()).isEqualTo("http://127.0.0.1:9002");
        assertThat(endpoint.explicit()).isTrue();
    }

    @Test
    void hostAndPortDefaultToLoopback8000AndAreImplicit() throws UsageException {
        assertThat(ServerEndpoint.resolve(null, Map.of()).display()).isEqualTo("http://127.0.0.1:8000");
        assertThat(ServerEndpoint.resolve(null, Map.of()).explicit()).isFalse();
        assertThat(ServerEndpoint.resolve(null, Map.of("DJINNBOT_HOST", "localhost", "DJINNBOT_PORT", "8123"))
                .display()).isEqualTo("http://localhost:8123");
    }

    @Test
    void badPortIsAUsageError() {
        assertThatThrownBy(() -> ServerEndpoint.resolve(null, Map.of("DJINNBOT_PORT", "eighty")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("DJINNBOT_HOST/DJINNBOT_PORT");
    }
}
