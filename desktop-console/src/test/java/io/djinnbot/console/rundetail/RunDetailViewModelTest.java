package io.djinnbot.console.rundetail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.djinnbot.console.app.DirectTaskRunner;
import io.djinnbot.console.client.DjinnBotClient;
import io.djinnbot.console.client.ServerEvent;
import io.djinnbot.console.testing.FixtureServer;
import io.djinnbot.console.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.djinnbot.console.testing.Fixtures.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

class RunDetailViewModelTest {
    private static final String PENDING_RUN = """
            {"id":"run_p","pipeline_id":"bugfix","task":"Fix it","status":"pending","progress":{"done":0,"total":2},
             "steps":[{"step_id":"FIX","agent_id":"kai","status":"pending"},
                      {"step_id":"VALIDATE","agent_id":"tomas","status":"pending"}]}""";

    private FixtureServer server;
    private RunDetailViewModel viewModel;
    private Consumer<List<ServerEvent>> stream;
    private final List<String> streamsOpened = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new FixtureServer()
                .json("GET", "/v1/runs/" + RUN_ID, Fixtures.text("run.json"))
                .json("GET", "/v1/runs/" + RUN_ID + "/files", Fixtures.text("files.json"))
                .json("GET", "/v1/runs/run_p", PENDING_RUN)
                .json("GET", "/v1/runs/run_p/files", "{\"run_id\":\"run_p\",\"files\":[]}");
        viewModel = new RunDetailViewModel(new DjinnBotClient(server.url()), new DirectTaskRunner(),
                (runId, consumer) -> {
                    streamsOpened.add(runId);
                    stream = consumer;
                    return () -> stream = null;
                });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void recordedHistoryBuildsTheTimelineWithLoopIterations() {
        viewModel.open(RUN_ID);

        stream.accept(Fixtures.runEvents());

        assertThat(streamsOpened).containsExactly(RUN_ID);
        assertThat(viewModel.runProperty().get().status()).isEqualTo("completed");
        assertThat(viewModel.steps()).extracting(StepState::stepId)
                .containsExactly("SPEC", "DESIGN", "IMPLEMENT", "REVIEW", "TEST", "DEPLOY");
        assertThat(viewModel.steps()).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo("completed");
            assertThat(step.durationMs()).isNotNull().isPositive();
        });
        assertThat(viewModel.steps()).filteredOn(step -> step.stepId().equals("IMPLEMENT")).singleElement()
                .satisfies(step -> {
                    assertThat(step.iterations()).isEqualTo(3);
                    assertThat(step.agentId()).isEqualTo("kai");
                    assertThat(step.model()).isEqualTo("offline/simulated");
                });
    }

    @Test
    void selectedStepShowsItsStreamedOutputAndThinkingInOrder() {
        viewModel.open(RUN_ID);
        stream.accept(Fixtures.runEvents());

        viewModel.selectStep("DESIGN");

        assertThat(viewModel.selectedStepProperty().get()).isEqualTo("DESIGN");
        assertThat(viewModel.outputProperty().get()).isEqualTo(chunks("agent_output", "DESIGN")).isNotBlank();
        assertThat(viewModel.thinkingProperty().get()).isEqualTo(chunks("agent_thinking", "DESIGN")).isNotBlank();
    }

    @Test
    void outputArrivingInSmallBatchesEqualsTheServersStepOutput() {
        viewModel.open(RUN_ID);
        List<ServerEvent> events = Fixtures.runEvents();

        for (int from = 0; from < events.size(); from += 7) {
            stream.accept(events.subList(from, Math.min(events.size(), from + 7)));
        }
        viewModel.selectStep("SPEC");

        String serverOutput = Fixtures.json("step-output.json").path("output").asText();
        assertThat(serverOutput).isNotBlank();
        assertThat(viewModel.outputProperty().get()).isEqualTo(serverOutput);
    }

    @Test
    void loopStepOutputMarksEachItemAndARestartedItem() {
        viewModel.open(RUN_ID);
        List<ServerEvent> events = new ArrayList<>(Fixtures.runEvents());
        events.add(Fixtures.event("""
                {"id":2000,"type":"step_started","timestamp":1,"run_id":"%s","step_id":"IMPLEMENT","attempt":1,
                 "loop_item":"Add tests and usage notes for Build a REST API for a todo app"}""".formatted(RUN_ID)));

        stream.accept(events);
        viewModel.selectStep("IMPLEMENT");

        assertThat(viewModel.outputProperty().get())
                .doesNotStartWith("\n")
                .contains("\n── next item: Implement the core behaviour of Build a REST API for a todo app"
                        + " ──\n")
                .endsWith("\n── started again: Add tests and usage notes for Build a REST API for a todo app"
                        + " ──\n");
    }

    @Test
    void toolCallsPairStartAndEndWithArgumentsResultAndDuration() {
        viewModel.open(RUN_ID);

        stream.accept(Fixtures.runEvents());

        assertThat(viewModel.toolCalls()).hasSize(36).allSatisfy(call -> {
            assertThat(call.finished()).isTrue();
            assertThat(call.args()).isNotBlank();
            assertThat(call.result()).isNotBlank();
        });
        assertThat(viewModel.toolCalls().getFirst()).satisfies(call -> {
            assertThat(call.toolCallId()).isEqualTo("offline_1_write");
            assertThat(call.stepId()).isEqualTo("SPEC");
            assertThat(call.toolName()).isEqualTo("write");
            assertThat(call.args()).contains("docs/spec.md");
            assertThat(call.result()).isEqualTo("Created docs/spec.md (696 bytes)");
            assertThat(call.error()).isFalse();
            assertThat(call.durationMs()).isEqualTo(3L);
        });
    }

    @Test
    void unfinishedToolCallShowsAsRunning() {
        viewModel.open(RUN_ID);

        stream.accept(List.of(Fixtures.event("""
                {"id":1,"type":"tool_call_start","timestamp":1,"run_id":"%s","step_id":"SPEC",
                 "tool_call_id":"t1","tool_name":"bash","args":"{\\"command\\":\\"ls\\"}"}""".formatted(RUN_ID))));

        assertThat(viewModel.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.finished()).isFalse();
            assertThat(call.args()).isEqualTo("{\"command\":\"ls\"}");
            assertThat(call.result()).isNull();
        });
    }

    @Test
    void filesComeFromTheServerListingAndEventsAddTheirStep() {
        viewModel.open(RUN_ID);

        stream.accept(Fixtures.runEvents());

        assertThat(viewModel.files()).hasSize(10);
        assertThat(viewModel.files()).filteredOn(file -> file.path().equals("docs/spec.md")).singleElement()
                .satisfies(file -> {
                    assertThat(file.size()).isEqualTo(696L);
                    assertThat(file.stepId()).isEqualTo("SPEC");
                    assertThat(file.action()).isEqualTo("create");
                });
        assertThat(server.requests()).extracting(request -> request.getUrl().encodedPath())
                .contains("/v1/runs/" + RUN_ID + "/files");
    }

    @Test
    void readFileShowsTheContentServedByTheServer() {
        server.json("GET", "/v1/runs/" + RUN_ID + "/files/content", Fixtures.text("file-content.json"));
        viewModel.open(RUN_ID);
        List<String> shown = new ArrayList<>();

        viewModel.readFile(viewModel.files().getFirst(), shown::add);

        String expected = Fixtures.json("file-content.json").path("content").asText();
        assertThat(shown).containsExactly(expected);
        assertThat(server.requests()).extracting(request -> request.getUrl().queryParameter("path"))
                .contains(viewModel.files().getFirst().path());
    }

    @Test
    void binaryOrTruncatedFilesSaySoInsteadOfShowingGarbage() {
        server.json("GET", "/v1/runs/" + RUN_ID + "/files/content", """
                {"path":"logo.png","size":2048,"truncated":false,"binary":true,"content":null}""");
        viewModel.open(RUN_ID);
        List<String> shown = new ArrayList<>();

        viewModel.readFile(new FileItem("logo.png", "", 2048L, null), shown::add);

        assertThat(shown).singleElement().asString().contains("binary file").contains("2048 bytes");
    }

    @Test
    void missingFileShowsTheServersReason() {
        server.route("GET", "/v1/runs/" + RUN_ID + "/files/content",
                request -> FixtureServer.jsonResponse(404, "{\"detail\":\"File 'x' not found\"}"));
        viewModel.open(RUN_ID);

        viewModel.readFile(new FileItem("x", "", null, null), text -> { });

        assertThat(viewModel.messageProperty().get()).contains("File 'x' not found");
    }

    @Test
    void llmCallsCarryTokensAndCost() {
        viewModel.open(RUN_ID);

        stream.accept(Fixtures.runEvents());

        assertThat(viewModel.llmCalls()).hasSize(36).allSatisfy(call -> {
            assertThat(call.runId()).isEqualTo(RUN_ID);
            assertThat(call.totalTokens()).isPositive();
            assertThat(call.model()).isEqualTo("simulated");
        });
    }

    @Test
    void runOpenedWhilePendingGoesLiveWhenItStarts() {
        viewModel.open("run_p");
        assertThat(viewModel.steps()).extracting(StepState::status).containsExactly("pending", "pending");
        assertThat(viewModel.outputProperty().get()).isEmpty();

        stream.accept(List.of(
                Fixtures.event("""
                        {"id":10,"type":"step_started","timestamp":5000,"run_id":"run_p","step_id":"FIX",
                         "agent_id":"kai","attempt":1,"model":"offline/simulated"}"""),
                Fixtures.event("""
                        {"id":11,"type":"agent_output","timestamp":5100,"run_id":"run_p","step_id":"FIX",
                         "chunk":"Reproducing "}"""),
                Fixtures.event("""
                        {"id":12,"type":"agent_output","timestamp":5200,"run_id":"run_p","step_id":"FIX",
                         "chunk":"the bug."}""")));

        assertThat(viewModel.runProperty().get().status()).isEqualTo("running");
        assertThat(viewModel.steps().getFirst().status()).isEqualTo("running");
        assertThat(viewModel.selectedStepProperty().get()).isEqualTo("FIX");
        assertThat(viewModel.outputProperty().get()).isEqualTo("Reproducing the bug.");
    }

    @Test
    void eventsOfAnotherRunAreIgnored() {
        viewModel.open("run_p");

        stream.accept(List.of(Fixtures.event("""
                {"id":1,"type":"agent_output","timestamp":1,"run_id":"run_other","step_id":"FIX","chunk":"x"}""")));

        assertThat(viewModel.outputProperty().get()).isEmpty();
        assertThat(viewModel.steps()).extracting(StepState::status).containsOnly("pending");
    }

    private static String chunks(String type, String stepId) {
        StringBuilder text = new StringBuilder();
        for (ServerEvent event : Fixtures.runEvents()) {
            if (event.type().equals(type) && stepId.equals(event.stepId())) {
                text.append(event.text("chunk"));
            }
        }
        return text.toString();
    }
}
