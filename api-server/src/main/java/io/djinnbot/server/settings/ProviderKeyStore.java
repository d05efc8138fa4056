package io.djinnbot.server.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.djinnbot.server.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider keys kept in the database, encrypted with {@link SecretBox}: the instance's keys (Settings →
 * Providers) and the local user's own keys. Extra configuration (base URLs and the like) is encrypted
 * too, as one JSON object. Thread-safe.
 */
public final class ProviderKeyStore {
    /** Whose key it is. */
    public enum Scope {
        INSTANCE("instance"), USER("user");

        private final String column;

        Scope(String column) {
            this.column = column;
        }
    }

    /** One stored provider row, decrypted. */
    public record Entry(String providerId, boolean enabled, String apiKey, Map<String, String> extraConfig,
                        long updatedAt) {
        public Entry {
            extraConfig = Map.copyOf(extraConfig);
        }

        public boolean hasKey() {
            return apiKey != null && !apiKey.isEmpty();
        }
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(ProviderKeyStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final Database database;
    private final SecretBox box;

    public ProviderKeyStore(Database database, SecretBox box) {
        this.database = database;
        this.box = box;
    }

    public Optional<Entry> find(Scope scope, String providerId) {
        return database.read(handle -> handle.createQuery("""
                        SELECT provider_id, enabled, api_key, extra_config, updated_at FROM provider_keys
                        WHERE scope = :scope AND provider_id = :id""")
                .bind("scope", scope.column).bind("id", providerId)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getString(4),
                        rs.getLong(5)))
                .findOne()).map(this::decrypt);
    }

    public List<Entry> list(Scope scope) {
        return database.read(handle -> handle.createQuery("""
                        SELECT provider_id, enabled, api_key, extra_config, updated_at FROM provider_keys
                        WHERE scope = :scope ORDER BY provider_id""")
                .bind("scope", scope.column)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getString(4),
                        rs.getLong(5)))
                .list()).stream().map(this::decrypt).toList();
    }

    /**
     * Creates or updates a row as the original does: the key is replaced only by a non-empty one, extra
     * configuration is merged and an empty value deletes its entry.
     */
    public Entry upsert(Scope scope, String providerId, boolean enabled, String apiKey,
                        Map<String, String> extraConfig) {
        Entry current = find(scope, providerId).orElse(null);
        String key = apiKey != null && !apiKey.isBlank() ? apiKey.strip()
                : current == null ? null : current.apiKey();
        Map<String, String> extra = new TreeMap<>(current == null ? Map.of() : current.extraConfig());
        if (extraConfig != null) {
            extraConfig.forEach((name, value) -> {
                if (value == null || value.isEmpty()) {
                    extra.remove(name);
                } else {
                    extra.put(name, value);
                }
            });
        }
        String storedKey = key == null ? null : box.encrypt(key);
        String storedExtra = extra.isEmpty() ? null : box.encrypt(toJson(extra));
        long now = System.currentTimeMillis();
        database.writeVoid(handle -> handle.createUpdate("""
                        INSERT INTO provider_keys (scope, provider_id, enabled, api_key, extra_config, created_at,
                            updated_at)
                        VALUES (:scope, :id, :enabled, :key, :extra, :now, :now)
                        ON CONFLICT (scope, provider_id) DO UPDATE SET enabled = :enabled, api_key = :key,
                            extra_config = :extra, updated_at = :now""")
                .bind("scope", scope.column).bind("id", providerId).bind("enabled", enabled)
                .bind("key", storedKey).bind("extra", storedExtra).bind("now", now)
                .execute());
        return new Entry(providerId, enabled, key, extra, now);
    }

    public boolean delete(Scope scope, String providerId) {
        return database.write(handle -> handle.createUpdate(
                        "DELETE FROM provider_keys WHERE scope = :scope AND provider_id = :id")
                .bind("scope", scope.column).bind("id", providerId).execute()) > 0;
    }

    private Entry decrypt(Row row) {
        String key = null;
        Map<String, String> extra = Map.of();
        try {
            key = row.apiKey == null ? null : box.decrypt(row.apiKey);
            extra = row.extra == null ? Map.of() : JSON.readValue(box.decrypt(row.extra), STRING_MAP);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            LOGGER.warn("stored provider key unreadable provider={} reason={}", row.providerId, e.getMessage());
        }
        return new Entry(row.providerId, row.enabled, key, extra == null ? Map.of() : new LinkedHashMap<>(extra),
                row.updatedAt);
    }

    private static String toJson(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
    }

    private record Row(String providerId, boolean enabled, String apiKey, String extra, long updatedAt) {
    }
}
