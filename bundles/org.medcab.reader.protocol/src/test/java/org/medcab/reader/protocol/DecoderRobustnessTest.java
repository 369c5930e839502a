package org.medcab.reader.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Bytes from a reader are not trusted: no decoder may throw anything but its checked exceptions. */
class DecoderRobustnessTest {

    private interface Parser {
        Object parse(Frame f) throws Exception;
    }

    private static final List<Parser> PARSERS = List.of(
            Request::decode,
            f -> InventoryReply.decode(f, false),
            f -> InventoryReply.decode(f, true),
            f -> Replies.parseStatus(f, Command.of(f.command()).orElse(Command.RESET)),
            Replies::parseFirmwareVersion,
            Replies::parseWorkAntenna,
            Replies::parseOutputPower,
            Replies::parseRegion,
            Replies::parseTemperature,
            Replies::parseGpioLevels,
            Replies::parseAntennaDetector,
            Replies::parseLinkProfile,
            Replies::parseBufferCount,
            Replies::parseBufferedInventory,
            Replies::parseBufferedTag);

    @Test
    void randomFramesOnlyEverGiveCheckedExceptions() {
        Random random = new Random(1234);
        Command[] commands = Command.values();
        int decoded = 0;
        for (int i = 0; i < 4_000; i++) {
            int cmd = random.nextInt(8) == 0 ? random.nextInt(256) : commands[random.nextInt(commands.length)].code();
            int length = random.nextInt(4) == 0 ? random.nextInt(Frame.MAX_DATA + 1) : random.nextInt(24);
            byte[] data = new byte[length];
            random.nextBytes(data);
            if (length > 2 && random.nextBoolean()) {
                data[2] = (byte) (length - 6); // plausible DataLen of a buffered tag record
            }
            Frame frame = new Frame(random.nextInt(256), cmd, data);
            for (Parser p : PARSERS) {
                try {
                    p.parse(frame);
                    decoded++;
                } catch (MalformedFrameException | ErrorReplyException expected) {
                    // the documented outcome for bad input
                } catch (Exception e) {
                    throw new AssertionError("unchecked or undeclared exception for " + frame, e);
                }
            }
        }
        assertTrue(decoded > 200, "random input also decodes sometimes: " + decoded);
    }
}
