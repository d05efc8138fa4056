package io.djinnbot.console.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.console.testing.Fixtures;
import io.djinnbot.model.Agent;
import io.djinnbot.model.LlmCallPage;
import io.djinnbot.model.Pipeline;
import io.djinnbot.model.Run;
import io.djinnbot.model.ServerStatus;
import io.djinnbot.model.StepOutput;
import io.djinnbot.model.UsageSummary;
import io.djinnbot.model.WorkspaceFileContent;
import io.djinnbot.model.WorkspaceFileList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the wire names of the shared-model records the console reads: each fixture was recorded from the real
 * server, is read with the console's mapper, written back and read again. Every field the record writes must be
 * in the fixture with the same value, so a misspelt {@code @JsonProperty} fails here.
 */
class ModelFixturesTest {
    private static final Map<String, TypeReference<?>> TYPES = Map.of(
            "Run", new TypeReference<Run>() { },
            "Runs", new TypeReference<List<Run>>() { },
            "Pipelines", new TypeReference<List<Pipeline>>() { },
            "Agents", new TypeReference<List<Agent>>() { },
            "LlmCallPage", new TypeReference<LlmCallPage>() { },
            "UsageSummary", new TypeReference<UsageSummary>() { },
            "ServerStatus", new TypeReference<ServerStatus>() { },
            "StepOutput", new TypeReference<StepOutput>() { },
            "WorkspaceFileList", new TypeReference<WorkspaceFileList>() { },
            "WorkspaceFileContent", new TypeReference<WorkspaceFileContent>() { });

    private final ObjectMapper mapper = new DjinnBotClient("http://127.0.0.1:1").mapper();

    @ParameterizedTest
    @CsvSource(textBlock = """
            run.json,           Run,                  25
            runs.json,          Runs,                 14
            pipelines.json,     Pipelines,            100
            agents.json,        Agents,               20
            llm-calls.json,     LlmCallPage,          30
            usage-summary.json, UsageSummary,         15
            status.json,        ServerStatus,         4
            step-output.json,   StepOutput,           2
            files.json,         WorkspaceFileList,    25
            file-content.json,  WorkspaceFileContent, 6
            """)
    void recordedAnswerSurvivesARoundTripUnderItsWireNames(String fixture, String type, int minimumFields)
            throws Exception {
        JsonNode recorded = Fixtures.json(fixture);

        Object read = mapper.readValue(recorded.traverse(), mapper.getTypeFactory().constructType(TYPES.get(type)));
        JsonNode written = mapper.valueToTree(read);
        Object readAgain = mapper.treeToValue(written, mapper.getTypeFactory().constructType(TYPES.get(type)));

        assertThat(readAgain).isEqualTo(read);
        List<String> mismatches = new ArrayList<>();
        int matched = compare("$", written, recorded, mismatches);
        assertThat(mismatches).as("fields written under another name or value").isEmpty();
        assertThat(matched).as("non-null fields matched").isGreaterThanOrEqualTo(minimumFields);
    }

    /** Counts the non-null leaves of {@code written} found in {@code recorded}; lists the rest. */
    private static int compare(String at, JsonNode written, JsonNode recorded, List<String> mismatches) {
        if (written.isNull()) {
            if (recorded != null && !recorded.isNull() && !recorded.isMissingNode() && !recorded.isContainerNode()) {
                mismatches.add(at + " is null but was " + recorded);
            }
            return 0;
        }
        if (recorded == null || recorded.isMissingNode() || recorded.isNull()) {
            if (written.isContainerNode() && written.isEmpty() || written.isBoolean() && !written.asBoolean()
                    || written.isNumber() && written.asDouble() == 0) {
                return 0;
            }
            mismatches.add(at + " is not in the recorded answer");
            return 0;
        }
        if (written.isObject()) {
            int matched = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = written.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                matched += compare(at + "." + field.getKey(), field.getValue(), recorded.get(field.getKey()),
                        mismatches);
            }
            return matched;
        }
        if (written.isArray()) {
            if (written.size() != recorded.size()) {
                mismatches.add(at + " has " + written.size() + " items, recorded " + recorded.size());
                return 0;
            }
            int matched = 0;
            for (int i = 0; i < written.size(); i++) {
                matched += compare(at + "[" + i + "]", written.get(i), recorded.get(i), mismatches);
            }
            return matched;
        }
        boolean same = written.isNumber() && recorded.isNumber()
                ? written.decimalValue().compareTo(recorded.decimalValue()) == 0
                : written.equals(recorded);
        if (!same) {
            mismatches.add(at + " is " + written + " but was " + recorded);
            return 0;
        }
        return 1;
    }
}
