package io.djinnbot.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineParserTest {
    private static final String ORIGINAL_STYLE = """
            id: review-demo
            name: Review Demo
            version: 1.0
            description: plan, build each item, review each item, finish
            defaults:
              model: openrouter/moonshotai/kimi-k2.5
              maxRetries: 2
              timeout: 900
            agents:
              - { id: finn, name: Finn, persona: agents/finn, tools: [read, write, bash] }
              - { id: yukihiro, name: Yuki, persona: agents/yukihiro }
            steps:
              - id: PLAN
                agent: finn
                input: "Split into tasks: {{task_description}}. Output ITEMS_JSON as a JSON array."
                outputs: [ITEMS_JSON]
                onComplete: BUILD
              - id: BUILD
                agent: yukihiro
                type: loop
                timeout: 600
                input: |
                  Do: {{current_item}} (done so far: {{completed_items}})
                  {% if review_feedback %}Fix this: {{review_feedback}}{% endif %}
                outputs: [summary]
                loop: { over: items_json, onEachComplete: CHECK, onAllComplete: WRAP }
              - id: CHECK
                agent: finn
                dependsOn: [BUILD]
                input: "Review {{summary}}. Set REVIEW_RESULT to APPROVED or CHANGES_REQUESTED."
                outputs: [review_result, review_feedback]
                onResult:
                  APPROVED: { continueLoop: true }
                  CHANGES_REQUESTED: { goto: BUILD, notify: { agent: finn, message: "rework" } }
              - id: WRAP
                agent: finn
                timeoutSeconds: 300
                input: "Summarise the run for {{task_description}}."
                outputs: [report]
            """;

    private final PipelineParser parser = new PipelineParser();

    @Test
    void originalStylePipelineLoadsWithItsDroppedKeyAsWarning() {
        ParseResult result = parser.parse(ORIGINAL_STYLE, "review-demo.yml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                new Problem("steps[2].dependsOn", "unknown key 'dependsOn' is ignored"));
        Pipeline pipeline = result.pipeline();
        assertThat(pipeline.id()).isEqualTo("review-demo");
        assertThat(pipeline.version()).isEqualTo("1.0");
        assertThat(pipeline.file()).isEqualTo("review-demo.yml");
        assertThat(pipeline.defaults().timeoutSeconds()).isEqualTo(900);
        assertThat(pipeline.defaults().maxRetries()).isEqualTo(2);
        assertThat(pipeline.agent("finn").orElseThrow().persona()).isEqualTo("agents/finn");
        assertThat(pipeline.agent("finn").orElseThrow().tools()).containsExactly("read", "write", "bash");
        assertThat(pipeline.step("PLAN").orElseThrow().outputs()).containsExactly("items_json");
        assertThat(pipeline.step("BUILD").orElseThrow().timeoutSeconds()).isEqualTo(600);
        assertThat(pipeline.step("BUILD").orElseThrow().loop())
                .isEqualTo(new LoopSpec("items_json", "CHECK", "WRAP"));
        assertThat(pipeline.step("WRAP").orElseThrow().timeoutSeconds()).isEqualTo(300);
        ResultAction changes = pipeline.step("CHECK").orElseThrow().onResult().get("CHANGES_REQUESTED");
        assertThat(changes.gotoStep()).isEqualTo("BUILD");
        assertThat(changes.notification()).isEqualTo(new ResultAction.Notify("finn", "rework"));
        assertThat(pipeline.step("CHECK").orElseThrow().onResult().get("APPROVED").continueLoop()).isTrue();
    }

    @Test
    void versionKeepsItsWrittenForm() {
        String yaml = minimal("version: 1.10\n");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.pipeline().version()).isEqualTo("1.10");
    }

    @Test
    void textVersionAndMissingPersonaAreAccepted() {
        String yaml = """
                id: p
                name: P
                version: "2.0.0"
                agents:
                  - id: kai
                    name: Kai
                    thinkingLevel: high
                steps:
                  - id: ONLY
                    agent: kai
                    input: go
                """;

        ParseResult result = parser.parse(yaml, "p.yml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.pipeline().version()).isEqualTo("2.0.0");
        assertThat(result.pipeline().agents().getFirst().persona()).isNull();
        assertThat(result.pipeline().agents().getFirst().thinkingLevel()).isEqualTo("high");
    }

    @Test
    void everyKeyOfTheOriginalSchemaIsAccepted() {
        String yaml = """
                id: full
                name: Full
                version: 1.0.0
                description: all keys
                defaults:
                  model: m
                  tools: [read]
                  maxRetries: 1
                  timeoutSeconds: 60
                  maxTurns: 10
                  maxOutputTokens: 1000
                  temperature: 0.2
                  maxIterations: 4
                agents:
                  - { id: a, name: A, persona: p, model: m2, tools: [bash], thinkingLevel: low }
                steps:
                  - id: ONE
                    agent: a
                    description: first
                    type: standard
                    model: m3
                    input: "{{task_description}}"
                    outputs: [verdict]
                    onComplete: TWO
                    onResult:
                      AGAIN: { retry: true, maxRetries: 2 }
                      TELL: { notify: { agent: a, message: hi } }
                    maxRetries: 0
                    timeout: 30
                    maxTurns: 5
                    maxOutputTokens: 200
                    temperature: 0.1
                    outputSchema: { name: verdict, schema: { type: object }, strict: false }
                    outputMethod: tool_use
                  - id: TWO
                    agent: a
                    input: done
                """;

        ParseResult result = parser.parse(yaml, "full.yml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        PipelineDefaults defaults = result.pipeline().defaults();
        assertThat(defaults).isEqualTo(new PipelineDefaults("m", List.of("read"), 1, 60, 10, 4));
        PipelineStep one = result.pipeline().step("ONE").orElseThrow();
        assertThat(one.onResult().get("AGAIN")).isEqualTo(new ResultAction(null, true, 2, false, null));
        assertThat(one.maxRetries()).isZero();
        assertThat(one.timeoutSeconds()).isEqualTo(30);
        assertThat(one.maxTurns()).isEqualTo(5);
    }

    @Test
    void unknownKeyNearAKnownOneSuggestsIt() {
        String yaml = minimal("").replace("onComplete: TWO", "onCompelte: TWO");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.pipeline()).isNull();
        assertThat(result.errors()).contains(
                new Problem("steps[0].onCompelte", "unknown key 'onCompelte'; did you mean 'onComplete'?"));
    }

    @Test
    void shortUnrelatedKeyIsOnlyAWarning() {
        String yaml = minimal("note: written by hand\n");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).containsExactly(new Problem("note", "unknown key 'note' is ignored"));
    }

    @Test
    void emptyFileIsReported() {
        ParseResult result = parser.parse("# nothing here\n", "x.yml");

        assertThat(result.errors()).containsExactly(new Problem("", "empty file"));
    }

    @Test
    void listAtTopLevelIsNotAPipeline() {
        ParseResult result = parser.parse("- a\n- b\n", "x.yml");

        assertThat(result.errors()).containsExactly(
                new Problem("", "not a pipeline: expected a mapping with id, name, agents and steps"));
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        String yaml = "id: x\nname: X\nsteps: [\n  - id: A\n";

        ParseResult result = parser.parse(yaml, "x.yml");

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().getFirst().message()).startsWith("YAML syntax error at line ")
                .contains(", column ");
    }

    @Test
    void missingRequiredTopLevelKeysAreEachNamed() {
        ParseResult result = parser.parse("description: nothing else\n", "x.yml");

        assertThat(result.errors()).extracting(Problem::path).containsExactly("id", "name", "agents", "steps");
    }

    @Test
    void emptyStepsAreAnError() {
        String yaml = "id: x\nname: X\nagents: [{id: a, name: A}]\nsteps: []\n";

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(new Problem("steps", "must list at least one step"));
    }

    @Test
    void duplicateIdsNameTheFirstOccurrence() {
        String yaml = """
                id: x
                name: X
                agents: [{id: a, name: A}, {id: a, name: B}]
                steps:
                  - {id: ONE, agent: a, input: i, onComplete: TWO}
                  - {id: ONE, agent: a, input: i, onComplete: TWO}
                  - {id: TWO, agent: a, input: i}
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).contains(
                new Problem("agents[1].id", "duplicate agent id 'a' (also agents[0])"),
                new Problem("steps[1].id", "duplicate step id 'ONE' (also steps[0])"));
    }

    @Test
    void danglingReferencesSuggestTheNearestIdAndListAll() {
        String yaml = """
                id: x
                name: X
                agents: [{id: kai, name: Kai}, {id: rosa, name: Rosa}]
                steps:
                  - id: IMPLEMENT
                    agent: kia
                    input: i
                    onComplete: REVEIW
                  - id: REVIEW
                    agent: rosa
                    input: r
                    outputs: [review_result]
                    onResult:
                      APPROVED: { goto: DONE }
                      CHANGES_REQUESTED: { goto: IMPLEMENT, notify: { agent: nadia, message: m } }
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(
                new Problem("steps[0].agent", "unknown agent 'kia'; did you mean 'kai'? (agents: kai, rosa)"),
                new Problem("steps[0].onComplete",
                        "unknown step 'REVEIW'; did you mean 'REVIEW'? (steps: IMPLEMENT, REVIEW)"),
                new Problem("steps[1].onResult.APPROVED.goto", "unknown step 'DONE' (steps: IMPLEMENT, REVIEW)"),
                new Problem("steps[1].onResult.CHANGES_REQUESTED.notify.agent",
                        "unknown agent 'nadia' (agents: kai, rosa)"));
    }

    @Test
    void loopTargetsAndMissingOverAreChecked() {
        String yaml = """
                id: x
                name: X
                agents: [{id: a, name: A}]
                steps:
                  - id: BUILD
                    agent: a
                    type: loop
                    input: "{{current_item}}"
                    loop: { onEachComplete: CHEK, onAllComplete: NOWHERE }
                  - id: CHECK
                    agent: a
                    input: c
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(
                new Problem("steps[0].loop.over",
                        "missing 'over': name the output that holds the JSON array of items"),
                new Problem("steps[0].loop.onEachComplete",
                        "unknown step 'CHEK'; did you mean 'CHECK'? (steps: BUILD, CHECK)"),
                new Problem("steps[0].loop.onAllComplete", "unknown step 'NOWHERE' (steps: BUILD, CHECK)"));
    }

    @Test
    void negativeRetriesAndTimeoutsAreRejected() {
        String yaml = minimal("").replace("defaults: {}", "defaults: { maxRetries: -1, timeout: -5 }");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(
                new Problem("defaults.maxRetries", "must not be negative (was -1)"),
                new Problem("defaults.timeout", "must not be negative (was -5)"));
    }

    @Test
    void nonLastStepWithoutRoutingIsADeadEnd() {
        String yaml = minimal("").replace("    onComplete: TWO\n", "");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(new Problem("steps[0]", "step 'ONE' is not the last step but"
                + " has no onComplete, onResult or loop, so a run would stop there; add 'onComplete: TWO'"));
    }

    @Test
    void cycleOfOnCompleteEdgesIsAnErrorNamingTheSteps() {
        String yaml = """
                id: x
                name: X
                agents: [{id: a, name: A}]
                steps:
                  - {id: ONE, agent: a, input: i, onComplete: TWO}
                  - {id: TWO, agent: a, input: i, onComplete: THREE}
                  - {id: THREE, agent: a, input: i, onComplete: TWO}
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(new Problem("steps[1].onComplete", "steps TWO -> THREE -> TWO"
                + " form a cycle of onComplete edges that never ends; route one of them with onResult"));
    }

    @Test
    void conditionalBackEdgeIsValid() {
        String yaml = """
                id: x
                name: X
                agents: [{id: a, name: A}]
                steps:
                  - {id: IMPLEMENT, agent: a, input: i, onComplete: REVIEW}
                  - id: REVIEW
                    agent: a
                    input: r
                    outputs: [review_result]
                    onResult:
                      APPROVED: { goto: DONE }
                      CHANGES_REQUESTED: { goto: IMPLEMENT }
                  - {id: DONE, agent: a, input: d}
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void unreachableStepIsAWarning() {
        String yaml = """
                id: x
                name: X
                agents: [{id: a, name: A}]
                steps:
                  - {id: ONE, agent: a, input: i, onComplete: THREE}
                  - {id: TWO, agent: a, input: i, onComplete: THREE}
                  - {id: THREE, agent: a, input: i}
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                new Problem("steps[1]", "step 'TWO' is unreachable from the first step 'ONE'"));
    }

    @Test
    void continueLoopWithoutALoopStepIsAnError() {
        String yaml = """
                id: x
                name: X
                agents: [{id: a, name: A}]
                steps:
                  - id: ONE
                    agent: a
                    input: i
                    onResult:
                      PASS: { continueLoop: true }
                """;

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(new Problem("steps[0].onResult.PASS.continueLoop",
                "continueLoop needs a step with 'loop:' in this pipeline, and there is none"));
    }

    @Test
    void wrongValueTypesAreNamed() {
        String yaml = minimal("").replace("defaults: {}", "defaults: { maxTurns: many, tools: read }")
                .replace("agents: [{id: a, name: A}]", "agents: [{id: a, name: A, thinkingLevel: hihg}]");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(
                new Problem("defaults.tools", "must be a list of strings"),
                new Problem("defaults.maxTurns", "must be a whole number"),
                new Problem("agents[0].thinkingLevel",
                        "'hihg' is not one of off, minimal, low, medium, high, xhigh; did you mean 'high'?"));
    }

    @Test
    void duplicateYamlKeyIsASyntaxError() {
        String yaml = minimal("name: Again\n");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().getFirst().message()).contains("Duplicate field 'name'");
    }

    @Test
    void declaredIdIsReadEvenFromAnInvalidFile() {
        assertThat(parser.declaredId("id: broken\nsteps: 3\n")).contains("broken");
        assertThat(parser.declaredId("::: not yaml [")).isEmpty();
    }

    @Test
    void stepThatCompletesIntoItselfIsACycle() {
        String yaml = minimal("").replace("onComplete: TWO", "onComplete: ONE");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(new Problem("steps[0].onComplete", "steps ONE -> ONE"
                + " form a cycle of onComplete edges that never ends; route one of them with onResult"));
    }

    @Test
    void loopTypeWithoutLoopBlockIsAnError() {
        String yaml = minimal("").replace("    input: t\n", "    input: t\n    type: loop\n");

        ParseResult result = parser.parse(yaml, null);

        assertThat(result.errors()).containsExactly(new Problem("steps[1].loop",
                "a step of type 'loop' needs 'loop: {over: <output>, ...}'"));
    }

    /** A valid two-step pipeline with {@code extra} appended at the top level. */
    private static String minimal(String extra) {
        return """
                id: x
                name: X
                defaults: {}
                agents: [{id: a, name: A}]
                steps:
                  - id: ONE
                    agent: a
                    input: i
                    onComplete: TWO
                  - id: TWO
                    agent: a
                    input: t
                """ + extra;
    }
}
