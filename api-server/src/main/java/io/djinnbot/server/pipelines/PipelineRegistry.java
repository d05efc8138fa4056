package io.djinnbot.server.pipelines;

import io.djinnbot.server.app.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines a run can use: {@code *.yml} / {@code *.yaml} files of the user directories (searched in order),
 * then the built-ins shipped as classpath resources listed in {@code /pipelines/index.txt}.
 *
 * <p>A file is known by its YAML {@code id}, or by its file name stem when it has no readable id. The first file
 * that holds an id wins, so a user file overrides a built-in of the same id; when that file is invalid, the id is
 * invalid (reported by {@link #invalid()}, never silently replaced by the built-in). Every lookup re-reads the
 * user directories, so edits on disk apply to the next run; parse results are cached per file content.
 *
 * <p>Thread-safe: all access to the cache and all writes hold one lock.
 */
public final class PipelineRegistry {
    private static final Logger LOGGER = LoggerFactory.getLogger(PipelineRegistry.class);
    private static final String BUILT_IN_INDEX = "/pipelines/index.txt";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final List<Path> userDirs;
    private final PipelineParser parser = new PipelineParser();
    private final List<Loaded> builtIns;
    private final Object lock = new Object();
    private final Map<Path, Loaded> cache = new HashMap<>();
    private final Set<String> reportedDuplicates = new HashSet<>();

    /** A file that could not be used. */
    public record InvalidPipeline(String file, String id, List<Problem> errors) {
        public InvalidPipeline {
            errors = List.copyOf(errors);
        }
    }

    /**
     * The text behind a pipeline id.
     *
     * @param id      the YAML id, or the file name stem when the file has none
     * @param file    base name of the file
     * @param builtIn true for a pipeline shipped with the server
     */
    public record PipelineSource(String id, String yaml, String file, boolean builtIn) {
    }

    /** One parsed file; {@code path} is null for a built-in. */
    private record Loaded(String id, String yaml, String file, Path path, ParseResult result) {
        boolean builtIn() {
            return path == null;
        }

        PipelineSource source() {
            return new PipelineSource(id, yaml, file, builtIn());
        }
    }

    public PipelineRegistry(List<Path> userDirs, boolean includeBuiltIns) {
        this.userDirs = List.copyOf(userDirs);
        this.builtIns = includeBuiltIns ? loadBuiltIns() : List.of();
        synchronized (lock) {
            winners();
        }
    }

    /** Valid pipelines, one per id, sorted by id. */
    public List<Pipeline> list() {
        synchronized (lock) {
            return winners().values().stream()
                    .filter(loaded -> loaded.result().isValid())
                    .map(loaded -> loaded.result().pipeline())
                    .sorted(Comparator.comparing(Pipeline::id))
                    .toList();
        }
    }

    /** The pipeline with this id as it is on disk now, when its file is valid. */
    public Optional<Pipeline> find(String id) {
        synchronized (lock) {
            Loaded loaded = winners().get(id);
            if (loaded == null || !loaded.result().isValid()) {
                return Optional.empty();
            }
            return Optional.of(loaded.result().pipeline());
        }
    }

    /** Every file that cannot be used, user files first. */
    public List<InvalidPipeline> invalid() {
        synchronized (lock) {
            return all().stream()
                    .filter(loaded -> !loaded.result().isValid())
                    .map(loaded -> new InvalidPipeline(loaded.file(), parser.declaredId(loaded.yaml()).orElse(null),
                            loaded.result().errors()))
                    .toList();
        }
    }

    /** The file that defines this id (by YAML id, else by file stem), valid or not. */
    public Optional<PipelineSource> source(String id) {
        synchronized (lock) {
            return locate(id).map(Loaded::source);
        }
    }

    /** Checks the file that defines this id; works for invalid files too. */
    public ParseResult validate(String id) {
        synchronized (lock) {
            return locate(id).map(Loaded::result).orElseThrow(() -> notFound(id));
        }
    }

    /** Checks YAML text that is not (yet) a file. */
    public ParseResult validateText(String yaml) {
        return parser.parse(yaml, null);
    }

    /**
     * Writes a pipeline to the user directory: over the user file that holds this id, else to {@code <id>.yml} in
     * the first user directory. The text must be valid and declare the same id. The file is replaced atomically.
     *
     * @throws ApiException 400 for invalid YAML or a different id, 409 when no user directory is configured or
     *                      {@code <id>.yml} already holds another pipeline
     */
    public Pipeline save(String id, String yaml) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid pipeline id '" + id
                    + "': use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        Optional<String> declared = parser.declaredId(yaml);
        if (declared.isPresent() && !declared.get().equals(id)) {
            throw new ApiException(400, "Pipeline id in the YAML ('" + declared.get()
                    + "') does not match the id in the path ('" + id + "')",
                    List.of(new ApiException.FieldProblem("id", "must be '" + id + "'")));
        }
        synchronized (lock) {
            if (userDirs.isEmpty()) {
                throw ApiException.conflict("No user pipeline directory is configured, so pipelines cannot be saved");
            }
            Path target = saveTarget(id);
            ParseResult result = parser.parse(yaml, target.getFileName().toString());
            if (!result.isValid()) {
                List<ApiException.FieldProblem> problems = result.errors().stream()
                        .map(problem -> new ApiException.FieldProblem(problem.path(), problem.message()))
                        .toList();
                throw new ApiException(400, "Pipeline '" + id + "' is invalid: " + result.errors().size()
                        + (result.errors().size() == 1 ? " error" : " errors"), problems);
            }
            writeAtomically(target, yaml);
            cache.put(target, new Loaded(id, yaml, target.getFileName().toString(), target, result));
            LOGGER.info("pipeline saved id={} file={}", id, target);
            return result.pipeline();
        }
    }

    private Path saveTarget(String id) {
        Loaded holder = winners().get(id);
        if (holder != null && !holder.builtIn()) {
            return holder.path();
        }
        Path target = userDirs.getFirst().resolve(id + ".yml");
        Loaded occupant = cache.get(target);
        if (Files.exists(target) && occupant != null && !occupant.id().equals(id)) {
            throw ApiException.conflict("File " + target.getFileName() + " already holds pipeline '"
                    + occupant.id() + "'");
        }
        return target;
    }

    private static void writeAtomically(Path target, String yaml) {
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
            Files.writeString(temp, yaml, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write pipeline file " + target, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOGGER.warn("temporary pipeline file left behind file={}", temp, e);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Pipeline '" + id + "' not found");
    }

    private Optional<Loaded> locate(String id) {
        Loaded byId = winners().get(id);
        if (byId != null) {
            return Optional.of(byId);
        }
        return all().stream().filter(loaded -> stem(loaded.file()).equals(id)).findFirst();
    }

    /** The first file holding each id, in search order. */
    private Map<String, Loaded> winners() {
        Map<String, Loaded> winners = new LinkedHashMap<>();
        for (Loaded loaded : all()) {
            Loaded first = winners.putIfAbsent(loaded.id(), loaded);
            if (first != null && !first.builtIn() && !loaded.builtIn()
                    && reportedDuplicates.add(loaded.id() + "|" + loaded.path())) {
                LOGGER.warn("pipeline id defined twice, later file ignored id={} used={} ignored={}",
                        loaded.id(), first.path(), loaded.path());
            }
        }
        return winners;
    }

    private List<Loaded> all() {
        List<Loaded> all = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        for (Path dir : userDirs) {
            for (Path file : yamlFiles(dir)) {
                present.add(file);
                all.add(loadUserFile(file));
            }
        }
        cache.keySet().retainAll(present);
        all.addAll(builtIns);
        return all;
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> isPipelineFileName(file.getFileName().toString()))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            LOGGER.warn("pipeline directory unreadable dir={}", dir, e);
            return List.of();
        }
    }

    private static boolean isPipelineFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yml") || lower.endsWith(".yaml"));
    }

    private Loaded loadUserFile(Path file) {
        String fileName = file.getFileName().toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            ParseResult unreadable = new ParseResult(null,
                    List.of(new Problem("", "cannot read file: " + e.getMessage())), List.of());
            return remember(file, new Loaded(stem(fileName), "", fileName, file, unreadable));
        }
        Loaded cached = cache.get(file);
        if (cached != null && cached.yaml().equals(yaml)) {
            return cached;
        }
        return remember(file, load(yaml, fileName, file));
    }

    private Loaded remember(Path file, Loaded loaded) {
        Loaded previous = cache.put(file, loaded);
        boolean changed = previous == null || !previous.yaml().equals(loaded.yaml())
                || previous.result().isValid() != loaded.result().isValid();
        if (changed && !loaded.result().isValid()) {
            LOGGER.warn("pipeline file skipped file={} reason={}", file, loaded.result().errorSummary());
        }
        return loaded;
    }

    private Loaded load(String yaml, String fileName, Path path) {
        ParseResult result = parser.parse(yaml, fileName);
        String id = result.isValid()
                ? result.pipeline().id()
                : parser.declaredId(yaml).orElse(stem(fileName));
        return new Loaded(id, yaml, fileName, path, result);
    }

    private List<Loaded> loadBuiltIns() {
        List<Loaded> loaded = new ArrayList<>();
        for (String fileName : builtInNames()) {
            String yaml = resourceText("/pipelines/" + fileName);
            if (yaml == null) {
                LOGGER.warn("built-in pipeline missing file={}", fileName);
                continue;
            }
            Loaded builtIn = load(yaml, fileName, null);
            if (!builtIn.result().isValid()) {
                LOGGER.warn("pipeline file skipped file={} reason={}", fileName, builtIn.result().errorSummary());
            }
            loaded.add(builtIn);
        }
        return List.copyOf(loaded);
    }

    /** The file names listed in the built-in index, since a jar cannot be listed. */
    static List<String> builtInNames() {
        String index = resourceText(BUILT_IN_INDEX);
        if (index == null) {
            LOGGER.warn("built-in pipeline index missing resource={}", BUILT_IN_INDEX);
            return List.of();
        }
        return index.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static String resourceText(String resource) {
        try (InputStream in = PipelineRegistry.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
