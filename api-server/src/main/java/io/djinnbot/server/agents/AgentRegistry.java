package io.djinnbot.server.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents of the team. An agent is a folder holding {@code IDENTITY.md}, with optional
 * {@code SOUL.md}, {@code AGENTS.md}, {@code DECISION.md} and {@code config.yml}. User folders are
 * searched first, in order, then the built-in team shipped as resources under {@code /agents/}
 * (listed in {@code /agents/index.txt}). Folders are read on every call, so edits show at once.
 * Thread-safe; config updates are serialised.
 */
public final class AgentRegistry {
    /** The persona files, in prompt order. */
    public static final List<String> PERSONA_FILES = List.of("IDENTITY.md", "SOUL.md", "AGENTS.md", "DECISION.md");
    private static final String CONFIG_FILE = "config.yml";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern IDENTITY_LINE =
            Pattern.compile("^(name|role|emoji|description)\\s*:\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Logger LOGGER = LoggerFactory.getLogger(AgentRegistry.class);
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final List<Path> userDirs;
    private final boolean includeBuiltIns;

    public AgentRegistry(List<Path> userDirs, boolean includeBuiltIns) {
        this.userDirs = List.copyOf(userDirs);
        this.includeBuiltIns = includeBuiltIns;
    }

    /** Every agent, sorted by id; a user folder hides a built-in agent of the same id. */
    public List<AgentDefinition> list() {
        Map<String, AgentDefinition> byId = new LinkedHashMap<>();
        for (Path dir : userDirs) {
            for (Path folder : agentFolders(dir)) {
                String id = folder.getFileName().toString();
                if (!byId.containsKey(id)) {
                    readFolder(folder).ifPresent(agent -> byId.put(id, agent));
                }
            }
        }
        if (includeBuiltIns) {
            for (String id : builtInIds()) {
                if (!byId.containsKey(id)) {
                    readBuiltIn(id).ifPresent(agent -> byId.put(id, agent));
                }
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(AgentDefinition::id)).toList();
    }

    /** The agent with this id, from the first place that has it. */
    public Optional<AgentDefinition> find(String id) {
        if (id == null || !VALID_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Optional<Path> folder = userFolder(id);
        if (folder.isPresent()) {
            return readFolder(folder.get());
        }
        return includeBuiltIns && builtInIds().contains(id) ? readBuiltIn(id) : Optional.empty();
    }

    /**
     * Merges changes into the agent's config.yml and returns the agent as it now reads. camelCase
     * keys become snake_case, nested objects merge, a null value removes a key. A built-in agent is
     * first copied to the first user folder, which from then on overrides it.
     *
     * @throws NoSuchElementException when there is no such agent
     * @throws IllegalStateException  when a built-in agent must be copied but no user folder is set
     */
    public synchronized AgentDefinition updateConfig(String id, Map<String, Object> changes) {
        AgentDefinition agent = find(id).orElseThrow(() -> new NoSuchElementException("Agent '" + id + "' not found"));
        try {
            Path folder = userFolder(id).orElse(null);
            if (folder == null) {
                folder = copyBuiltIn(agent);
            }
            Map<String, Object> config = new LinkedHashMap<>(readConfig(folder.resolve(CONFIG_FILE)));
            merge(config, normalise(changes));
            writeAtomically(folder.resolve(CONFIG_FILE), YAML.writeValueAsString(config));
            LOGGER.info("agent config updated agent={} keys={}", id, changes.keySet());
            return readFolder(folder).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update config of agent " + id, e);
        }
    }

    /** {@code thinkingLevel} → {@code thinking_level}; snake_case stays as it is. */
    static String snakeCase(String key) {
        return CAMEL_HUMP.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Reads identity fields from IDENTITY.md lines like {@code - **Role:** Architect}. */
    static Map<String, String> parseIdentity(String identity) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String raw : identity.split("\\R")) {
            String line = raw.strip().replaceFirst("^[-*+]\\s+", "").replace("**", "").replace("__", "").strip();
            Matcher matcher = IDENTITY_LINE.matcher(line);
            if (matcher.matches()) {
                fields.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2).strip());
            } else if (line.startsWith("# ") && !fields.containsKey("heading")) {
                fields.put("heading", line.substring(2).strip());
            }
        }
        return fields;
    }

