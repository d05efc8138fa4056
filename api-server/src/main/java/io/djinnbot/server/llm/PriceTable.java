package io.djinnbot.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prices per million tokens by {@code provider/model}, shipped in {@code llm/prices.json} and overridable
 * by a file of the same shape. A dated or variant id ({@code claude-sonnet-4-20250514}) takes its base
 * model's price; an unknown model of a known family takes its nearest sibling's price, marked
 * approximate; local providers are free. Immutable and thread-safe.
 */
public final class PriceTable {
    /** Prices in USD per million tokens. */
    public record Price(double input, double output, double cacheRead, double cacheWrite) {
    }

    /** The cost of one call; {@code approximate} when a price or a token count had to be guessed. */
    public record Cost(double input, double output, double total, boolean approximate) {
        public static final Cost FREE = new Cost(0, 0, 0, false);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FREE_PROVIDERS = Set.of(OfflineModel.PROVIDER, "ollama");
    private static final Pattern DATE_SUFFIX = Pattern.compile("(-\\d{8}|-\\d{4}-\\d{2}-\\d{2}|-latest|:[a-z]+)$");
    private static final int MIN_SIBLING_PREFIX = 5;

    private final Map<String, Price> prices;

    public PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The shipped table, with the entries of {@code override} (when it exists) replacing or adding. */
    public static PriceTable load(Path override) {
        Map<String, Price> prices = new HashMap<>();
        try (InputStream in = PriceTable.class.getResourceAsStream("/llm/prices.json")) {
            if (in != null) {
                read(JSON.readTree(in), prices);
            }
            if (override != null && Files.isRegularFile(override)) {
                read(JSON.readTree(override.toFile()), prices);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price table " + override, e);
        }
        return new PriceTable(prices);
    }

    private static void read(JsonNode root, Map<String, Price> into) {
        root.path("models").properties().forEach(entry -> {
            JsonNode price = entry.getValue();
            into.put(entry.getKey().toLowerCase(Locale.ROOT), new Price(price.path("input").asDouble(0),
                    price.path("output").asDouble(0), price.path("cache_read").asDouble(0),
                    price.path("cache_write").asDouble(0)));
        });
    }

    /** What a call cost. Unknown token counts price as zero and make the cost approximate. */
    public Cost cost(String provider, String model, Usage usage) {
        String p = provider.toLowerCase(Locale.ROOT);
        if (FREE_PROVIDERS.contains(p) || p.startsWith("custom-")) {
            return Cost.FREE;
        }
        Lookup lookup = find(p, model.toLowerCase(Locale.ROOT));
        if (lookup == null) {
            return new Cost(0, 0, 0, true);
        }
        Price price = lookup.price;
        long input = usage.inputTokens() == null ? 0 : usage.inputTokens();
        long output = usage.outputTokens() == null ? 0 : usage.outputTokens();
        double costIn = (input * price.input() + usage.cacheRead() * price.cacheRead()
                + usage.cacheWrite() * price.cacheWrite()) / 1_000_000d;
        double costOut = output * price.output() / 1_000_000d;
        boolean unknownTokens = usage.inputTokens() == null || usage.outputTokens() == null;
        return new Cost(round(costIn), round(costOut), round(costIn + costOut), lookup.approximate || unknownTokens);
    }

    private Lookup find(String provider, String model) {
        String key = provider + "/" + model;
        if (provider.equals("openrouter") && model.contains("/")) {
            key = model;
        }
        Price exact = prices.get(key);
        if (exact != null) {
            return new Lookup(exact, false);
        }
        String base = DATE_SUFFIX.matcher(key).replaceAll("");
        if (prices.containsKey(base)) {
            return new Lookup(prices.get(base), false);
        }
        String family = base.substring(0, base.indexOf('/') + 1);
        String best = null;
        int bestLength = 0;
        for (String candidate : prices.keySet()) {
            if (!candidate.startsWith(family)) {
                continue;
            }
            int common = commonPrefix(candidate, base) - family.length();
            if (common >= MIN_SIBLING_PREFIX && common > bestLength) {
                best = candidate;
                bestLength = common;
            }
        }
        return best == null ? null : new Lookup(prices.get(best), true);
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static double round(double value) {
        return Math.round(value * 1e8) / 1e8;
    }

    private record Lookup(Price price, boolean approximate) {
    }
}
