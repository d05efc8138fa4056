package io.djinnbot.server.pipelines;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads DjinnBot pipeline YAML and checks it: the original schema (every key it knows, plus {@code maxIterations}
 * in {@code defaults}), cross references, dead ends, endless {@code onComplete} cycles and unreachable steps.
 * Unknown keys close to a known one are errors with a suggestion; other unknown keys are warnings and are
 * dropped, as the original does. Stateless and thread-safe.
 */
public final class PipelineParser {
    static final List<String> TOP_KEYS = List.of("id", "name", "version", "description", "defaults", "agents", "steps");
    static final List<String> DEFAULTS_KEYS = List.of("model", "tools", "maxRetries", "timeout", "timeoutSeconds",
            "maxTurns", "maxOutputTokens", "temperature", "maxIterations");
    static final List<String> AGENT_KEYS = List.of("id", "name", "persona", "model", "tools", "thinkingLevel");
    static final List<String> STEP_KEYS = List.of("id", "agent", "description", "type", "model", "input", "outputs",
            "onComplete", "onResult", "loop", "maxRetries", "timeout", "timeoutSeconds", "maxTurns",
            "maxOutputTokens", "temperature", "outputSchema", "outputMethod");
    static final List<String> ACTION_KEYS = List.of("goto", "retry", "maxRetries", "continueLoop", "notify");
    static final List<String> NOTIFY_KEYS = List.of("agent", "message");
    static final List<String> LOOP_KEYS = List.of("over", "onEachComplete", "onAllComplete");
    static final List<String> OUTPUT_SCHEMA_KEYS = List.of("name", "schema", "strict");
    static final List<String> STEP_TYPES = List.of("standard", "loop");
    static final List<String> OUTPUT_METHODS = List.of("response_format", "tool_use");
    static final List<String> THINKING_LEVELS = List.of("off", "minimal", "low", "medium", "high", "xhigh");

    private static final String NOT_A_PIPELINE = "not a pipeline: expected a mapping with id, name, agents and steps";

    private final ObjectMapper mapper;