    private Optional<Path> userFolder(String id) {
        return userDirs.stream()
                .map(dir -> dir.resolve(id))
                .filter(folder -> Files.isRegularFile(folder.resolve("IDENTITY.md")))
                .findFirst();
    }

    private static List<Path> agentFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .filter(folder -> {
                        String name = folder.getFileName().toString();
                        return !name.startsWith("_") && !name.startsWith(".") && VALID_ID.matcher(name).matches();
                    })
                    .filter(folder -> Files.isRegularFile(folder.resolve("IDENTITY.md")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOGGER.warn("cannot list agents dir={}", dir, e);
            return List.of();
        }
    }

    private static Optional<AgentDefinition> readFolder(Path folder) {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            for (String name : PERSONA_FILES) {
                Path file = folder.resolve(name);
                if (Files.isRegularFile(file)) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8).strip());
                }
            }
            Map<String, Object> config = readConfig(folder.resolve(CONFIG_FILE));
            return Optional.of(build(folder.getFileName().toString(), files, config, false));
        } catch (IOException e) {
            LOGGER.warn("cannot read agent folder={}", folder, e);
            return Optional.empty();
        }
    }

    private static Optional<AgentDefinition> readBuiltIn(String id) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : PERSONA_FILES) {
            String text = resource("/agents/" + id + "/" + name);
            if (text != null) {
                files.put(name, text.strip());
            }
        }
        if (!files.containsKey("IDENTITY.md")) {
            return Optional.empty();
        }
        String configText = resource("/agents/" + id + "/" + CONFIG_FILE);
        try {
            Map<String, Object> config = configText == null ? Map.of() : parseConfig(configText);
            return Optional.of(build(id, files, config, true));
        } catch (IOException e) {
            throw new UncheckedIOException("built-in agent " + id + " has an unreadable config.yml", e);
        }
    }

    private static AgentDefinition build(String id, Map<String, String> files, Map<String, Object> config,
            boolean builtIn) {
        Map<String, String> identity = parseIdentity(files.getOrDefault("IDENTITY.md", ""));
        String name = identity.getOrDefault("name", identity.getOrDefault("heading", id));
        return new AgentDefinition(id, name, identity.get("emoji"), identity.get("role"),
                identity.get("description"), files, config, builtIn);
    }

    private static List<String> builtInIds() {
        String index = resource("/agents/index.txt");
        if (index == null) {
            return List.of();
        }
        return index.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && VALID_ID.matcher(line).matches())
                .toList();
    }

    private static String resource(String path) {
        try (InputStream in = AgentRegistry.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }

    private static Map<String, Object> readConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        return parseConfig(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> parseConfig(String text) throws IOException {
        if (text.isBlank()) {
            return Map.of();
        }
        Map<String, Object> raw = YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        return raw == null ? Map.of() : normalise(raw);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(snakeCase(key),
                value instanceof Map<?, ?> nested ? normalise((Map<String, Object>) nested) : value));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> changes) {
        changes.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> nested && target.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(merged, (Map<String, Object>) nested);
                target.put(key, merged);
            } else {
                target.put(key, value);
            }
        });
    }

    private Path copyBuiltIn(AgentDefinition agent) throws IOException {
        if (userDirs.isEmpty()) {
            throw new IllegalStateException("agent '" + agent.id()
                    + "' is built in and no user agent folder is configured to hold its changed copy");
        }
        Path folder = userDirs.getFirst().resolve(agent.id());
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : agent.personaFiles().entrySet()) {
            writeAtomically(folder.resolve(file.getKey()), file.getValue() + "\n");
        }
        String config = resource("/agents/" + agent.id() + "/" + CONFIG_FILE);
        if (config != null) {
            writeAtomically(folder.resolve(CONFIG_FILE), config);
        }
        LOGGER.info("built-in agent copied agent={} folder={}", agent.id(), folder);
        return folder;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
