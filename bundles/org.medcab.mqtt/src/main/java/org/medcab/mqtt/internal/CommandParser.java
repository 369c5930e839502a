package org.medcab.mqtt.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a command payload strictly: UTF-8 only (no byte order mark, no malformed sequences), one
 * JSON object and nothing after it, no duplicate keys, no NaN or Infinity, no comments, and shapes
 * no command has (objects and arrays nested deeper than {@value #MAX_DEPTH}, property names longer than
 * {@value #MAX_NAME}, numbers beyond ±1e{@value #MAX_EXPONENT}). Refusing these here keeps the
 * schema validator and the handlers away from input built to exhaust them.
 */
final class CommandParser {
    static final int MAX_DEPTH = 16;
    static final int MAX_NAME = 128;
    static final int MAX_EXPONENT = 400;

    /** Strict reader; floats as BigDecimal so a value reaches the handler exactly as sent. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static {
        // Deeper than MAX_DEPTH is refused by walk() with the field named; this stops a stack of
        // a hundred thousand brackets before Jackson builds it.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 1).maxNumberLength(MAX_EXPONENT).build());
    }

    private CommandParser() {
    }

    /** The payload as a JSON object, or the reason it is not one. */
    static ObjectNode parse(byte[] payload) throws CommandException {
        String text = utf8(payload);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new CommandException("", "beyond what a command may be: objects and arrays nested deeper than "
                    + MAX_DEPTH + " levels, or a number of more than " + MAX_EXPONENT + " digits");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Jackson's hints name its own switches ("enable JsonReadFeature..."), which mean nothing to an HIS.
            String reason = e.getOriginalMessage().replaceFirst(": enable `.*$", "")
                    .replaceFirst(" \\(bound as `[^`]*`\\)", "").replaceFirst(": not allowed as per `.*$", "");
            throw new CommandException("", "not valid JSON" + where + ": " + reason);
        }
        if (node == null || node.isMissingNode()) {
            throw new CommandException("", "the payload is empty; a command is a JSON object");
        }
        if (!node.isObject()) {
            throw new CommandException("", "a command is a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        walk(node, "", 1);
        return (ObjectNode) node;
    }

    private static String utf8(byte[] payload) throws CommandException {
        if (payload.length >= 3 && (payload[0] & 0xFF) == 0xEF && (payload[1] & 0xFF) == 0xBB && (payload[2] & 0xFF) == 0xBF) {
            throw new CommandException("", "the payload starts with a byte order mark; send UTF-8 JSON without one");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (MalformedInputException e) {
            throw new CommandException("", "not UTF-8: malformed byte sequence at byte " + in.position());
        } catch (CharacterCodingException e) {
            throw new CommandException("", "not UTF-8 at byte " + in.position());
        }
    }

    private static void walk(JsonNode node, String pointer, int depth) throws CommandException {
        if (node.isContainerNode() && depth > MAX_DEPTH) {
            throw new CommandException(pointer, "objects and arrays nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().length() > MAX_NAME) {
                    throw new CommandException(pointer, "a property name is " + field.getKey().length()
                            + " characters long; at most " + MAX_NAME);
                }
                walk(field.getValue(), pointer + "/" + escape(field.getKey()), depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, depth + 1);
            }
        } else if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            // precision - scale - 1 is the decimal exponent: 1e999999999 would cost gigabytes as a BigInteger.
            long exponent = (long) value.precision() - value.scale() - 1;
            if (Math.abs(exponent) > MAX_EXPONENT || Math.abs((long) value.scale()) > MAX_EXPONENT) {
                throw new CommandException(pointer, "number out of range");
            }
        }
    }

    /** A property name as a JSON Pointer reference token (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