    public PipelineParser() {
        this.mapper = new ObjectMapper(new YAMLFactory());
        this.mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Keep "version: 1.10" as written instead of the double 1.1.
        this.mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * Parses and checks one file.
     *
     * @param fileName the base name recorded in {@link Pipeline#file()}, or null for text that has no file
     */
    public ParseResult parse(String yamlText, String fileName) {
        Check check = new Check();
        Optional<JsonNode> root = readTree(yamlText, check);
        if (root.isEmpty()) {
            return check.result(null);
        }
        if (!root.get().isObject()) {
            check.error("", NOT_A_PIPELINE);
            return check.result(null);
        }
        Pipeline pipeline = check.pipeline(root.get(), fileName);
        return check.result(pipeline);
    }

    /** The top-level {@code id} of a YAML text, when it parses and has one. Never throws. */
    public Optional<String> declaredId(String yamlText) {
        try {
            JsonNode root = mapper.readTree(yamlText == null ? "" : yamlText);
            if (root != null && root.isObject() && root.path("id").isValueNode() && !root.path("id").isNull()) {
                String id = root.path("id").asText().strip();
                return id.isEmpty() ? Optional.empty() : Optional.of(id);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<JsonNode> readTree(String yamlText, Check check) {
        if (yamlText == null || yamlText.isBlank()) {
            check.error("", "empty file");
            return Optional.empty();
        }
        try {
            JsonNode root = mapper.readTree(yamlText);
            if (root == null || root.isMissingNode() || root.isNull()) {
                check.error("", "empty file");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            check.error("", syntaxMessage(e));
            return Optional.empty();
        }
    }

    private static String syntaxMessage(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String problem = marked.getProblem() == null ? "unreadable YAML" : marked.getProblem();
            String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
            return "YAML syntax error at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + problem + context;
        }
        String reason = e.getOriginalMessage() == null ? "unreadable YAML" : e.getOriginalMessage().strip();
        int newline = reason.indexOf('\n');
        String firstLine = newline < 0 ? reason : reason.substring(0, newline).strip();
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return "YAML syntax error at line " + location.getLineNr() + ", column " + location.getColumnNr()
                    + ": " + firstLine;
        }
        return "YAML syntax error: " + firstLine;
    }

    /** Optimal string alignment distance (a transposition counts as one edit), compared without case. */
    static int editDistance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length()][y.length()];
    }

    /**
     * The known key an unknown one is most likely a typo of. Keys of four letters or fewer allow one edit, longer
     * ones two, so that unrelated short words ({@code note} next to {@code name}) stay plain unknown keys.
     */
    static Optional<String> nearestKey(String unknown, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(unknown, candidate);
            int allowed = candidate.length() <= 4 ? 1 : 2;
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The valid id closest to a dangling reference, when it is plausibly a typo. */
    static Optional<String> nearestId(String wrong, Iterable<String> ids) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : ids) {
            int distance = editDistance(wrong, candidate);
            int allowed = Math.max(1, Math.min(3, candidate.length() / 2));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Collects problems while turning the tree into records. One instance per parse. */
    private static final class Check {
        private final List<Problem> errors = new ArrayList<>();
        private final List<Problem> warnings = new ArrayList<>();

        void error(String path, String message) {
            errors.add(new Problem(path, message));
        }

        void warning(String path, String message) {
            warnings.add(new Problem(path, message));
        }

        ParseResult result(Pipeline pipeline) {
            return new ParseResult(errors.isEmpty() ? pipeline : null, errors, warnings);
        }

        Pipeline pipeline(JsonNode root, String fileName) {
            keys(root, "", TOP_KEYS);
            String id = requiredText(root, "id", "");
            String name = requiredText(root, "name", "");
            String version = text(root, "version", "");
            String description = text(root, "description", "");
            PipelineDefaults defaults = defaults(root.get("defaults"));
            List<PipelineAgent> agents = agents(root.get("agents"));
            List<PipelineStep> steps = steps(root.get("steps"));
            Pipeline pipeline = new Pipeline(id, name, version, description, defaults, agents, steps, fileName);
            new References(this, pipeline, root.get("steps")).check();
            return pipeline;
        }

        private PipelineDefaults defaults(JsonNode node) {
            if (node == null || node.isNull()) {
                return PipelineDefaults.none();
            }
            if (!node.isObject()) {
                error("defaults", "must be a mapping");
                return PipelineDefaults.none();
            }
            keys(node, "defaults", DEFAULTS_KEYS);
            String model = text(node, "model", "defaults");
            List<String> tools = stringList(node, "tools", "defaults");
            Integer maxRetries = integer(node, "maxRetries", "defaults", 0);
            Integer timeout = timeout(node, "defaults");
            Integer maxTurns = integer(node, "maxTurns", "defaults", 1);
            integer(node, "maxOutputTokens", "defaults", 1);
            number(node, "temperature", "defaults");
            Integer maxIterations = integer(node, "maxIterations", "defaults", 1);
            return new PipelineDefaults(model, tools, maxRetries, timeout, maxTurns, maxIterations);
        }

        private List<PipelineAgent> agents(JsonNode node) {
            List<PipelineAgent> agents = new ArrayList<>();
            if (node == null || node.isNull()) {
                error("agents", "missing 'agents': list the agents the steps use");
                return agents;
            }
            if (!node.isArray()) {
                error("agents", "must be a list of agents");
                return agents;
            }
            if (node.isEmpty()) {
                error("agents", "must list at least one agent");
            }
            for (int i = 0; i < node.size(); i++) {
                String path = "agents[" + i + "]";
                JsonNode entry = node.get(i);
                if (!entry.isObject()) {
                    error(path, "must be a mapping with id and name");
                    continue;
                }
                keys(entry, path, AGENT_KEYS);
                String id = requiredText(entry, "id", path);
                String name = text(entry, "name", path);
                String persona = text(entry, "persona", path);
                String model = text(entry, "model", path);
                List<String> tools = stringList(entry, "tools", path);
                String thinking = choice(entry, "thinkingLevel", path, THINKING_LEVELS);
                agents.add(new PipelineAgent(id, name == null ? id : name, persona, model, tools, thinking));
            }
            return agents;
        }

        private List<PipelineStep> steps(JsonNode node) {
            List<PipelineStep> steps = new ArrayList<>();
            if (node == null || node.isNull()) {
                error("steps", "missing 'steps': a pipeline needs at least one step");
                return steps;
            }
            if (!node.isArray()) {
                error("steps", "must be a list of steps");
                return steps;
            }
            if (node.isEmpty()) {
                error("steps", "must list at least one step");
            }
            for (int i = 0; i < node.size(); i++) {
                String path = "steps[" + i + "]";
                JsonNode entry = node.get(i);
                if (!entry.isObject()) {
                    error(path, "must be a mapping with id, agent and input");
                    steps.add(null);
                    continue;
                }
                steps.add(step(entry, path));
            }
            return steps.stream().filter(step -> step != null).toList();
        }

        private PipelineStep step(JsonNode node, String path) {
            keys(node, path, STEP_KEYS);
            String id = requiredText(node, "id", path);
            String agent = requiredText(node, "agent", path);
            String description = text(node, "description", path);
            String type = choice(node, "type", path, STEP_TYPES);
            String model = text(node, "model", path);
            String input = requiredText(node, "input", path);
            List<String> outputs = stringList(node, "outputs", path).stream()
                    .map(output -> output.toLowerCase(Locale.ROOT))
                    .toList();
            String onComplete = text(node, "onComplete", path);
            Map<String, ResultAction> onResult = onResult(node.get("onResult"), path + ".onResult");
            LoopSpec loop = loop(node.get("loop"), path + ".loop");
            Integer maxRetries = integer(node, "maxRetries", path, 0);
            Integer timeout = timeout(node, path);
            Integer maxTurns = integer(node, "maxTurns", path, 1);
            integer(node, "maxOutputTokens", path, 1);
            number(node, "temperature", path);
            outputSchema(node.get("outputSchema"), path + ".outputSchema");
            choice(node, "outputMethod", path, OUTPUT_METHODS);
            String problem = Templates.blockProblem(input);
            if (problem != null) {
                warning(path + ".input", problem + "; the text is kept as it is");
            }
            if ("loop".equals(type) && loop == null && !node.has("loop")) {
                error(path + ".loop", "a step of type 'loop' needs 'loop: {over: <output>, ...}'");
            }
            String normalisedType = type != null ? type : loop != null ? "loop" : "standard";
            return new PipelineStep(id, agent, description, normalisedType, model, input, outputs, onComplete,
                    onResult, loop, maxRetries, timeout, maxTurns);
        }

        private Map<String, ResultAction> onResult(JsonNode node, String path) {
            Map<String, ResultAction> actions = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return actions;
            }
            if (!node.isObject()) {
                error(path, "must map result values to actions, e.g. APPROVED: {goto: TEST}");
                return actions;
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String actionPath = path + "." + entry.getKey();
                JsonNode action = entry.getValue();
                if (action == null || action.isNull() || action.isObject() && action.isEmpty()) {
                    warning(actionPath, "empty action: give goto, retry, continueLoop or notify");
                    actions.put(entry.getKey(), new ResultAction(null, false, null, false, null));
                    continue;
                }
                if (!action.isObject()) {
                    error(actionPath, "must be a mapping with goto, retry, maxRetries, continueLoop or notify");
                    continue;
                }
                keys(action, actionPath, ACTION_KEYS);
                String gotoStep = text(action, "goto", actionPath);
                boolean retry = Boolean.TRUE.equals(bool(action, "retry", actionPath));
                Integer maxRetries = integer(action, "maxRetries", actionPath, 0);
                boolean continueLoop = Boolean.TRUE.equals(bool(action, "continueLoop", actionPath));
                ResultAction.Notify notify = notify(action.get("notify"), actionPath + ".notify");
                if (gotoStep != null && (retry || continueLoop)) {
                    warning(actionPath, "'goto' is taken first; " + (retry ? "'retry'" : "'continueLoop'")
                            + " is ignored");
                }
                actions.put(entry.getKey(), new ResultAction(gotoStep, retry, maxRetries, continueLoop, notify));
            }
            return actions;
        }

        private ResultAction.Notify notify(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                error(path, "must be a mapping with agent and message");
                return null;
            }
            keys(node, path, NOTIFY_KEYS);
            String agent = requiredText(node, "agent", path);
            String message = text(node, "message", path);
            return new ResultAction.Notify(agent, message);
        }

        private LoopSpec loop(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                error(path, "must be a mapping with over, onEachComplete and onAllComplete");
                return null;
            }
            keys(node, path, LOOP_KEYS);
            String over = text(node, "over", path);
            if (over == null) {
                error(path + ".over", "missing 'over': name the output that holds the JSON array of items");
            }
            String onEach = text(node, "onEachComplete", path);
            String onAll = text(node, "onAllComplete", path);
            return new LoopSpec(over == null ? null : over.toLowerCase(Locale.ROOT), onEach, onAll);
        }

        private void outputSchema(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                error(path, "must be a mapping with name and schema");
                return;
            }
            keys(node, path, OUTPUT_SCHEMA_KEYS);
            requiredText(node, "name", path);
            JsonNode schema = node.get("schema");
            if (schema == null || !schema.isObject()) {
                error(path + ".schema", "must be a JSON schema mapping");
            }
            bool(node, "strict", path);
        }

