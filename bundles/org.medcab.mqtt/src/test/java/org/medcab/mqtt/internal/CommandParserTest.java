package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

class CommandParserTest {
    private static CommandError refused(byte[] payload) {
        return assertThrows(CommandException.class, () -> CommandParser.parse(payload)).error();
    }

    private static CommandError refused(String payload) {
        return refused(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnObjectExactly() throws CommandException {
        ObjectNode o = CommandParser.parse("{\"a\":1.10,\"b\":[true,null],\"c\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("1.10", o.get("a").decimalValue().toPlainString(), "no rounding through double");
        assertEquals("é", o.get("c").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "trailing garbage|{\"a\":1} x|not valid JSON",
        "second document|{\"a\":1}{\"b\":2}|not valid JSON",
        "duplicate key|{\"a\":1,\"a\":2}|Duplicate field 'a'",
        "NaN|{\"a\":NaN}|Non-standard token 'NaN'",
        "Infinity|{\"a\":Infinity}|not valid JSON",
        "comment|{/* hi */\"a\":1}|not valid JSON",
        "single quotes|{'a':1}|not valid JSON",
        "leading zero|{\"a\":01}|not valid JSON",
        "unterminated|{\"a\":|not valid JSON",
        "array|[1,2]|a command is a JSON object, not array",
        "string|\"cmd\"|a command is a JSON object, not string",
        "number|42|a command is a JSON object, not number",
        "null|null|a command is a JSON object, not null",
    })
    void refusesWhatIsNotOneStrictJsonObject(String what, String payload, String problem) {
        CommandError e = refused(payload);
        assertEquals("", e.field());
        assertTrue(e.problem().contains(problem), e.problem());
    }

    @Test
    void emptyPayload() {
        assertTrue(refused(new byte[0]).problem().contains("empty"));
        assertTrue(refused("   ").problem().contains("empty"));
    }

    @Test
    void malformedUtf8IsNamedWithItsOffset() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        CommandError e = refused(bad);
        assertEquals("not UTF-8: malformed byte sequence at byte 6", e.problem());
    }

    @Test
    void overlongUtf8AndLoneSurrogateBytesAreRefused() {
        assertTrue(refused(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}).problem().startsWith("not UTF-8"));
        assertTrue(refused(new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'}).problem().startsWith("not UTF-8"));
    }

    @Test
    void byteOrderMarkIsRefused() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertTrue(refused(bom).problem().contains("byte order mark"));
    }

    @Test
    void utf16IsNotGuessed() {
        assertTrue(refused("{\"a\":1}".getBytes(StandardCharsets.UTF_16)).problem().startsWith("not"));
    }

    @Test
    void nestingBeyondTheLimitIsRefusedWithItsField() {
        String deep = "{\"a\":".repeat(CommandParser.MAX_DEPTH) + "{}" + "}".repeat(CommandParser.MAX_DEPTH);
        CommandError e = refused(deep);
        assertEquals("/a".repeat(CommandParser.MAX_DEPTH), e.field());
        String ok = "{\"a\":".repeat(CommandParser.MAX_DEPTH - 1) + "{}" + "}".repeat(CommandParser.MAX_DEPTH - 1);
        assertThrowsNothing(ok);
    }

    @Test
    void aHundredThousandBracketsAreRefusedWithoutBuildingThem() {
        CommandError e = refused("[".repeat(100_000));
        assertTrue(e.problem().contains("nested deeper than"), e.problem());
    }

    @Test
    void longPropertyNameIsRefusedAtItsParent() {
        CommandError e = refused("{\"items\":[{\"" + "k".repeat(CommandParser.MAX_NAME + 1) + "\":1}]}");
        assertEquals("/items/0", e.field());
        assertTrue(e.problem().contains("property name"));
    }

    @Test
    void numbersOutOfAnyCommandsRangeAreRefusedWithTheirField() {
        assertEquals("/q", refused("{\"q\":1e999999999}").field());
        assertEquals("/q", refused("{\"q\":1e-999999999}").field());
        assertTrue(refused("{\"q\":" + "9".repeat(1000) + "}").problem().contains("digits"));
        assertThrowsNothing("{\"q\":1e300,\"r\":-12345678901234567890}");
    }

    @Test
    void pointerTokensAreEscaped() {
        int arrays = CommandParser.MAX_DEPTH - 1;
        CommandError e = refused("{\"a/b~c\":{\"x\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}}");
        assertTrue(e.field().startsWith("/a~1b~0c/x"), e.field());
    }

    private static void assertThrowsNothing(String json) {
        try {
            CommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (CommandException e) {
            throw new AssertionError("refused " + json + ": " + e.getMessage());
        }
    }
}
