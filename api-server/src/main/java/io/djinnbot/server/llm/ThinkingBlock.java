package io.djinnbot.server.llm;

import java.util.Objects;

/**
 * A reasoning block as the provider sent it, kept to be sent back verbatim.
 *
 * @param type      {@code thinking} or {@code redacted_thinking}
 * @param content   the reasoning text, or the opaque data of a redacted block
 * @param signature the provider's signature of the block (empty for redacted blocks)
 */
public record ThinkingBlock(String type, String content, String signature) {
    public ThinkingBlock {
        Objects.requireNonNull(type, "type");
        content = Objects.requireNonNullElse(content, "");
        signature = Objects.requireNonNullElse(signature, "");
    }
}