        private Integer timeout(JsonNode node, String path) {
            Integer alias = integer(node, "timeout", path, 1);
            Integer seconds = integer(node, "timeoutSeconds", path, 1);
            if (alias != null && seconds != null && !alias.equals(seconds)) {
                warning(join(path, "timeout"), "both 'timeout' and 'timeoutSeconds' are given; 'timeoutSeconds' ("
                        + seconds + ") is used");
            }
            return seconds != null ? seconds : alias;
        }

        void keys(JsonNode node, String path, List<String> known) {
            for (String key : iterable(node)) {
                if (known.contains(key)) {
                    continue;
                }
                Optional<String> near = nearestKey(key, known);
                if (near.isPresent()) {
                    error(join(path, key), "unknown key '" + key + "'; did you mean '" + near.get() + "'?");
                } else {
                    warning(join(path, key), "unknown key '" + key + "' is ignored");
                }
            }
        }

        private static Iterable<String> iterable(JsonNode node) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }

        private String requiredText(JsonNode node, String key, String path) {
            JsonNode raw = node.get(key);
            if (raw == null || raw.isNull()) {
                error(join(path, key), "missing '" + key + "'");
                return null;
            }
            String value = text(node, key, path);
            if (value == null && raw.isValueNode()) {
                error(join(path, key), "must not be empty");
            }
            return value;
        }

        /** A scalar as text; multi-line prompts keep their layout, single values lose surrounding spaces. */
        private String text(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                error(join(path, key), "must be a string");
                return null;
            }
            String text = value.asText();
            if (text.isBlank()) {
                return null;
            }
            return text.indexOf('\n') >= 0 ? text : text.strip();
        }

        private String choice(JsonNode node, String key, String path, List<String> allowed) {
            String value = text(node, key, path);
            if (value == null || allowed.contains(value)) {
                return value;
            }
            Optional<String> near = nearestKey(value, allowed);
            error(join(path, key), "'" + value + "' is not one of " + String.join(", ", allowed)
                    + near.map(n -> "; did you mean '" + n + "'?").orElse(""));
            return null;
        }

        private List<String> stringList(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                error(join(path, key), "must be a list of strings");
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                    error(join(path, key) + "[" + i + "]", "must be a non-empty string");
                } else {
                    items.add(item.asText().strip());
                }
            }
            return items;
        }

        private Integer integer(JsonNode node, String key, String path, int minimum) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber() || !value.canConvertToInt()
                    || value.isFloatingPointNumber() && value.asDouble() != Math.rint(value.asDouble())) {
                error(join(path, key), "must be a whole number");
                return null;
            }
            int number = value.asInt();
            if (number < 0) {
                error(join(path, key), "must not be negative (was " + number + ")");
                return null;
            }
            if (number < minimum) {
                error(join(path, key), "must be at least " + minimum + " (was " + number + ")");
                return null;
            }
            return number;
        }

        private Double number(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                error(join(path, key), "must be a number");
                return null;
            }
            return value.asDouble();
        }

        private Boolean bool(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                error(join(path, key), "must be true or false");
                return null;
            }
            return value.asBoolean();
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    /** Checks between parts of a pipeline: ids, references, dead ends, cycles and reachability. */
    private static final class References {
        private final Check check;
        private final Pipeline pipeline;
        private final Map<String, Integer> stepIndex = new LinkedHashMap<>();
        private final Set<String> agentIds = new LinkedHashSet<>();
        private final boolean stepListIntact;

        References(Check check, Pipeline pipeline, JsonNode stepsNode) {
            this.check = check;
            this.pipeline = pipeline;
            // Paths use the YAML positions; they match the record list only when every entry was a mapping.
            this.stepListIntact = stepsNode != null && stepsNode.isArray()
                    && stepsNode.size() == pipeline.steps().size();
        }

        void check() {
            duplicateAgents();
            duplicateSteps();
            if (!stepListIntact) {
                return;
            }
            for (int i = 0; i < pipeline.steps().size(); i++) {
                references(pipeline.steps().get(i), "steps[" + i + "]");
            }
            deadEnds();
            unconditionalCycles();
            unreachable();
        }

        private void duplicateAgents() {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < pipeline.agents().size(); i++) {
                String id = pipeline.agents().get(i).id();
                if (id == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(id, i);
                if (first != null) {
                    check.error("agents[" + i + "].id", "duplicate agent id '" + id + "' (also agents[" + first + "])");
                }
                agentIds.add(id);
            }
        }

        private void duplicateSteps() {
            for (int i = 0; i < pipeline.steps().size(); i++) {
                String id = pipeline.steps().get(i).id();
                if (id == null) {
                    continue;
                }
                Integer first = stepIndex.putIfAbsent(id, i);
                if (first != null) {
                    check.error("steps[" + i + "].id", "duplicate step id '" + id + "' (also steps[" + first + "])");
                }
            }
        }

        private void references(PipelineStep step, String path) {
            if (step.agent() != null && !agentIds.contains(step.agent())) {
                check.error(path + ".agent", dangling("agent", step.agent(), agentIds));
            }
            stepReference(step.onComplete(), path + ".onComplete");
            if (step.loop() != null) {
                stepReference(step.loop().onEachComplete(), path + ".loop.onEachComplete");
                stepReference(step.loop().onAllComplete(), path + ".loop.onAllComplete");
                if (step.loop().over() != null && !declaredOutputs().contains(step.loop().over())) {
                    check.warning(path + ".loop.over", "no step declares the output '" + step.loop().over()
                            + "'; it must arrive in the run's context");
                }
            }
            boolean hasLoop = pipeline.steps().stream().anyMatch(PipelineStep::isLoop);
            for (Map.Entry<String, ResultAction> entry : step.onResult().entrySet()) {
                String actionPath = path + ".onResult." + entry.getKey();
                ResultAction action = entry.getValue();
                stepReference(action.gotoStep(), actionPath + ".goto");
                if (action.notification() != null && action.notification().agent() != null
                        && !agentIds.contains(action.notification().agent())) {
                    check.error(actionPath + ".notify.agent",
                            dangling("agent", action.notification().agent(), agentIds));
                }
                if (action.continueLoop() && !hasLoop) {
                    check.error(actionPath + ".continueLoop", "continueLoop needs a step with 'loop:' in this"
                            + " pipeline, and there is none");
                }
            }
        }

        private Set<String> declaredOutputs() {
            Set<String> outputs = new HashSet<>();
            pipeline.steps().forEach(step -> outputs.addAll(step.outputs()));
            return outputs;
        }

        private void stepReference(String target, String path) {
            if (target != null && !stepIndex.containsKey(target)) {
                check.error(path, dangling("step", target, stepIndex.keySet()));
            }
        }

        private static String dangling(String kind, String wrong, Set<String> valid) {
            String suggestion = nearestId(wrong, valid).map(near -> "; did you mean '" + near + "'?").orElse("");
            String list = valid.isEmpty() ? "none are defined" : String.join(", ", valid);
            return "unknown " + kind + " '" + wrong + "'" + suggestion + " (" + kind + "s: " + list + ")";
        }

        private void deadEnds() {
            List<PipelineStep> steps = pipeline.steps();
            for (int i = 0; i < steps.size() - 1; i++) {
                PipelineStep step = steps.get(i);
                if (step.onComplete() == null && step.onResult().isEmpty() && !step.isLoop()) {
                    String next = steps.get(i + 1).id();
                    check.error("steps[" + i + "]", "step '" + step.id() + "' is not the last step but has no"
                            + " onComplete, onResult or loop, so a run would stop there"
                            + (next == null ? "" : "; add 'onComplete: " + next + "'"));
                }
            }
        }

        /** A step whose only way on is its onComplete: nothing can end a cycle of such steps. */
        private String unconditionalNext(PipelineStep step) {
            if (step.isLoop() || !step.onResult().isEmpty() || step.onComplete() == null) {
                return null;
            }
            return stepIndex.containsKey(step.onComplete()) ? step.onComplete() : null;
        }

        private void unconditionalCycles() {
            Set<String> reported = new HashSet<>();
            for (PipelineStep start : pipeline.steps()) {
                if (start.id() == null || reported.contains(start.id())) {
                    continue;
                }
                List<String> chain = new ArrayList<>();
                String current = start.id();
                while (current != null && !chain.contains(current)) {
                    chain.add(current);
                    current = unconditionalNext(pipeline.steps().get(stepIndex.get(current)));
                }
                if (current == null || reported.contains(current)) {
                    continue;
                }
                List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(current), chain.size()));
                reported.addAll(cycle);
                String first = cycle.stream().min((a, b) -> stepIndex.get(a) - stepIndex.get(b)).orElseThrow();
                int at = cycle.indexOf(first);
                List<String> ordered = new ArrayList<>(cycle.subList(at, cycle.size()));
                ordered.addAll(cycle.subList(0, at));
                ordered.add(first);
                check.error("steps[" + stepIndex.get(first) + "].onComplete", "steps " + String.join(" -> ", ordered)
                        + " form a cycle of onComplete edges that never ends; route one of them with onResult");
            }
        }

        private void unreachable() {
            List<PipelineStep> steps = pipeline.steps();
            if (steps.isEmpty() || steps.getFirst().id() == null) {
                return;
            }
            Set<String> reached = PipelineRequirements.reachableSteps(pipeline);
            for (int i = 0; i < steps.size(); i++) {
                String id = steps.get(i).id();
                if (id != null && !reached.contains(id) && stepIndex.get(id) == i) {
                    check.warning("steps[" + i + "]", "step '" + id + "' is unreachable from the first step '"
                            + steps.getFirst().id() + "'");
                }
            }
        }
    }
}
